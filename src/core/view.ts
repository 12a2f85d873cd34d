// selectView: the ChatView the UI renders, derived from ChatState (pure; `now` drives timeouts).
// createViewSelector keeps it incrementally: the threads' message rows and the receipts are
// indexes (threadIndex.ts, receiptIndex.ts) patched with what each batch of events changed
// (changes.ts), so a notification that changes one message costs O(1) rows and O(log n)
// comparisons, not a rebuild; a row equal to the one the previous view had under its key is that
// same object, and an unchanged view is the previous view, so the UI re-renders only what changed.
import type { ChatView, ConversationSnapshot, EarlierConversation, TimelineRow } from './model';
import { activeAgents, belongsTo, currentConversation, isConsumer, latestSnapshots, snapshotsOf } from './conversation';
import { bannersOf, interleave } from './banners';
import { earlierConversations } from './earlier';
import type { Changes } from './changes';
import { ReceiptIndex } from './receiptIndex';
import { ThreadIndex, threadSignature, type RowSources, type ViewCounters } from './threadIndex';
import { outboxRows, storedClients, type MessageRow } from './timeline';
import { eventKey } from './state';
import { sameValue } from './canonical';
import type { ChatState, MessageFact, TypingFact } from './state';
import { factAt, factCount, factEntries } from './factTable';

export type { ViewCounters } from './threadIndex';

/** How long "agent is typing" lasts without a new chat state (typing never clears on the wire). */
export const TYPING_TIMEOUT_MS = 30_000;

export interface ViewOptions {
  consumerId?: string;
  now: number;
}

/** The view of `state`, built from nothing (the incremental selector, fresh: the reference it must agree with). */
export function selectView(state: ChatState, opts: ViewOptions): ChatView {
  return createViewSelector()(state, opts);
}

/**
 * What the selector keeps between calls: the receipts and the threads (current and previous
 * conversation) as indexes, the client ids of the stored messages, and where queued messages
 * were stored. Patched with the Changes of each batch; rebuilt when they say `all`.
 */
class ViewMemo {
  readonly receipts: ReceiptIndex;
  /** message key → the fact last seen (all conversations), and client id → how many carry it. */
  private readonly facts = new Map<string, MessageFact>();
  private readonly clients = new Map<string, number>();
  stored: Map<string, string>;
  current: ThreadIndex | undefined;
  previous: ThreadIndex | undefined;
  /** The rows built for every view (banners, queued messages), by key: an equal one is the previous object. */
  private small = new Map<string, TimelineRow>();
  private smallNext = new Map<string, TimelineRow>();
  private parts: { previous: TimelineRow[]; thread: TimelineRow[]; pending: MessageRow[]; timeline: TimelineRow[] } | undefined;
  /** The earlier conversations last built, and what they were built from. */
  private earlierKept: { snapshots: ChatState['snapshots']; dialogs: ChatState['dialogConversation']; currentId: string | undefined; list: EarlierConversation[] } | undefined;

  constructor(
    state: ChatState,
    readonly consumerId: string | undefined,
    readonly counters: ViewCounters,
  ) {
    this.receipts = new ReceiptIndex(consumerId);
    this.receipts.update(state, factEntries(state.receipts).map(([key]) => key));
    for (const [key, fact] of factEntries(state.messages)) this.see(key, fact);
    this.stored = storedClients(state);
    this.lookup = {
      receipts: this.receipts,
      hasClient: (clientId) => (this.clients.get(clientId) ?? 0) > 0,
      storedClient: (key) => this.stored.get(key),
    };
  }

  readonly lookup: RowSources;

  /**
   * Applies a batch's changes; returns the message keys whose rows may have changed, or undefined
   * when a snapshot dropped facts the changes do not name (a removed conversation's): rebuild then.
   */
  update(state: ChatState, changes: Changes): Set<string> | undefined {
    const touched = this.receipts.update(state, changes.receipts);
    for (const key of changes.messages) {
      touched.add(key);
      this.see(key, factAt(state.messages, key));
    }
    if (changes.outbox) {
      const stored = storedClients(state);
      for (const [key, clientId] of stored) if (this.stored.get(key) !== clientId) touched.add(key);
      for (const key of this.stored.keys()) if (!stored.has(key)) touched.add(key);
      this.stored = stored;
    }
    // A snapshot may purge a removed conversation's facts (reducer.ts): counted, not named.
    if (changes.snapshots && (factCount(state.messages) !== this.facts.size || factCount(state.receipts) !== this.receipts.size)) return undefined;
    return touched;
  }

  /** A banner's or a queued message's row: the previous view's object when equal. */
  readonly keep = <T extends TimelineRow>(row: T): T => {
    const old = this.small.get(row.key);
    const kept = old !== undefined && sameValue(old, row) ? (old as T) : row;
    this.smallNext.set(row.key, kept);
    return kept;
  };

