// The outbox's rows of the timeline: the visitor's queued messages not yet matched to a stored one
// (by ExternalId or by stored sequence, never by text). The stored messages' rows are kept by
// threadIndex.ts.
import type { ConversationSnapshot, MessageBody, OutgoingFile, TimelineRow } from './model';
import { compareStrings } from './canonical';
import { eventKey } from './state';
import type { ChatState } from './state';
import type { RowSources } from './threadIndex';
import { factAt } from './factTable';

export type MessageRow = Extract<TimelineRow, { kind: 'message' }>;

/** The client id of the visitor's queued message that timeline row `rowKey` shows, if that row is one. */
export function clientIdOfRow(timeline: readonly TimelineRow[], rowKey: string): string | undefined {
  const row = timeline.find((r) => r.key === rowKey);
  return row?.kind === 'message' ? row.clientId : undefined;
}

/** The client id of the queued message stored at each message key (the smallest, if several claim it). */
export function storedClients(state: ChatState): Map<string, string> {
  const byStored = new Map<string, string>();
  for (const o of Object.values(state.outbox)) {
    if (!o.stored) continue;
    const key = eventKey(o.stored.dialogId, o.stored.sequence);
    const other = byStored.get(key);
    if (other === undefined || o.clientId < other) byStored.set(key, o.clientId);
  }
  return byStored;
}

/** A queued file's bubble: no stored path yet. */
function outgoingFileBody(file: OutgoingFile): MessageBody {
  return { kind: 'file', caption: file.caption, fileType: file.fileType, path: '', ...(file.preview !== undefined ? { preview: file.preview } : {}) };
}

/**
 * Outbox entries not (yet) matched to a stored message of any conversation: pending or failed
 * bubbles; stored-but-not-echoed ones show as sent while their dialog is this conversation's (or unknown).
 */
export function outboxRows(state: ChatState, snap: ConversationSnapshot | undefined, consumerId: string | undefined, stored: RowSources): MessageRow[] {
  const rows: MessageRow[] = [];
  const entries = Object.values(state.outbox)
    .filter((o) => o.text !== undefined && !o.cancelled && !stored.hasClient(o.clientId))
    .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || compareStrings(a.clientId, b.clientId));
  for (const o of entries) {
    const at = o.stored;
    if (at && factAt(state.messages, eventKey(at.dialogId, at.sequence))) continue;
    const owner = at ? state.dialogConversation[at.dialogId] : undefined;
    if (owner !== undefined && owner !== snap?.id) continue;
    const failed = !at && o.failed !== undefined && (o.retriedAt === undefined || o.failed.at > o.retriedAt);
    const row: MessageRow = {
      kind: 'message',
      key: `out:${o.clientId}`,
      originator: 'consumer',
      participantId: consumerId ?? '',
      at: o.createdAt ?? 0,
      body: o.file ? outgoingFileBody(o.file) : { kind: 'text', text: o.text ?? '' },
      receipt: at ? (stored.receipts.agentReceipt(eventKey(at.dialogId, at.sequence)) ?? 'sent') : failed ? 'failed' : 'pending',
      clientId: o.clientId,
    };
    if (at) {
      row.dialogId = at.dialogId;
      row.sequence = at.sequence;
    }
    rows.push(row);
  }
  return rows;
}
