import { useCallback, useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { ChatView, QuickReplyOption, TimelineRow } from '../core/model';
import { Banner } from './Banner';
import { BannerBoundary, MessageBoundary } from './boundaries';
import { useI18n } from './i18n';
import { MessageBubble } from './MessageBubble';
import { agentName } from './text';
import { useAgentAnnouncements } from './useAgentAnnouncements';
import { useChooseQuickReply, useRetryMessage } from './useParleySession';
import { MeasuredRow, useVirtualRows } from './windowing';
import './Timeline.css';

export interface TimelineProps {
  chat: ChatView;
  /** The window is open (announcements and scrolling happen only then). */
  active: boolean;
}

const NEAR_BOTTOM_PX = 80;
/** Consecutive messages of one sender at most this far apart form a group with one time shown. */
export const GROUP_GAP_MS = 3 * 60_000;

function startsRun(rows: TimelineRow[], index: number): boolean {
  const row = rows[index];
  const previous = rows[index - 1];
  if (!row || row.kind !== 'message') return false;
  return !previous || previous.kind !== 'message' || previous.participantId !== row.participantId;
}

/** The row is a message and the last of its group: the next row is not the same sender's within GROUP_GAP_MS. */
function endsGroup(rows: TimelineRow[], index: number): boolean {
  const row = rows[index];
  const next = rows[index + 1];
  if (!row || row.kind !== 'message') return false;
  return (
    !next ||
    next.kind !== 'message' ||
    next.originator !== row.originator ||
    next.participantId !== row.participantId ||
    next.at - row.at > GROUP_GAP_MS
  );
}

/**
 * The conversation: messages and banners, oldest first; new agent messages announced politely.
 * Long conversations are windowed: only the rows in and near the viewport are in the DOM.
 */
export function Timeline({ chat, active }: TimelineProps) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickRef = useRef(true);
  const { mutate: chooseQuickReply } = useChooseQuickReply();
  const { mutate: retryMessage } = useRetryMessage();
  const announcements = useAgentAnnouncements(chat, active);
  const rows = chat.timeline;
  const keys = rows.map((row) => row.key);
  const view = useVirtualRows(keys, scrollRef, active);
  const last = rows.at(-1);
  const lastKey = last?.key;
  const ownLast = last?.kind === 'message' && last.originator === 'consumer';

  // The visitor's own new message always brings the view to the bottom.
  useLayoutEffect(() => {
    if (ownLast) stickRef.current = true;
  }, [lastKey, ownLast]);

  // While the view sticks to the bottom, it stays there through new rows and re-measured heights.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (element && active && stickRef.current && element.scrollTop !== element.scrollHeight - element.clientHeight) {
      element.scrollTop = element.scrollHeight;
    }
  });

  const onScroll = () => {
    const element = scrollRef.current;
    if (element) stickRef.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
  };
  const onRetry = useCallback((clientId: string) => retryMessage(clientId), [retryMessage]);
  // Quick replies show only under the latest message (banners after it, e.g. "the survey started",
  // do not hide them) when it is the agent's or the system's (a welcome message): the choice answers that message.
  let lastMessage: Extract<TimelineRow, { kind: 'message' }> | undefined;
  for (const row of rows) if (row.kind === 'message') lastMessage = row;
  const replyTo = lastMessage && lastMessage.originator !== 'consumer' ? lastMessage : undefined;
  const onQuickReply = useCallback((rowKey: string, option: QuickReplyOption) => chooseQuickReply({ rowKey, option }), [chooseQuickReply]);
  const quickRepliesOpen = chat.stage === 'open';

  const rendered: ReactNode[] = [];
  for (let index = view.start; index < view.end; index++) {
    const row = rows[index];
    if (!row) continue;
    rendered.push(
      <MeasuredRow key={row.key} rowKey={row.key} geometry={view.geometry}>
        {row.kind === 'banner' ? (
          <BannerBoundary banner={row.banner}>
            <Banner row={row} names={chat.names} />
          </BannerBoundary>
        ) : (
          <MessageBoundary originator={row.originator} sequence={row.sequence}>
            <MessageBubble
              row={row}
              senderName={row.originator === 'agent' && startsRun(rows, index) ? agentName(t, chat.names, row.participantId) : undefined}
              showTime={endsGroup(rows, index)}
              senderAvatar={row.originator === 'agent' ? chat.avatars?.[row.participantId] : undefined}
              showQuickReplies={quickRepliesOpen && row === replyTo}
              onRetry={onRetry}
              onQuickReply={onQuickReply}
            />
          </MessageBoundary>
        )}
      </MeasuredRow>,
    );
  }

  return (
    <div ref={scrollRef} className="parley-timeline" onScroll={onScroll}>
      {rows.length === 0 && <p className="parley-empty">{t('emptyTimeline')}</p>}
      <div role="log" aria-live="off" aria-label={t('logLabel')} className="parley-log">
        {view.before > 0 && <div aria-hidden="true" className="parley-spacer" style={{ height: view.before }} />}
        {rendered}
        {view.after > 0 && <div aria-hidden="true" className="parley-spacer" style={{ height: view.after }} />}
      </div>
      <div aria-live="polite" aria-atomic="false" className="parley-visually-hidden">
        {announcements.map((item) => (
          <p key={item.key}>{item.text}</p>
        ))}
      </div>
    </div>
  );
}
