import type { QuickReplyOption, TimelineRow } from '../core/model';
import { bodyText, isUnsupported } from './bodyText';
import { t } from './i18n';
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

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function MessageBubble({ row, senderName, showQuickReplies, onRetry, onQuickReply }: MessageBubbleProps) {
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
      <div className="parley-bubble" data-unsupported={isUnsupported(body) || undefined}>
        {bodyText(body)}
      </div>
      <div className="parley-meta">
        <time dateTime={new Date(row.at).toISOString()}>{timeFormat.format(row.at)}</time>
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
}
