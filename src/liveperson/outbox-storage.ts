// The visitor's unsent messages in sessionStorage (per account), so that a reload does not lose
// them: the new session restores them and reconciles them with the replayed history by ExternalId.
// This is the ONLY conversation data Parley keeps in browser storage, and only until it is stored.
import { isRecord } from './http';
import { clickMetadata, type ReplyChoice } from './outbox-publish';
import type { KeyValueStore } from './storage';

export interface PersistedMessage {
  clientId: string;
  text: string;
  createdAt: number;
  /** It had failed for good ("Not sent"): it waits for the visitor's Retry. */
  failed?: boolean;
  /** A quick-reply choice: its ACTION receipt is published first (unless the history has it). */
  reply?: ReplyChoice;
}

export interface OutboxStorage {
  /** The messages saved by an earlier page of this tab (unreadable or malformed data is dropped). */
  load(): PersistedMessage[];
  /** Replaces the saved messages (removes the key when there are none). */
  save(messages: readonly PersistedMessage[]): void;
}

export function outboxKey(account: string): string {
  return `parley:${account}:outbox`;
}

const FORMAT = 1;
/** A bound on what a tampered or runaway storage entry can make the session publish. */
const MAX_RESTORED = 200;

function decodeReply(value: unknown): ReplyChoice | undefined {
  if (!isRecord(value)) return undefined;
  const { dialogId, sequence, metadata } = value;
  if (typeof dialogId !== 'string' || dialogId === '' || dialogId.length > 128) return undefined;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 0) return undefined;
  return { dialogId, sequence, metadata: clickMetadata(metadata) };
}

function decode(value: unknown): PersistedMessage | undefined {
  if (!isRecord(value)) return undefined;
  const { clientId, text, createdAt, failed } = value;
  if (typeof clientId !== 'string' || clientId === '' || clientId.length > 128) return undefined;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  const reply = decodeReply(value.reply);
  return { clientId, text, createdAt, ...(failed === true ? { failed: true } : {}), ...(reply ? { reply } : {}) };
}

export function createOutboxStorage(store: KeyValueStore, account: string, maxLength: number): OutboxStorage {
  const key = outboxKey(account);
  const save = (messages: readonly PersistedMessage[]) => {
    if (messages.length === 0) store.remove(key);
    else store.set(key, JSON.stringify({ v: FORMAT, messages }));
  };
  return {
    load() {
      const raw = store.get(key);
      if (raw === null) return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = undefined;
      }
      const items = isRecord(parsed) && parsed.v === FORMAT && Array.isArray(parsed.messages) ? parsed.messages : [];
      const seen = new Set<string>();
      const messages: PersistedMessage[] = [];
      for (const item of items.slice(0, MAX_RESTORED)) {
        const message = decode(item);
        if (!message || message.text.length > maxLength || seen.has(message.clientId)) continue;
        seen.add(message.clientId);
        messages.push(message);
      }
      if (messages.length !== items.length) save(messages); // drop what could not be read
      return messages;
    },
    save,
  };
}
