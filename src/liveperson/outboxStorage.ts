// The visitor's unsent messages in sessionStorage (per account), so that a reload does not lose
// them: the new session restores them and reconciles them with the replayed history by ExternalId.
// This is the ONLY conversation data Parley keeps in browser storage, and only until it is stored.
//
// "Duplicate tab" copies sessionStorage into a new tab while the first page lives on and sends the
// same messages itself; LivePerson does not deduplicate by ExternalId, so the copy must not publish
// them again. The saved outbox says whether the page that owns it is still open (`live`): a page
// sets it when it saves or restores, and clears it when it is left (pagehide) or its session stops.
// A page that finds it set is a copy: it restores the messages as "Not sent" (Retry sends one; one the first
// tab stored meanwhile is reconciled with the history and no longer shown as failed). A page that
// died without pagehide is taken for a copy too: safe, nothing is sent twice or lost.
import { isRecord } from './http';
import { clickMetadata, type ReplyChoice } from './outboxPublish';
import type { KeyValueStore } from './storage';
import type { HostedFileMessage } from './wire';

export interface PersistedMessage {
  clientId: string;
  text: string;
  createdAt: number;
  /** It had failed for good ("Not sent"): it waits for the visitor's Retry. */
  failed?: boolean;
  /** A quick-reply choice: its ACTION receipt is published first (unless the history has it). */
  reply?: ReplyChoice;
  /** An uploaded file waiting to be published (its bytes are in the storage already). */
  file?: HostedFileMessage;
}

export interface OutboxStorage {
  /**
   * The messages saved by an earlier page of this tab (unreadable or malformed data is dropped);
   * as "Not sent" when another live page owns them (a duplicated tab) or beyond MAX_RESTORED.
   */
  load(): PersistedMessage[];
  /** Replaces the saved messages (removes the key when there are none). */
  save(messages: readonly PersistedMessage[]): void;
  /** This page no longer sends the saved messages (its session stopped): the next one may. */
  release(): void;
}

/** Subscribes to the page being left (pagehide) and coming back from the back-forward cache. */
export type PageEvents = (onLeave: () => void, onReturn: () => void) => void;

export const browserPageEvents: PageEvents = (onLeave, onReturn) => {
  const page = globalThis as { addEventListener?: (type: string, fn: (event: { persisted?: boolean }) => void) => void };
  page.addEventListener?.('pagehide', () => onLeave());
  page.addEventListener?.('pageshow', (event) => {
    if (event.persisted === true) onReturn();
  });
};

export function outboxKey(account: string): string {
  return `parley:${account}:outbox`;
}

const FORMAT = 1;
/** How many restored messages are sent again by themselves; the rest wait as "Not sent" for Retry (a bound on what a tampered or runaway entry can make the session publish). */
export const MAX_RESTORED = 200;

function decodeReply(value: unknown): ReplyChoice | undefined {
  if (!isRecord(value)) return undefined;
  const { dialogId, sequence, metadata } = value;
  if (typeof dialogId !== 'string' || dialogId === '' || dialogId.length > 128) return undefined;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 0) return undefined;
  return { dialogId, sequence, metadata: clickMetadata(metadata) };
}

const bounded = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function decodeFile(value: unknown): HostedFileMessage | undefined {
  if (!isRecord(value)) return undefined;
  const { caption, relativePath, fileType, preview } = value;
  if (!bounded(caption, 256) || !bounded(relativePath, 1024) || !relativePath.startsWith('/') || !bounded(fileType, 16) || fileType === '') return undefined;
  const thumbnail = bounded(preview, 40_000) && preview.startsWith('data:image/') ? { preview } : {};
  return { caption, relativePath, fileType, ...thumbnail };
}

function decode(value: unknown): PersistedMessage | undefined {
  if (!isRecord(value)) return undefined;
  const { clientId, text, createdAt, failed } = value;
  if (typeof clientId !== 'string' || clientId === '' || clientId.length > 128) return undefined;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  const reply = decodeReply(value.reply);
  const file = value.file === undefined ? undefined : decodeFile(value.file);
  if (value.file !== undefined && !file) return undefined; // never restored as the text of a file
  return { clientId, text, createdAt, ...(failed === true ? { failed: true } : {}), ...(reply ? { reply } : {}), ...(file ? { file } : {}) };
}

export function createOutboxStorage(store: KeyValueStore, account: string, maxLength: number, pageEvents: PageEvents = browserPageEvents): OutboxStorage {
  const key = outboxKey(account);
  let current: readonly PersistedMessage[] = [];
  let live = true;
  /** This page marked the saved outbox live itself (so finding the mark is no sign of a copy). */
  let marked = false;
  const write = () => {
    if (current.length === 0) store.remove(key);
    else store.set(key, JSON.stringify({ v: FORMAT, messages: current, ...(live ? { live: true } : {}) }));
    marked = live && current.length > 0;
  };
  const setLive = (value: boolean) => {
    live = value;
    if (current.length > 0) write();
  };
  let released = false;
  pageEvents(
    () => setLive(false),
    () => setLive(!released),
  );
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
      const entry = isRecord(parsed) && parsed.v === FORMAT && Array.isArray(parsed.messages) ? parsed : undefined;
      const items: unknown[] = entry ? (entry.messages as unknown[]) : [];
      const copy = entry?.live === true && !marked;
      const seen = new Set<string>();
      const messages: PersistedMessage[] = [];
      for (const item of items) {
        const message = decode(item);
        if (!message || message.text.length > maxLength || seen.has(message.clientId)) continue;
        seen.add(message.clientId);
        messages.push(copy || messages.length >= MAX_RESTORED ? { ...message, failed: true } : message);
      }
      current = messages; // drops what could not be read, and marks the outbox as this page's
      write();
      return messages;
    },
    save(messages) {
      current = [...messages];
      write();
    },
    release() {
      released = true;
      setLive(false);
    },
  };
}