  /** The timeline from its parts: the previous array while they are the same. */
  timeline(previous: TimelineRow[], thread: TimelineRow[], pending: MessageRow[]): TimelineRow[] {
    this.small = this.smallNext;
    this.smallNext = new Map();
    const p = this.parts;
    if (p && sameRows(p.previous, previous) && sameRows(p.thread, thread) && sameRows(p.pending, pending)) return p.timeline;
    const timeline = previous.length === 0 && pending.length === 0 ? thread : [...previous, ...thread, ...pending];
    this.parts = { previous, thread, pending, timeline };
    return timeline;
  }

  /**
   * The earlier conversations (earlier.ts), built again only when what they are made of may have
   * changed: the snapshots, the dialogs' conversations, which one is current, or a message (or its
   * receipt) of a conversation that is not the current one. A message or a status change in the
   * current conversation keeps the list: it walks every conversation and every message.
   */
  earlier(state: ChatState, snap: ConversationSnapshot | undefined, touched: Set<string> | undefined): EarlierConversation[] {
    const kept = this.earlierKept;
    if (kept && touched && kept.snapshots === state.snapshots && kept.dialogs === state.dialogConversation && kept.currentId === snap?.id && !this.touchesOthers(state, snap, touched)) return kept.list;
    this.counters.earlierBuilt = (this.counters.earlierBuilt ?? 0) + 1;
    const list = earlierConversations(state, snap, this.consumerId, (c) => new ThreadIndex(c, this.consumerId, this.lookup, { rows: 0, comparisons: 0 }, state).messageRows);
    this.earlierKept = { snapshots: state.snapshots, dialogs: state.dialogConversation, currentId: snap?.id, list };
    return list;
  }

  /** Whether a touched message belongs to another conversation than the current one. */
  private touchesOthers(state: ChatState, snap: ConversationSnapshot | undefined, touched: Set<string>): boolean {
    for (const key of touched) {
      const fact = factAt(state.messages, key);
      if (fact === undefined) continue; // no message under this key (a receipt ahead of its message): no row
      if ((state.dialogConversation[fact.dialogId] ?? fact.conversationId) !== snap?.id) return true;
    }
    return false;
  }

  /** The index of `snap`'s thread: `kept` when its order and membership are the same, else built. */
  thread(state: ChatState, snap: ConversationSnapshot, kept: ThreadIndex | undefined, touched: Set<string> | undefined): ThreadIndex {
    if (kept && touched && threadSignature(kept.snap) === threadSignature(snap)) {
      kept.snap = snap;
      kept.update(state, touched);
      return kept;
    }
    return new ThreadIndex(snap, this.consumerId, this.lookup, this.counters, state);
  }

  private see(key: string, fact: MessageFact | undefined): void {
    const old = this.facts.get(key)?.clientId;
    if (old !== undefined) this.clients.set(old, (this.clients.get(old) ?? 1) - 1);
    if (fact) this.facts.set(key, fact);
    else this.facts.delete(key);
    if (fact?.clientId !== undefined) this.clients.set(fact.clientId, (this.clients.get(fact.clientId) ?? 0) + 1);
  }
}

function buildView(state: ChatState, opts: ViewOptions, memo: ViewMemo, touched: Set<string> | undefined): ChatView {
  const { consumerId } = opts;
  const names: Record<string, string> = {};
  const avatars: Record<string, string> = {};
  for (const p of Object.values(state.profiles)) {
    names[p.participantId] = p.name;
    if (p.avatarUrl !== undefined) avatars[p.participantId] = p.avatarUrl;
  }
  const snap = currentConversation(state);
  const pending = outboxRows(state, snap, consumerId, memo.lookup).map(memo.keep);
  const earlier = memo.earlier(state, snap, touched);
  const view: ChatView = { stage: snap?.stage ?? 'none', timeline: [], unread: 0, names };
  if (Object.keys(avatars).length > 0) view.avatars = avatars;
  if (consumerId !== undefined) view.consumerId = consumerId;
  if (earlier.length > 0) view.earlier = earlier;
  if (!snap) {
    memo.current = memo.previous = undefined;
    view.timeline = memo.timeline([], [], pending);
    return view;
  }
  view.conversationId = snap.id;
  const agent = activeAgents(snap)[0];
  if (agent) view.agent = { participantId: agent.id };
  else if (snap.stage === 'open' && snap.mainOpen && snap.expectedReply) view.expectedReply = snap.expectedReply;
  if (snap.stage === 'closed' && !snap.dialogs.some((d) => d.kind === 'survey')) view.rating = snap.rating !== undefined ? { given: snap.rating } : {};
  memo.current = memo.thread(state, snap, memo.current, touched);
  const typing = agentTyping(state, snap, opts, memo.current);
  if (typing) view.agentTyping = { participantId: typing };
  const thread = threadRows(state, snap, memo, memo.current);
  view.timeline = memo.timeline(previousThread(state, snap, memo, touched, thread, pending), thread, pending);
  view.unread = memo.current.unread;
  return view;
}

/** One conversation's messages and banners (a pointer pass when there are banners; no row is built). */
function threadRows(state: ChatState, snap: ConversationSnapshot, memo: ViewMemo, thread: ThreadIndex): TimelineRow[] {
  const banners = bannersOf(snapshotsOf(state, snap.id)).map(memo.keep);
  return banners.length === 0 ? thread.messageRows : interleave(thread.messageRows, banners);
}

