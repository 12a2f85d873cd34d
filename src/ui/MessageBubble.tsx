// One message of the timeline: its bubble (text with safe links, a card, a file), its sender, time,
// receipt ticks or Retry, and the quick replies under it.
import { memo } from 'react';
import type { MessageBody, QuickReplyOption, TimelineRow } from '../core/model';
import { Avatar, isSafeAvatar } from './Avatar';
import { LazyFileMessage } from './files/LazyFileMessage';
import { useI18n } from './i18n';
import { linkify } from './linkify';
import { QuickReplies } from './QuickReplies';
import { ReceiptTicks } from './ReceiptTicks';
import { LazyRichContent } from './rich/LazyRichContent';
import { bodyText, isUnsupported } from './text';

export interface MessageBubbleProps {
  row: Extract<TimelineRow, { kind: 'message' }>;
  /** The sender's name, shown above the first of a run of agent messages. */
  senderName?: string;
  /**
   * The time shows under the last message of a group (one sender, minutes apart); on the others it
   * is visually hidden, so assistive technology still reads each message's own time.
   */
  showTime: boolean;
  /** The sender's picture, shown with the name (when it is one that may be drawn). */
  senderAvatar?: string;
  /** Quick replies are offered only under the latest agent message. */
  showQuickReplies: boolean;
  /** Retry of a message that shows "Not sent" (addressed by the row's key). */
  onRetry: (rowKey: string) => void;
  /** A quick reply chosen under this message (addressed by the row's key). */
  onQuickReply: (rowKey: string, option: QuickReplyOption) => void;
}

/** Message text with its safe links (see linkify.ts). Server text is only ever a React text child or a checked href: never markup. */
function MessageText({ text }: { text: string }) {
  return linkify(text).map((segment, index) =>
    segment.kind === 'text' ? (
      segment.text
    ) : (
      <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer" className="parley-link">
        {segment.text}
      </a>
    ),
  );
}

/** Text and rich fallback text may carry links; structured content is drawn as a card; every other body is plain text. */
function BodyContent({ body, clientId, onPublish }: { body: MessageBody; clientId?: string; onPublish: (option: QuickReplyOption) => void }) {
  const { t } = useI18n();
  if (body.kind === 'text') return <MessageText text={body.text} />;
  if (body.kind === 'rich') {
    const fallback = isUnsupported(body) ? bodyText(t, body) : <MessageText text={body.fallbackText} />;
    return <LazyRichContent content={body.content} fallback={fallback} onPublish={onPublish} />;
  }
  if (body.kind === 'file') return <LazyFileMessage body={body} {...(clientId !== undefined ? { clientId } : {})} />;
  return bodyText(t, body);
}

/** Memoized on its props: core keeps a row that did not change the same object. */
export const MessageBubble = memo(function MessageBubble({ row, senderName, senderAvatar, showTime, showQuickReplies, onRetry, onQuickReply }: MessageBubbleProps) {
  const { t, formatTime } = useI18n();
  const { body } = row;
  const quickReplies = showQuickReplies && (body.kind === 'text' || body.kind === 'rich') ? body.quickReplies : undefined;
  const failed = row.receipt === 'failed';
  return (
    <div
      className="parley-row parley-message"
      data-originator={row.originator}
      data-sequence={row.sequence}
    >
      {senderName && (
        <span className="parley-sender">
          {isSafeAvatar(senderAvatar) && <Avatar name={senderName} url={senderAvatar} size="small" />}
          {senderName}
        </span>
      )}
      <div className="parley-bubble" dir="auto" data-unsupported={isUnsupported(body) || undefined}>
        <BodyContent body={body} {...(row.clientId !== undefined ? { clientId: row.clientId } : {})} onPublish={(option) => onQuickReply(row.key, option)} />
      </div>
      <div className="parley-meta">
        <time dateTime={new Date(row.at).toISOString()} className={showTime ? undefined : 'parley-visually-hidden'}>
          {formatTime(row.at)}
        </time>
        {row.originator === 'consumer' && row.receipt && <ReceiptTicks status={row.receipt} />}
        {failed && (
          <>
            <span className="parley-failed" aria-hidden="true">
              {t('receiptFailed')}
            </span>
            {row.clientId !== undefined && (
              <button type="button" className="parley-text-button" onClick={() => onRetry(row.key)}>
                {t('retry')}
              </button>
            )}
          </>
        )}
      </div>
      {quickReplies && quickReplies.length > 0 && <QuickReplies options={quickReplies} onChoose={(option) => onQuickReply(row.key, option)} />}
    </div>
  );
});
