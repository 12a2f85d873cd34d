// Receipt states for the transcript (LivePerson's Agent Workspace: V stored, VV accepted, orange VV read).
import { receiptOf } from './decode';
import type { ConversationDetail, ReceiptState, TranscriptEntry } from './types';

const RANK: Record<ReceiptState, number> = { sent: 0, delivered: 1, read: 2 };

const higher = (a: ReceiptState, b: ReceiptState): ReceiptState => (RANK[b] > RANK[a] ? b : a);

export const isContent = (e: TranscriptEntry): boolean => e.event.kind !== 'receipt';

/** What the consumer acknowledged for the other side's messages: their AcceptStatusEvents (READ implies ACCEPT). */
export function consumerAcknowledged(entries: readonly TranscriptEntry[]): Map<number, ReceiptState> {
  const out = new Map<number, ReceiptState>();
  for (const e of entries) {
    if (e.role !== 'CONSUMER' || e.event.kind !== 'receipt') continue;
    const state: ReceiptState | undefined =
      e.event.status === 'READ' ? 'read' : e.event.status === 'ACCEPT' ? 'delivered' : undefined;
    if (!state) continue;
    for (const seq of e.event.sequences) out.set(seq, higher(out.get(seq) ?? 'sent', state));
  }
  return out;
}

/** The receipt to show on a content entry: the agent side's for consumer messages, the consumer's for the rest. */
export function receiptFor(
  detail: ConversationDetail,
  entry: TranscriptEntry,
  acknowledged: ReadonlyMap<number, ReceiptState>,
): ReceiptState {
  if (entry.role === 'CONSUMER') return receiptOf(detail.receipts, entry.dialogId, entry.sequence);
  return acknowledged.get(entry.sequence) ?? 'sent';
}

/** The dialog agent actions apply to: the open one, else MAIN. */
export function activeDialogId(detail: ConversationDetail): string {
  const open = detail.dialogs.find((d) => d.state === 'OPEN');
  return open?.dialogId ?? detail.dialogs.find((d) => d.dialogType === 'MAIN')?.dialogId ?? detail.id;
}

/** Consumer content sequences in the active dialog whose agent-side receipt is below `target`. */
export function unacknowledged(detail: ConversationDetail, target: 'delivered' | 'read'): number[] {
  const dialogId = activeDialogId(detail);
  const entries = detail.transcript.find((t) => t.dialogId === dialogId)?.entries ?? [];
  return entries
    .filter((e) => e.role === 'CONSUMER' && isContent(e))
    .filter((e) => RANK[receiptOf(detail.receipts, dialogId, e.sequence)] < RANK[target])
    .map((e) => e.sequence);
}