/**
 * The conversation the visitor had just before the current one (ended before it started), with
 * its "conversation ended" row: starting a new conversation does not wipe the earlier thread from
 * view. Only when its messages are known (after a reload they are not fetched: nothing shows).
 */
function previousThread(state: ChatState, snap: ConversationSnapshot, memo: ViewMemo, touched: Set<string> | undefined, thread: TimelineRow[], pending: MessageRow[]): TimelineRow[] {
  let previous: ConversationSnapshot | undefined;
  for (const c of latestSnapshots(state)) {
    if (c.id === snap.id || c.stage !== 'closed' || (c.endedAt ?? c.updatedAt) > snap.startedAt) continue;
    if (!previous || (c.endedAt ?? c.updatedAt) > (previous.endedAt ?? previous.updatedAt)) previous = c;
  }
  if (!previous) {
    memo.previous = undefined;
    return [];
  }
  memo.previous = memo.thread(state, previous, memo.previous, touched);
  if (memo.previous.messageRows.length === 0) return [];
  const earlier = threadRows(state, previous, memo, memo.previous);
  // A message both conversations claim (a dialog id reused by hostile input) shows once, in the current one.
  const current = [...thread, ...pending];
  const keys = new Set(current.map((r) => r.key));
  const stored = new Set(current.flatMap((r) => (r.kind === 'message' && r.sequence !== undefined ? [eventKey(r.dialogId ?? '', r.sequence)] : [])));
  const rows = earlier.filter((r) => !keys.has(r.key) && !(r.kind === 'message' && r.sequence !== undefined && stored.has(eventKey(r.dialogId ?? '', r.sequence))));
  return rows.some((r) => r.kind === 'message') ? rows : [];
}

const sameRows = (a: readonly TimelineRow[], b: readonly TimelineRow[]) => a.length === b.length && a.every((row, i) => row === b[i]);

function agentTyping(state: ChatState, snap: ConversationSnapshot, opts: ViewOptions, thread: ThreadIndex): string | undefined {
  // The latest chat state per participant (across the conversation's dialogs) decides.
  const latest = new Map<string, TypingFact>();
  for (const t of Object.values(state.typing)) {
    if (isConsumer(t, opts.consumerId) || !belongsTo(snap, t)) continue;
    const seen = latest.get(t.originatorId);
    if (!seen || t.receivedAt > seen.receivedAt || (t.receivedAt === seen.receivedAt && !t.composing)) latest.set(t.originatorId, t);
  }
  let best: TypingFact | undefined;
  for (const t of latest.values()) {
    if (!t.composing || opts.now - t.receivedAt > TYPING_TIMEOUT_MS) continue;
    if (thread.spokeSince(t.originatorId, t.receivedAt)) continue;
    if (!best || t.receivedAt > best.receivedAt || (t.receivedAt === best.receivedAt && t.originatorId < best.originatorId)) best = t;
  }
  return best?.originatorId;
}

/** The view; `changes` (what happened since the previous call) lets it patch instead of rebuilding. */
export type ViewSelector = (state: ChatState, opts: ViewOptions, changes?: Changes) => ChatView;

/**
 * selectView, incremental and memoized per key (one selector per store: it remembers the previous
 * view and its indexes). Given the changes since the previous call, it costs O(changed rows) row
 * constructions and O(log n) order comparisons per changed row (`counters` counts both); without
 * them, or when they say `all`, it rebuilds. A row equal to the previous one under its key is that
 * same object, and an unchanged view is the previous view.
 */
export function createViewSelector(counters: ViewCounters = { rows: 0, comparisons: 0 }): ViewSelector {
  let previous: ChatView | undefined;
  let memo: ViewMemo | undefined;
  let seen: ChatState | undefined;
  return (state, opts, changes) => {
    let touched: Set<string> | undefined;
    const known = memo !== undefined && memo.consumerId === opts.consumerId;
    if (known && memo && changes && !changes.all) touched = memo.update(state, changes);
    else if (known && !changes && state === seen) touched = new Set();
    if (!memo || touched === undefined) memo = new ViewMemo(state, opts.consumerId, counters);
    seen = state;
    const view = buildView(state, opts, memo, touched);
    if (previous) {
      if (sameValue(previous.names, view.names)) view.names = previous.names;
      if (previous.avatars && sameValue(previous.avatars, view.avatars)) view.avatars = previous.avatars;
      if (previous.agent && sameValue(previous.agent, view.agent)) view.agent = previous.agent;
      if (previous.agentTyping && sameValue(previous.agentTyping, view.agentTyping)) view.agentTyping = previous.agentTyping;
      if (previous.earlier && sameValue(previous.earlier, view.earlier)) view.earlier = previous.earlier;
      if (previous.timeline === view.timeline && sameValue({ ...previous, timeline: [] }, { ...view, timeline: [] })) return previous;
    }
    previous = view;
    return view;
  };
}
