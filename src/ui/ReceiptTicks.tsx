import type { ReceiptStatus } from '../core/model';
import { useI18n, type MessageKey } from './i18n';

export type ReceiptState = ReceiptStatus | 'failed';

const names: Record<ReceiptState, MessageKey> = {
  pending: 'receiptPending',
  sent: 'receiptSent',
  delivered: 'receiptDelivered',
  read: 'receiptRead',
  failed: 'receiptFailed',
};

function Marks({ status }: { status: ReceiptState }) {
  switch (status) {
    case 'pending':
      return (
        <>
          <circle cx="8" cy="8" r="5.5" />
          <path d="M8 5v3.2l2.2 1.4" />
        </>
      );
    case 'sent':
      return <path d="M3 8.5l3.2 3.2L13 5" />;
    case 'delivered':
    case 'read':
      return (
        <>
          <path d="M1 8.5l3.2 3.2L11 5" />
          <path d="M7.6 11.1l.6.6L15 5" />
        </>
      );
    case 'failed':
      return (
        <>
          <circle cx="8" cy="8" r="6" />
          <path d="M8 4.8v4" />
          <path d="M8 11.2v.1" />
        </>
      );
  }
}

/** Clock (pending), V (sent), VV (delivered), orange VV (read), or a warning (failed). */
export function ReceiptTicks({ status }: { status: ReceiptState }) {
  const { t } = useI18n();
  return (
    <span className="parley-receipt" data-receipt={status} role="img" aria-label={t(names[status])}>
      <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <Marks status={status} />
      </svg>
    </span>
  );
}
