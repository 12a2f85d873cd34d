// receiptsToPublish: which ACCEPT/READ receipts the visitor's client owes the agent side, batched
// into one sequence list per dialog and status. Pure; the caller records what it has sent and what
// the visitor has seen (READ means the message was on screen, not merely that the window was open).
import { activeDialog, belongsTo, currentConversation, isConsumer, messagingDialogs } from './conversation';
import { eventKey } from './state';
import type { ChatState } from './state';
import { factEntries, factsOf } from './factTable';

export interface SentReceipts {
  /** receiptKey(dialogId, sequence) of sequences this client already published ACCEPT for. */
  accept: ReadonlySet<string>;
  /** receiptKey(dialogId, sequence) of sequences this client already published READ for. */
  read: ReadonlySet<string>;
}

export interface ReceiptToPublish {
  dialogId: string;
  status: 'accept' | 'read';
  sequences: number[];
}

/** The key used in SentReceipts. */
export const receiptKey = eventKey;

/**
 * Agent content of the current conversation's open messaging dialogs that the visitor has not
 * acknowledged (neither in the replayed history nor by this client): ACCEPT on arrival, READ once
 * the visitor saw it (`seen`: receiptKey(dialogId, sequence) of messages that were on screen). All
 * ACCEPTs come before all READs; a READ already given makes the ACCEPT unnecessary.
 */
export function receiptsToPublish(
  state: ChatState,
  opts: { consumerId: string; seen: ReadonlySet<string>; sent: SentReceipts },
): ReceiptToPublish[] {
  const snap = currentConversation(state);
  if (!snap || !activeDialog(snap)) return [];
  const open = messagingDialogs(snap).filter((d) => d.open && (d.kind !== 'main' || snap.mainOpen));
  // The visitor's own receipts, replayed or echoed: sequences by dialog (numbers, not keys: this
  // runs on every look, over every receipt the conversation holds).
  const acked = new Map<string, { accept: Set<number>; read: Set<number> }>();
  for (const r of factsOf(state.receipts)) {
    if (!isConsumer(r, opts.consumerId) || (r.status !== 'accept' && r.status !== 'read')) continue;
    let dialog = acked.get(r.dialogId);
    if (!dialog) acked.set(r.dialogId, (dialog = { accept: new Set(), read: new Set() }));
    for (const s of r.sequences) {
      dialog.accept.add(s);
      if (r.status === 'read') dialog.read.add(s);
    }
  }
  const accept = new Map<string, number[]>();
  const read = new Map<string, number[]>();
  for (const [key, m] of factEntries(state.messages)) {
    if (!belongsTo(snap, m) || isConsumer(m, opts.consumerId) || !open.some((d) => d.id === m.dialogId)) continue;
    const dialog = acked.get(m.dialogId);
    const isRead = dialog?.read.has(m.sequence) === true || opts.sent.read.has(key);
    if (!isRead && dialog?.accept.has(m.sequence) !== true && !opts.sent.accept.has(key)) push(accept, m.dialogId, m.sequence);
    if (!isRead && opts.seen.has(key)) push(read, m.dialogId, m.sequence);
  }
  const out: ReceiptToPublish[] = [];
  for (const [status, map] of [['accept', accept], ['read', read]] as const) {
    for (const d of open) {
      const sequences = map.get(d.id);
      if (sequences) out.push({ dialogId: d.id, status, sequences: sequences.sort((a, b) => a - b) });
    }
  }
  return out;
}

function push(map: Map<string, number[]>, dialogId: string, sequence: number): void {
  const list = map.get(dialogId);
  if (list) list.push(sequence);
  else map.set(dialogId, [sequence]);
}
