// The pure reducer. The result depends only on the *set* of events: every event is a fact keyed by
// its identity, and two versions of the same fact are merged by a commutative, associative rule.
// So replays, duplicates and out-of-order delivery all give a deep-equal state.
import type { ConversationSnapshot, CoreEvent } from './model';
import { compareCanonical, compareStrings, minDefined, pickCanonical } from './canonical';
import { MAX_SNAPSHOTS, eventKey } from './state';
import type { ChatState, MessageFact, OutboxEntry, TypingFact } from './state';

export { initialState } from './state';

export function reduce(state: ChatState, events: readonly CoreEvent[]): ChatState {
  if (events.length === 0) return state;
  const draft: ChatState = {
    snapshots: { ...state.snapshots },
    removed: { ...state.removed },
    dialogConversation: { ...state.dialogConversation },
    messages: { ...state.messages },
    receipts: { ...state.receipts },
    typing: { ...state.typing },
    profiles: { ...state.profiles },
    outbox: { ...state.outbox },
  };
  for (const event of events) apply(draft, event);
  return draft;
}

function apply(s: ChatState, e: CoreEvent): void {
  switch (e.type) {
    case 'conversation':
      return applySnapshot(s, e.snapshot);
    case 'conversationRemoved':
      s.removed[e.conversationId] = true;
      return purge(s, e.conversationId);
    case 'message':
      if (!isRemoved(s, e.conversationId, e.dialogId)) keep(s.messages, eventKey(e.dialogId, e.sequence), e, mergeMessages);
      return;
    case 'receipt':
      if (!isRemoved(s, e.conversationId, e.dialogId)) keep(s.receipts, eventKey(e.dialogId, e.sequence), e, pickCanonical);
      return;
    case 'typing':
      if (!isRemoved(s, e.conversationId, e.dialogId)) keep(s.typing, JSON.stringify([e.dialogId, e.originatorId]), e, laterTyping);
      return;
    case 'profile':
      return keep(s.profiles, e.participantId, e, pickCanonical);
    default:
      return applyOutbox(s, e);
  }
}

/** Keeps one version of each fact: a second version of the fact under `key` is merged with the first by `merge`. */
function keep<T>(table: Record<string, T>, key: string, fact: T, merge: (a: T, b: T) => T): void {
  const old = table[key];
  table[key] = old ? merge(old, fact) : fact;
}

function applySnapshot(s: ChatState, snap: ConversationSnapshot): void {
  for (const d of snap.dialogs) {
    const known = s.dialogConversation[d.id];
    if (known === undefined || snap.id < known) s.dialogConversation[d.id] = snap.id;
  }
  if (s.removed[snap.id]) return purge(s, snap.id);
  const key = String(snap.updatedAt);
  const byTime = { ...s.snapshots[snap.id] };
  keep(byTime, key, snap, pickSnapshot);
  const keys = Object.keys(byTime);
  if (keys.length > MAX_SNAPSHOTS) {
    keys.sort((a, b) => Number(a) - Number(b));
    for (const k of keys.slice(0, keys.length - MAX_SNAPSHOTS)) delete byTime[k];
  }
  s.snapshots[snap.id] = byTime;
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
function purge(s: ChatState, conversationId: string): void {
  delete s.snapshots[conversationId];
  for (const map of [s.messages, s.receipts, s.typing] as Array<Record<string, { conversationId: string; dialogId: string }>>) {
    for (const [k, v] of Object.entries(map)) if (isRemoved(s, v.conversationId, v.dialogId)) delete map[k];
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
  const base = compareCanonical(restA, restB) >= 0 ? restA : restB;
  const clientId = ca === undefined ? cb : cb === undefined ? ca : ca < cb ? ca : cb;
  const receivedAt = minDefined(ra, rb);
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

function applyOutbox(s: ChatState, e: OutboxEvent): void {
  const old: OutboxEntry = s.outbox[e.clientId] ?? { clientId: e.clientId };
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
  s.outbox[e.clientId] = next;
}

function compareStored(a: { dialogId: string; sequence: number }, b: { dialogId: string; sequence: number }): number {
  return compareStrings(a.dialogId, b.dialogId) || a.sequence - b.sequence;
}
