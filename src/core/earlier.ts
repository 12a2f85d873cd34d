// The visitor's earlier conversations (closed, other than the current one), newest first, from the
// snapshots the conversation list holds: when, with which agent, the last message (from the
// snapshot when the backend has it there, else from its messages once they were loaded), and the
// rows of those whose messages are loaded (opened read-only). No request is made for the others.
import type { ConversationSnapshot, EarlierConversation, MessageBody, Originator } from './model';
import { compareStrings } from './canonical';
import { latestSnapshots, snapshotsOf } from './conversation';
import type { ChatState, MessageFact } from './state';
import type { MessageRow } from './timeline';
import { factsOf } from './factTable';

const endOf = (c: ConversationSnapshot) => c.endedAt ?? c.updatedAt;

function bodyText(body: MessageBody): string | undefined {
  if (body.kind === 'text') return body.text;
  if (body.kind === 'rich') return body.fallbackText;
  if (body.kind === 'file') return body.caption;
  return undefined;
}

/** The agent the conversation had: the latest one any of its snapshots names, in any dialog. */
function agentOf(state: ChatState, snap: ConversationSnapshot): string | undefined {
  const all = snapshotsOf(state, snap.id);
  for (let i = all.length - 1; i >= 0; i--) {
    const s = all[i] as ConversationSnapshot;
    const agent = [...s.participants, ...s.dialogs.flatMap((d) => d.participants)].find((p) => p.role === 'agent');
    if (agent) return agent.id;
  }
  return undefined;
}

/** `rowsOf`: a conversation's message rows, built from nothing (view.ts: its thread index). */
/** Whether `m` is newer than `seen`: by time, then sequence, then dialog (a total order, so the pick is order-independent). */
function newer(m: MessageFact, seen: MessageFact): boolean {
  if (m.at !== seen.at) return m.at > seen.at;
  if (m.sequence !== seen.sequence) return m.sequence > seen.sequence;
  return compareStrings(m.dialogId, seen.dialogId) > 0;
}

export function earlierConversations(
  state: ChatState,
  current: ConversationSnapshot | undefined,
  consumerId: string | undefined,
  rowsOf: (snap: ConversationSnapshot) => MessageRow[],
): EarlierConversation[] {
  const closed = latestSnapshots(state).filter((c) => c.stage === 'closed' && c.id !== current?.id);
  if (closed.length === 0) return [];
  // The newest loaded message of each conversation (one pass over the messages).
  const newest = new Map<string, MessageFact>();
  for (const m of factsOf(state.messages)) {
    const conversationId = state.dialogConversation[m.dialogId] ?? m.conversationId;
    const seen = newest.get(conversationId);
    if (bodyText(m.body) !== undefined && (!seen || newer(m, seen))) newest.set(conversationId, m);
  }
  closed.sort((a, b) => endOf(b) - endOf(a) || compareStrings(a.id, b.id));
  return closed.map((c) => {
    const out: EarlierConversation = { id: c.id, startedAt: c.startedAt, endedAt: endOf(c) };
    const agentId = agentOf(state, c);
    if (agentId !== undefined) out.agentId = agentId;
    const loaded = newest.get(c.id);
    const last: { text: string; at: number; originator: Originator } | undefined = loaded
      ? { text: bodyText(loaded.body) as string, at: loaded.at, originator: loaded.originator === 'consumer' || loaded.originatorId === consumerId ? 'consumer' : loaded.originator }
      : c.lastContent;
    if (last) out.lastMessage = last;
    if (loaded) out.rows = rowsOf(c);
    return out;
  });
}
