import { memo } from 'react';
import type { MessageBody, QuickReplyOption, TimelineRow } from '../core/model';
import { bodyText, isUnsupported } from './bodyText';
import { formatTime, t } from './i18n';
import { MessageText } from './MessageText';
import { QuickReplies } from './QuickReplies';
import { ReceiptTicks } from './ReceiptTicks';

export interface MessageBubbleProps {
  row: Extract<TimelineRow, { kind: 'message' }>;
  /** The sender's name, shown above the first of a run of agent messages. */
  senderName?: string;
  /** Quick replies are offered only under the latest agent message. */
  showQuickReplies: boolean;
  onRetry: (clientId: string) => void;
  onQuickReply: (option: QuickReplyOption) => void;
}

/** Text and rich fallback text may carry links; every other body is plain text. */
function BodyContent({ body }: { body: MessageBody }) {
  if (body.kind === 'text') return <MessageText text={body.text} />;
  if (body.kind === 'rich' && !isUnsupported(body)) return <MessageText text={body.fallbackText} />;
  return bodyText(body);
}

type MessageRow = MessageBubbleProps['row'];

/** Rows are rebuilt with every snapshot: compare what is shown, not the object. */
function sameRow(a: MessageRow, b: MessageRow): boolean {
  return (
    a === b ||
    (a.key === b.key &&
      a.body === b.body &&
      a.receipt === b.receipt &&
      a.sequence === b.sequence &&
      a.at === b.at &&
      a.originator === b.originator &&
      a.clientId === b.clientId)
  );
}

function sameProps(a: MessageBubbleProps, b: MessageBubbleProps): boolean {
  return (
    sameRow(a.row, b.row) &&
    a.senderName === b.senderName &&
    a.showQuickReplies === b.showQuickReplies &&
    a.onRetry === b.onRetry &&
    a.onQuickReply === b.onQuickReply
  );
}

export const MessageBubble = memo(function MessageBubble({ row, senderName, showQuickReplies, onRetry, onQuickReply }: MessageBubbleProps) {
  const { body } = row;
  const quickReplies = showQuickReplies && (body.kind === 'text' || body.kind === 'rich') ? body.quickReplies : undefined;
  const failed = row.receipt === 'failed';
  return (
    <div
      className="parley-row parley-message"
      data-originator={row.originator}
      data-sequence={row.sequence}
    >
      {senderName && <span className="parley-sender">{senderName}</span>}
      <div className="parley-bubble" dir="auto" data-unsupported={isUnsupported(body) || undefined}>
        <BodyContent body={body} />
      </div>
      <div className="parley-meta">
        <time dateTime={new Date(row.at).toISOString()}>{formatTime(row.at)}</time>
        {row.originator === 'consumer' && row.receipt && <ReceiptTicks status={row.receipt} />}
        {failed && (
          <>
            <span className="parley-failed" aria-hidden="true">
              {t('receiptFailed')}
            </span>
            {row.clientId !== undefined && (
              <button type="button" className="parley-text-button" onClick={() => onRetry(row.clientId as string)}>
                {t('retry')}
              </button>
            )}
          </>
        )}
      </div>
      {quickReplies && quickReplies.length > 0 && <QuickReplies options={quickReplies} onChoose={onQuickReply} />}
    </div>
  );
}, sameProps);
