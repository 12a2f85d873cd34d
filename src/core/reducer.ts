// The pure reducer. The result depends only on the *set* of events: every event is a fact keyed by
// its identity, and two versions of the same fact are merged by a commutative, associative rule.
// So replays, duplicates and out-of-order delivery all give a deep-equal state.
import type { ConversationSnapshot, CoreEvent } from './model';
import { compareCanonical, compareStrings, minDefined, pickCanonical, sameValue } from './canonical';
import { MAX_SNAPSHOTS, eventKey } from './state';
import { bucketOf } from './factTable';
import type { ChatState, MessageFact, OutboxEntry, TypingFact } from './state';

export { initialState } from './state';

/**
 * Folds `events` into `state`, copy-on-write: a table is copied once per batch, on its first
 * change, and every other table (and every entry) is shared with `state`. A batch that changes
 * nothing (a replay, a duplicate) returns `state` itself.
 */
export function reduce(state: ChatState, events: readonly CoreEvent[]): ChatState {
  if (events.length === 0) return state;
  const draft = copyOnWrite(state);
  for (const event of events) apply(draft, event);
  return draft.changed ? draft.state : state;
}

type Table = keyof ChatState;

interface Draft {
  /** The tables as they stand (copies where written). */
  state: ChatState;
  changed: boolean;
  /** The table, writable (copied on the first call; for messages and receipts, the bucket index). */
  write<K extends Table>(table: K): ChatState[K];
  /** A bucket of messages or receipts, writable (copied on the first call). */
  bucket<T>(table: 'messages' | 'receipts', bucket: string): Record<string, T>;
}

function copyOnWrite(base: ChatState): Draft {
  const copied = new Set<string>();
  const draft: Draft = {
    state: { ...base },
    changed: false,
    write(table) {
      if (!copied.has(table)) {
        copied.add(table);
        draft.state[table] = { ...base[table] } as never;
        draft.changed = true;
      }
      return draft.state[table];
    },
    bucket<T>(table: 'messages' | 'receipts', bucket: string) {
      const index = draft.write(table) as Record<string, Record<string, T>>;
      const id = `${table}:${bucket}`;
      if (!copied.has(id) || index[bucket] === undefined) {
        copied.add(id);
        index[bucket] = { ...index[bucket] };
      }
      return index[bucket] as Record<string, T>;
    },
  };
  return draft;
}

function apply(d: Draft, e: CoreEvent): void {
  const s = d.state;
  switch (e.type) {
    case 'conversation':
      return applySnapshot(d, e.snapshot);
    case 'conversationRemoved':
      if (!s.removed[e.conversationId]) d.write('removed')[e.conversationId] = true;
      return purge(d, e.conversationId);
    case 'message':
      if (!isRemoved(s, e.conversationId, e.dialogId)) keepSequenced(d, 'messages', e, mergeMessages);
      return;
    case 'receipt':
      if (!isRemoved(s, e.conversationId, e.dialogId)) keepSequenced(d, 'receipts', e, pickCanonical);
      return;
    case 'typing':
      if (!isRemoved(s, e.conversationId, e.dialogId)) keep(d, 'typing', JSON.stringify([e.dialogId, e.originatorId]), e, laterTyping);
      return;
    case 'profile':
      return keep(d, 'profiles', e.participantId, e, pickCanonical);
    default:
      return applyOutbox(d, e);
  }
}

type PlainTable = 'typing' | 'profiles';

/**
 * Keeps one version of each fact: a second version of the fact under `key` is merged with the
 * first by `merge` (which answers the first itself when the second adds nothing: no write then).
 */
function keep<T>(d: Draft, table: PlainTable, key: string, fact: T, merge: (a: T, b: T) => T): void {
  const old = (d.state[table] as Record<string, T>)[key];
  const next = old ? merge(old, fact) : fact;
  if (next !== old) (d.write(table) as Record<string, T>)[key] = next;
}

/** keep, for a table of sequenced facts (factTable.ts): only the fact's bucket is copied. */
function keepSequenced<T extends { dialogId: string; sequence: number }>(d: Draft, table: 'messages' | 'receipts', fact: T, merge: (a: T, b: T) => T): void {
  const bucket = bucketOf(fact.dialogId, fact.sequence);
  const key = eventKey(fact.dialogId, fact.sequence);
  const old = (d.state[table][bucket] as Record<string, T> | undefined)?.[key];
  const next = old ? merge(old, fact) : fact;
  if (next !== old) d.bucket<T>(table, bucket)[key] = next;
}

