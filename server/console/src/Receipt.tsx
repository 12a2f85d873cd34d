// A message's receipt: V when stored, VV when accepted, orange VV when read (Agent Workspace style).
import type { ReceiptState } from './types';

const LABEL: Record<ReceiptState, string> = { sent: 'Sent', delivered: 'Delivered', read: 'Read' };
const MARK: Record<ReceiptState, string> = { sent: '✓', delivered: '✓✓', read: '✓✓' };

export function Receipt({ state }: { state: ReceiptState }) {
  return (
    <span className={`receipt receipt-${state}`} data-receipt={state} role="img" aria-label={LABEL[state]} title={LABEL[state]}>
      {MARK[state]}
    </span>
  );
}
