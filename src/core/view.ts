// selectView: the ChatView the UI renders, derived from ChatState (pure; `now` drives timeouts).
// createViewSelector memoizes it per row key: a row equal to the one the previous view had under
// its key is that same object, and an unchanged view is the previous view, so the UI re-renders
// only what changed.
import type { ChatView, TimelineRow } from './model';
import { activeAgents, belongsTo, currentConversation, isConsumer, latestSnapshots, snapshotsOf } from './conversation';
import { bannersOf } from './banners';
import { earlierConversations } from './earlier';
import type { BannerRow } from './banners';
import { messageRows, outboxRows } from './timeline';
import type { MessageRow } from './timeline';
import { eventKey } from './state';
import type { ChatState, TypingFact } from './state';
import type { ConversationSnapshot } from './model';

/** How long "agent is typing" lasts without a new chat state (typing never clears on the wire). */
export const TYPING_TIMEOUT_MS = 30_000;

export interface ViewOptions {
  consumerId?: string;
  now: number;
}

export function selectView(state: ChatState, opts: ViewOptions): ChatView {
  const { consumerId } = opts;
  const names: Record<string, string> = {};
  const avatars: Record<string, string> = {};
  for (const p of Object.values(state.profiles)) {
    names[p.participantId] = p.name;
    if (p.avatarUrl !== undefined) avatars[p.participantId] = p.avatarUrl;
  }
  const snap = currentConversation(state);
  const pending = outboxRows(state, snap, consumerId);
  const earlier = earlierConversations(state, snap, consumerId);
  const view: ChatView = { stage: snap?.stage ?? 'none', timeline: [], unread: 0, names };
  if (Object.keys(avatars).length > 0) view.avatars = avatars;
  if (consumerId !== undefined) view.consumerId = consumerId;
  if (earlier.length > 0) view.earlier = earlier;
  if (!snap) {
    view.timeline = pending;
    return view;
  }
  view.conversationId = snap.id;
  const agent = activeAgents(snap)[0];
  if (agent) view.agent = { participantId: agent.id };
  else if (snap.stage === 'open' && snap.mainOpen && snap.expectedReply) view.expectedReply = snap.expectedReply;
  if (snap.stage === 'closed' && !snap.dialogs.some((d) => d.kind === 'survey')) view.rating = snap.rating !== undefined ? { given: snap.rating } : {};
  const typing = agentTyping(state, snap, opts);
  if (typing) view.agentTyping = { participantId: typing };
  const current = [...threadRows(state, snap, consumerId), ...pending];
  view.timeline = [...previousThread(state, snap, consumerId, current), ...current];
  view.unread = unreadCount(state, snap, consumerId);
  return view;
}

/** One conversation's messages and banners. */
function threadRows(state: ChatState, snap: ConversationSnapshot, consumerId: string | undefined): TimelineRow[] {
  return interleave(messageRows(state, snap, consumerId), bannersOf(snapshotsOf(state, snap.id)));
}

/**
 * The conversation the visitor had just before the current one (ended before it started), with
 * its "conversation ended" row: starting a new conversation does not wipe the earlier thread from
 * view. Only when its messages are known (after a reload they are not fetched: nothing shows).
 */
function previousThread(state: ChatState, snap: ConversationSnapshot, consumerId: string | undefined, current: TimelineRow[]): TimelineRow[] {
  let previous: ConversationSnapshot | undefined;
  for (const c of latestSnapshots(state)) {
    if (c.id === snap.id || c.stage !== 'closed' || (c.endedAt ?? c.updatedAt) > snap.startedAt) continue;
    if (!previous || (c.endedAt ?? c.updatedAt) > (previous.endedAt ?? previous.updatedAt)) previous = c;
  }
  if (!previous) return [];
  // A message both conversations claim (a dialog id reused by hostile input) shows once, in the current one.
  const keys = new Set(current.map((r) => r.key));
  const stored = new Set(current.flatMap((r) => (r.kind === 'message' && r.sequence !== undefined ? [eventKey(r.dialogId ?? '', r.sequence)] : [])));
  const rows = threadRows(state, previous, consumerId).filter(
    (r) => !keys.has(r.key) && !(r.kind === 'message' && r.sequence !== undefined && stored.has(eventKey(r.dialogId ?? '', r.sequence))),
  );
  return rows.some((r) => r.kind === 'message') ? rows : [];
}

