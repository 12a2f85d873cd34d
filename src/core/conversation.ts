// Which conversation and dialog the visitor sees, derived from the stored snapshots.
import type { ConversationSnapshot, Dialog, Participant } from './model';
import { compareStrings } from './canonical';
import type { ChatState } from './state';

/** A conversation's snapshots, oldest first (keys are unique updatedAt values). */
export function snapshotsOf(state: ChatState, conversationId: string): ConversationSnapshot[] {
  return Object.values(state.snapshots[conversationId] ?? {}).sort((a, b) => a.updatedAt - b.updatedAt);
}

// Asked on every change (the view, the receipts, the subscriptions), the latest snapshots depend
// only on the snapshots table, which the reducer replaces when a snapshot arrives: remembered per
// table, so a message does not sort 1,000 conversations' snapshots again.
const latestOf = new WeakMap<ChatState['snapshots'], readonly ConversationSnapshot[]>();

/** The latest snapshot of every known conversation. */
export function latestSnapshots(state: ChatState): readonly ConversationSnapshot[] {
  const known = latestOf.get(state.snapshots);
  if (known) return known;
  const out: ConversationSnapshot[] = [];
  for (const id of Object.keys(state.snapshots)) {
    const all = snapshotsOf(state, id);
    const last = all[all.length - 1];
    if (last) out.push(last);
  }
  latestOf.set(state.snapshots, out);
  return out;
}

/** The open conversation; else the most recently closed one (so its end banner stays visible). */
export function currentConversation(state: ChatState): ConversationSnapshot | undefined {
  const latest = latestSnapshots(state);
  const open = latest.filter((c) => c.stage === 'open');
  const pool = open.length > 0 ? open : [...latest];
  const recency = (c: ConversationSnapshot) => (c.stage === 'open' ? c.startedAt : (c.endedAt ?? c.updatedAt));
  return pool.sort((a, b) => recency(b) - recency(a) || b.updatedAt - a.updatedAt || compareStrings(a.id, b.id))[0];
}

/** Dialog display order: main, then survey, then others; by creation time, then id. */
export function compareDialogs(a: Dialog, b: Dialog): number {
  const kind = (d: Dialog) => (d.kind === 'main' ? 0 : d.kind === 'survey' ? 1 : 2);
  return kind(a) - kind(b) || a.createdAt - b.createdAt || compareStrings(a.id, b.id);
}

export function messagingDialogs(snap: ConversationSnapshot): Dialog[] {
  return snap.dialogs.filter((d) => d.messaging).sort(compareDialogs);
}

/** The dialog to publish to: MAIN while open, else the open POST_SURVEY; none once the stage is closed. */
export function activeDialog(snap: ConversationSnapshot): Dialog | undefined {
  if (snap.stage !== 'open') return undefined;
  const dialogs = messagingDialogs(snap);
  const main = dialogs.find((d) => d.kind === 'main' && d.open && snap.mainOpen);
  return main ?? dialogs.find((d) => d.kind === 'survey' && d.open);
}

/** A messaging dialog of a conversation: where events are published and subscribed. */
export interface DialogTarget {
  conversationId: string;
  dialogId: string;
}

/** The open conversation's active messaging dialog (MAIN, or the open POST_SURVEY). */
export function activeTarget(state: ChatState): DialogTarget | undefined {
  const snap = currentConversation(state);
  const dialog = snap && activeDialog(snap);
  return snap && dialog ? { conversationId: snap.id, dialogId: dialog.id } : undefined;
}

/** The dialogs whose events the visitor sees: the active one, or every messaging dialog of a closed current conversation. */
export function watchedDialogs(state: ChatState): DialogTarget[] {
  const active = activeTarget(state);
  if (active) return [active];
  const snap = currentConversation(state);
  if (!snap || snap.stage !== 'closed') return [];
  return messagingDialogs(snap).map((d) => ({ conversationId: snap.id, dialogId: d.id }));
}

/** True when the event belongs to this conversation (by conversation id or by one of its dialogs). */
export function belongsTo(snap: ConversationSnapshot, e: { conversationId: string; dialogId: string }): boolean {
  return e.conversationId === snap.id || snap.dialogs.some((d) => d.id === e.dialogId);
}

export function activeAgents(snap: ConversationSnapshot): Participant[] {
  return snap.participants.filter((p) => p.role === 'agent' && p.status === 'active');
}

export function isConsumer(e: { originator: string; originatorId: string }, consumerId: string | undefined): boolean {
  return e.originator === 'consumer' || (consumerId !== undefined && e.originatorId === consumerId);
}
