// One row of the timeline in its measured slot, memoized on its props: core keeps a row that did not
// change the same object, so a commit that brought one new message re-renders that row alone, not
// the hundreds above it. What a row shows that depends on its neighbours (the sender's name, the
// time, the quick replies, the divider) comes in as plain values the Timeline computes. A banner
// row is drawn here; a message row by MessageBubble.
import { memo } from 'react';
import type { ChatView, QuickReplyOption, TimelineRow } from '../core/model';
import { BannerBoundary, MessageBoundary } from './boundaries';
import { useI18n } from './i18n';
import { MessageBubble } from './MessageBubble';
import { bannerText } from './text';
import { MeasuredRow, type RowWatcher, type TimelineGeometry } from './windowing';

interface BannerProps {
  row: Extract<TimelineRow, { kind: 'banner' }>;
  names: ChatView['names'];
}

/** A centred line in the timeline: an agent joined, the conversation ended, … */
function Banner({ row, names }: BannerProps) {
  const { t } = useI18n();
  return (
    <div className="parley-row parley-banner" data-originator="system" data-banner={row.banner.type}>
      <p>{bannerText(t, row.banner, names)}</p>
    </div>
  );
}

export interface TimelineSlotProps {
  row: TimelineRow;
  geometry: TimelineGeometry;
  watch: RowWatcher | undefined;
  /** The "New messages" divider shows above this row. */
  divider: boolean;
  /** The names a banner says (undefined for messages, so that a new name re-renders only banners). */
  names: ChatView['names'] | undefined;
  senderName: string | undefined;
  senderAvatar: string | undefined;
  showTime: boolean;
  showQuickReplies: boolean;
  onRetry: (rowKey: string) => void;
  onQuickReply: (rowKey: string, option: QuickReplyOption) => void;
}

export const TimelineSlot = memo(function TimelineSlot({ row, geometry, watch, divider, names, senderName, senderAvatar, showTime, showQuickReplies, onRetry, onQuickReply }: TimelineSlotProps) {
  const { t } = useI18n();
  return (
    <MeasuredRow rowKey={row.key} geometry={geometry} watch={watch}>
      {divider && (
        <div className="parley-divider" role="separator" aria-label={t('newMessagesDivider')}>
          <span>{t('newMessagesDivider')}</span>
        </div>
      )}
      {row.kind === 'banner' ? (
        <BannerBoundary banner={row.banner}>
          <Banner row={row} names={names ?? {}} />
        </BannerBoundary>
      ) : (
        <MessageBoundary originator={row.originator} sequence={row.sequence}>
          <MessageBubble
            row={row}
            {...(senderName === undefined ? {} : { senderName })}
            {...(senderAvatar === undefined ? {} : { senderAvatar })}
            showTime={showTime}
            showQuickReplies={showQuickReplies}
            onRetry={onRetry}
            onQuickReply={onQuickReply}
          />
        </MessageBoundary>
      )}
    </MeasuredRow>
  );
});