/** Messages keep their sequence order; each banner goes before the first message newer than it. */
/** The banner goes above the message: it is older, or it opens the survey that message asks in (same moment). */
function bannerFirst(banner: BannerRow, m: MessageRow): boolean {
  return banner.at < m.at || (banner.at === m.at && banner.banner.type === 'surveyStarted');
}

function interleave(messages: MessageRow[], banners: BannerRow[]): TimelineRow[] {
  const out: TimelineRow[] = [];
  let b = 0;
  for (const m of messages) {
    while (b < banners.length && bannerFirst(banners[b] as BannerRow, m)) out.push(banners[b++] as BannerRow);
    out.push(m);
  }
  while (b < banners.length) out.push(banners[b++] as BannerRow);
  return out;
}

function agentTyping(state: ChatState, snap: ConversationSnapshot, opts: ViewOptions): string | undefined {
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
    const spoke = Object.values(state.messages).some(
      (m) => m.originatorId === t.originatorId && m.receivedAt !== undefined && m.receivedAt >= t.receivedAt && belongsTo(snap, m),
    );
    if (spoke) continue;
    if (!best || t.receivedAt > best.receivedAt || (t.receivedAt === best.receivedAt && t.originatorId < best.originatorId)) best = t;
  }
  return best?.originatorId;
}

/**
 * Agent content of the conversation's open dialogs that no READ from the visitor covers (receipts are
 * not content). Closed dialogs don't count: no READ can be published there, so their badge would stick.
 */
function unreadCount(state: ChatState, snap: ConversationSnapshot, consumerId: string | undefined): number {
  const open = new Set(snap.dialogs.filter((d) => d.open).map((d) => d.id));
  const read = new Set<string>();
  for (const r of Object.values(state.receipts)) {
    if (r.status === 'read' && isConsumer(r, consumerId)) for (const s of r.sequences) read.add(eventKey(r.dialogId, s));
  }
  return Object.values(state.messages).filter(
    (m) => open.has(m.dialogId) && belongsTo(snap, m) && !isConsumer(m, consumerId) && !read.has(eventKey(m.dialogId, m.sequence)),
  ).length;
}

export type ViewSelector = (state: ChatState, opts: ViewOptions) => ChatView;

/** selectView with per-key memoization (one selector per store: it remembers the previous view). */
export function createViewSelector(): ViewSelector {
  let previous: ChatView | undefined;
  let rowsByKey = new Map<string, TimelineRow>();
  return (state, opts) => {
    const next = selectView(state, opts);
    const kept = new Map<string, TimelineRow>();
    const before = previous?.timeline;
    let sameTimeline = before !== undefined && before.length === next.timeline.length;
    const timeline = next.timeline.map((row, index) => {
      const old = rowsByKey.get(row.key);
      const row2 = old !== undefined && sameValue(old, row) ? old : row;
      kept.set(row.key, row2);
      if (sameTimeline && before?.[index] !== row2) sameTimeline = false;
      return row2;
    });
    rowsByKey = kept;
    const view: ChatView = { ...next, timeline: sameTimeline && before ? before : timeline };
    if (previous) {
      if (sameValue(previous.names, view.names)) view.names = previous.names;
      if (previous.avatars && sameValue(previous.avatars, view.avatars)) view.avatars = previous.avatars;
      if (previous.agent && sameValue(previous.agent, view.agent)) view.agent = previous.agent;
      if (previous.agentTyping && sameValue(previous.agentTyping, view.agentTyping)) view.agentTyping = previous.agentTyping;
      if (previous.earlier && sameValue(previous.earlier, view.earlier)) view.earlier = previous.earlier;
      if (sameValue(previous, view)) return previous;
    }
    previous = view;
    return view;
  };
}

/** Structural equality of JSON-like values (same keys, same values; identical objects short-cut). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
