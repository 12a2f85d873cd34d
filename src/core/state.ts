// ChatState: what the reducer keeps. Every field is a map keyed by the identity of a fact, so the
// state depends only on the set of events received (see reducer.ts for the merge rules).
import type { ConversationSnapshot, CoreEvent, OutgoingFile } from './model';
import type { FactTable } from './factTable';

export type MessageFact = Extract<CoreEvent, { type: 'message' }>;
export type ReceiptFact = Extract<CoreEvent, { type: 'receipt' }>;
export type TypingFact = Extract<CoreEvent, { type: 'typing' }>;
export type ProfileFact = Extract<CoreEvent, { type: 'profile' }>;

/** The visitor's queued message, merged from its outbox* events (keyed by clientId). */
export interface OutboxEntry {
  clientId: string;
  /** From outboxAdded (absent while only a stored/failed fact is known). */
  text?: string;
  createdAt?: number;
  /** Where the server stored it (the smallest, if it was stored twice). */
  stored?: { dialogId: string; sequence: number };
  /** The latest failure by `at`. */
  failed?: { at: number; reason: string };
  /** The latest retry by `at`; a retry at or after the latest failure clears it. */
  retriedAt?: number;
  /** A file rather than text (from outboxAdded). */
  file?: OutgoingFile;
  /** Cancelled before it was published (never shown again). */
  cancelled?: true;
}

export interface ChatState {
  /** conversationId → String(updatedAt) → snapshot (only the most recent MAX_SNAPSHOTS per conversation). */
  snapshots: Record<string, Record<string, ConversationSnapshot>>;
  /** Conversations that left the subscription; their data is dropped. */
  removed: Record<string, true>;
  /** dialogId → conversationId, from every snapshot ever seen (grow-only). */
  dialogConversation: Record<string, string>;
  /** eventKey(dialogId, sequence) → content event, in buckets (factTable.ts: read with factAt, factsOf). */
  messages: FactTable<MessageFact>;
  /** eventKey(dialogId, sequence) → receipt event, in buckets (factTable.ts). */
  receipts: FactTable<ReceiptFact>;
  /** JSON [dialogId, participantId] → that participant's latest chat state in that dialog. */
  typing: Record<string, TypingFact>;
  /** participantId → display details. */
  profiles: Record<string, ProfileFact>;
  /** clientId → queued message. */
  outbox: Record<string, OutboxEntry>;
}

/** Snapshots kept per conversation (the most recent by updatedAt); older ones only fed old banners. */
export const MAX_SNAPSHOTS = 64;

export const initialState: ChatState = Object.freeze({
  snapshots: {},
  removed: {},
  dialogConversation: {},
  messages: {},
  receipts: {},
  typing: {},
  profiles: {},
  outbox: {},
}) as ChatState;

/** `JSON.stringify([dialogId, ` for each dialog seen lately (a conversation has a few; bounded against hostile input). */
const keyPrefixes = new Map<string, string>();
const MAX_PREFIXES = 256;

function keyPrefix(dialogId: string): string {
  let prefix = keyPrefixes.get(dialogId);
  if (prefix === undefined) {
    if (keyPrefixes.size >= MAX_PREFIXES) keyPrefixes.clear();
    prefix = `${JSON.stringify([dialogId]).slice(0, -1)},`;
    keyPrefixes.set(dialogId, prefix);
  }
  return prefix;
}

/**
 * The key of a sequenced event (sequences are unique per dialog): JSON.stringify([dialogId,
 * sequence]), built from the dialog's cached prefix, since it is made for every event and lookup.
 */
export function eventKey(dialogId: string, sequence: number): string {
  return Number.isFinite(sequence) ? `${keyPrefix(dialogId)}${sequence}]` : JSON.stringify([dialogId, sequence]);
}
