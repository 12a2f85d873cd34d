// Message rows of the timeline: stored messages of the conversation's messaging dialogs, with the
// visitor's receipts, reconciled with the outbox (by ExternalId or by stored sequence, never by text).
import type { ConversationSnapshot, MessageBody, OutgoingFile, ReceiptStatus, TimelineRow } from './model';
import { belongsTo, compareDialogs, isConsumer } from './conversation';
import { compareStrings } from './canonical';
import { eventKey } from './state';
import type { ChatState, MessageFact, OutboxEntry } from './state';

export type MessageRow = Extract<TimelineRow, { kind: 'message' }>;

/** Messages of the conversation, by dialog order (main, then survey), then sequence. */
export function conversationMessages(state: ChatState, snap: ConversationSnapshot): MessageFact[] {
  const dialogs = [...snap.dialogs].sort(compareDialogs).map((d) => d.id);
  const rank = (id: string) => {
    const i = dialogs.indexOf(id);
    return i < 0 ? dialogs.length : i;
  };
  return Object.values(state.messages)
    .filter((m) => belongsTo(snap, m))
    .sort((a, b) => rank(a.dialogId) - rank(b.dialogId) || compareStrings(a.dialogId, b.dialogId) || a.sequence - b.sequence);
}

/** The highest agent-side receipt per (dialog, sequence): 'read' implies delivered. */
export function agentReceipts(state: ChatState, consumerId: string | undefined): Map<string, 'delivered' | 'read'> {
  const out = new Map<string, 'delivered' | 'read'>();
  for (const r of Object.values(state.receipts)) {
    if (isConsumer(r, consumerId) || r.status === 'action') continue;
    for (const seq of r.sequences) {
      const key = eventKey(r.dialogId, seq);
      if (r.status === 'read') out.set(key, 'read');
      else if (!out.has(key)) out.set(key, 'delivered');
    }
  }
  return out;
}

export function messageRows(state: ChatState, snap: ConversationSnapshot, consumerId: string | undefined): MessageRow[] {
  const receipts = agentReceipts(state, consumerId);
  const byStored = new Map<string, OutboxEntry>();
  for (const o of Object.values(state.outbox)) {
    if (!o.stored) continue;
    const key = eventKey(o.stored.dialogId, o.stored.sequence);
    const other = byStored.get(key);
    if (!other || o.clientId < other.clientId) byStored.set(key, o);
  }
  const usedKeys = new Set<string>();
  return conversationMessages(state, snap).map((m) => {
    const key = eventKey(m.dialogId, m.sequence);
    const mine = isConsumer(m, consumerId);
    const clientId = m.clientId ?? byStored.get(key)?.clientId;
    // The first stored copy of a queued message keeps the optimistic bubble's key (no remount).
    const rowKey = clientId !== undefined && !usedKeys.has(`out:${clientId}`) ? `out:${clientId}` : `msg:${key}`;
    usedKeys.add(rowKey);
    const row: MessageRow = {
      kind: 'message',
      key: rowKey,
      originator: m.originator,
      participantId: m.originatorId,
      dialogId: m.dialogId,
      sequence: m.sequence,
      at: m.at,
      body: m.body,
    };
    if (mine) row.receipt = receipts.get(key) ?? ('sent' satisfies ReceiptStatus);
    if (clientId !== undefined) row.clientId = clientId;
    return row;
  });
}

/** A queued file's bubble: no stored path yet. */
function outgoingFileBody(file: OutgoingFile): MessageBody {
  return { kind: 'file', caption: file.caption, fileType: file.fileType, path: '', ...(file.preview !== undefined ? { preview: file.preview } : {}) };
}

/**
 * Outbox entries not (yet) matched to a stored message of any conversation: pending or failed
 * bubbles; stored-but-not-echoed ones show as sent while their dialog is this conversation's (or unknown).
 */
export function outboxRows(state: ChatState, snap: ConversationSnapshot | undefined, consumerId: string | undefined): MessageRow[] {
  const matched = new Set<string>();
  for (const m of Object.values(state.messages)) if (m.clientId !== undefined) matched.add(m.clientId);
  const receipts = agentReceipts(state, consumerId);
  const rows: MessageRow[] = [];
  const entries = Object.values(state.outbox)
    .filter((o) => o.text !== undefined && !o.cancelled && !matched.has(o.clientId))
    .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || compareStrings(a.clientId, b.clientId));
  for (const o of entries) {
    const stored = o.stored;
    if (stored && state.messages[eventKey(stored.dialogId, stored.sequence)]) continue;
    const owner = stored ? state.dialogConversation[stored.dialogId] : undefined;
    if (owner !== undefined && owner !== snap?.id) continue;
    const failed = !stored && o.failed !== undefined && (o.retriedAt === undefined || o.failed.at > o.retriedAt);
    const row: MessageRow = {
      kind: 'message',
      key: `out:${o.clientId}`,
      originator: 'consumer',
      participantId: consumerId ?? '',
      at: o.createdAt ?? 0,
      body: o.file ? outgoingFileBody(o.file) : { kind: 'text', text: o.text ?? '' },
      receipt: stored ? (receipts.get(eventKey(stored.dialogId, stored.sequence)) ?? 'sent') : failed ? 'failed' : 'pending',
      clientId: o.clientId,
    };
    if (stored) {
      row.dialogId = stored.dialogId;
      row.sequence = stored.sequence;
    }
    rows.push(row);
  }
  return rows;
}