function applySnapshot(d: Draft, snap: ConversationSnapshot): void {
  for (const dialog of snap.dialogs) {
    const known = d.state.dialogConversation[dialog.id];
    if (known === undefined || snap.id < known) d.write('dialogConversation')[dialog.id] = snap.id;
  }
  if (d.state.removed[snap.id]) return purge(d, snap.id);
  const key = String(snap.updatedAt);
  const old = d.state.snapshots[snap.id]?.[key];
  const kept = old ? pickSnapshot(old, snap) : snap;
  if (kept === old) return;
  const byTime = { ...d.state.snapshots[snap.id], [key]: kept };
  const keys = Object.keys(byTime);
  if (keys.length > MAX_SNAPSHOTS) {
    keys.sort((a, b) => Number(a) - Number(b));
    for (const k of keys.slice(0, keys.length - MAX_SNAPSHOTS)) delete byTime[k];
  }
  d.write('snapshots')[snap.id] = byTime;
}

/** Two different snapshots with the same updatedAt: prefer the one further along, then canonically. */
export function pickSnapshot(a: ConversationSnapshot, b: ConversationSnapshot): ConversationSnapshot {
  const rank = (x: ConversationSnapshot) => [
    x.stage === 'closed' ? 1 : 0,
    x.mainOpen ? 0 : 1,
    x.dialogs.length,
    x.participants.filter((p) => p.status === 'active').length,
    x.participants.length,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) {
    const d = (ra[i] ?? 0) - (rb[i] ?? 0);
    if (d !== 0) return d > 0 ? a : b;
  }
  return pickCanonical(a, b);
}

/** Drops everything known about a removed conversation (and its dialogs). */
function purge(d: Draft, conversationId: string): void {
  if (d.state.snapshots[conversationId]) delete d.write('snapshots')[conversationId];
  for (const [k, v] of Object.entries(d.state.typing)) if (isRemoved(d.state, v.conversationId, v.dialogId)) delete d.write('typing')[k];
  for (const table of ['messages', 'receipts'] as const) {
    for (const [bucket, facts] of Object.entries(d.state[table])) {
      const gone = Object.entries(facts as Record<string, { conversationId: string; dialogId: string }>).filter(([, v]) => isRemoved(d.state, v.conversationId, v.dialogId));
      if (gone.length === 0) continue;
      const writable = d.bucket(table, bucket);
      for (const [k] of gone) delete writable[k];
      if (Object.keys(writable).length === 0) delete (d.write(table) as Record<string, unknown>)[bucket];
    }
  }
}

function isRemoved(s: ChatState, conversationId: string, dialogId: string): boolean {
  const owner = s.dialogConversation[dialogId];
  return s.removed[conversationId] === true || (owner !== undefined && s.removed[owner] === true);
}

/** Same (dialog, sequence): the earliest arrival, any client id (the smallest), content canonically. */
function mergeMessages(a: MessageFact, b: MessageFact): MessageFact {
  const { receivedAt: ra, clientId: ca, ...restA } = a;
  const { receivedAt: rb, clientId: cb, ...restB } = b;
  const firstContent = compareCanonical(restA, restB) >= 0;
  const base = firstContent ? restA : restB;
  const clientId = ca === undefined ? cb : cb === undefined ? ca : ca < cb ? ca : cb;
  const receivedAt = minDefined(ra, rb);
  if (firstContent && clientId === ca && receivedAt === ra) return a;
  return {
    ...base,
    ...(clientId !== undefined ? { clientId } : {}),
    ...(receivedAt !== undefined ? { receivedAt } : {}),
  };
}

function laterTyping(a: TypingFact, b: TypingFact): TypingFact {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt > b.receivedAt ? a : b;
  return pickCanonical(a, b);
}

type OutboxEvent = Extract<CoreEvent, { type: `outbox${string}` }>;

function applyOutbox(d: Draft, e: OutboxEvent): void {
  const known = d.state.outbox[e.clientId];
  const old: OutboxEntry = known ?? { clientId: e.clientId };
  const next: OutboxEntry = { ...old };
  switch (e.type) {
    case 'outboxAdded':
      next.text = old.text === undefined ? e.text : pickCanonical(old.text, e.text);
      next.createdAt = minDefined(old.createdAt, e.createdAt);
      if (e.file) next.file = old.file ? pickCanonical(old.file, e.file) : e.file;
      break;
    case 'outboxCancelled':
      next.cancelled = true;
      break;
    case 'outboxStored': {
      const stored = { dialogId: e.dialogId, sequence: e.sequence };
      next.stored = old.stored && compareStored(old.stored, stored) <= 0 ? old.stored : stored;
      break;
    }
    case 'outboxFailed': {
      const failed = { at: e.at, reason: e.reason };
      const prev = old.failed;
      next.failed = !prev || failed.at > prev.at ? failed : failed.at < prev.at ? prev : pickCanonical(prev, failed);
      break;
    }
    case 'outboxRetried':
      next.retriedAt = old.retriedAt === undefined ? e.at : Math.max(old.retriedAt, e.at);
      break;
  }
  if (!known || !sameValue(known, next)) d.write('outbox')[e.clientId] = next;
}

function compareStored(a: { dialogId: string; sequence: number }, b: { dialogId: string; sequence: number }): number {
  return compareStrings(a.dialogId, b.dialogId) || a.sequence - b.sequence;
}
