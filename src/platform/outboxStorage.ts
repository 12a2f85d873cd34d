// The visitor's unsent messages in sessionStorage, for either backend, so that a reload does not
// lose them: the next session of the tab restores them (src/core/outboxQueue.ts) and reconciles them
// with the server's history before anything is sent again. This is the ONLY conversation data
// Parley keeps in browser storage, and only until it is stored. A backend adds fields of its own
// (LivePerson a quick-reply choice, Genesys the transcript position a message was published from)
// through `decodeExtra`, which reads them back from what was stored.
//
// "Duplicate tab" copies sessionStorage into a new tab while the first page lives on and sends the
// same messages itself; neither LivePerson (by ExternalId) nor GMS deduplicates, so the copy must not
// publish them again. The saved outbox says whether the page that owns it is still open (`live`): a
// page sets it when it saves or restores, and clears it when it is left (pagehide) or its session
// stops. A page that finds it set is a copy: it restores the messages as "Not sent" (Retry sends one;
// one the first tab stored meanwhile is reconciled with the history and no longer shown as failed).
// A page that died without pagehide is taken for a copy too: safe, nothing is sent twice or lost.
import { asObject, type Obj } from '../core/decodeValues';
import type { PersistedOutboxMessage } from '../core/outboxQueue';
import type { KeyValueStore } from './storage';

export interface OutboxStorage<X extends object = object> {
  /**
   * The messages saved by an earlier page of this tab (unreadable or malformed data is dropped);
   * as "Not sent" when another live page owns them (a duplicated tab) or beyond MAX_RESTORED.
   */
  load(): PersistedOutboxMessage<X>[];
  /** Replaces the saved messages (removes the key when there are none). */
  save(messages: readonly PersistedOutboxMessage<X>[]): void;
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

const FORMAT = 1;
/** How many restored messages are sent again by themselves; the rest wait as "Not sent" for Retry (a bound on what a tampered or runaway entry can make the session publish). */
export const MAX_RESTORED = 200;

function decode<X extends object>(value: unknown, decodeExtra: (item: Obj) => X | undefined): PersistedOutboxMessage<X> | undefined {
  const item = asObject(value);
  if (!item) return undefined;
  const extra = decodeExtra(item);
  if (!extra) return undefined;
  const { clientId, text, createdAt, failed } = item;
  if (typeof clientId !== 'string' || clientId === '' || clientId.length > 128) return undefined;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  return { ...extra, clientId, text, createdAt, ...(failed === true ? { failed: true } : {}) };
}

/** The saved outbox under `key`; `decodeExtra` reads the backend's own fields of a saved message (dropping bad ones; undefined drops the message). */
export function createOutboxStorage<X extends object>(
  store: KeyValueStore,
  key: string,
  maxLength: number,
  decodeExtra: (item: Obj) => X | undefined,
  pageEvents: PageEvents = browserPageEvents,
): OutboxStorage<X> {
  let current: readonly PersistedOutboxMessage<X>[] = [];
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
      const outbox = asObject(parsed);
      const entry = outbox?.v === FORMAT && Array.isArray(outbox.messages) ? outbox : undefined;
      const items: unknown[] = entry ? (entry.messages as unknown[]) : [];
      const copy = entry?.live === true && !marked;
      const seen = new Set<string>();
      const messages: PersistedOutboxMessage<X>[] = [];
      for (const item of items) {
        const message = decode(item, decodeExtra);
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
