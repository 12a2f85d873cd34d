// Control API views of conversations (docs/stand-in.md): summary, transcript, receipts.
import type { Account, Agent } from '../state/accounts';
import { agentReceipts } from '../state/events';
import { assignedAgent, toWire, type Conversation, type ReceiptState, type StoredEvent } from '../state/model';

export type QueueView = 'waiting' | 'open' | 'closed';
/** An agent as the control API lists it. */
export type AgentView = Pick<Agent, 'id' | 'nickname' | 'role'>;
export type ConversationSummaryView = ReturnType<typeof summary>;
/** One stored event of a dialog's transcript. */
export type TranscriptEntryView = Omit<StoredEvent, 'metadata'> & Partial<Pick<StoredEvent, 'metadata'>>;
export interface ConversationDetailView extends ConversationSummaryView {
  /** Per dialog id: its events in sequence order. */
  transcript: Record<string, TranscriptEntryView[]>;
  /** Per dialog id: consumer content sequence → how the agent side acknowledged it. */
  receipts: Record<string, Record<number, ReceiptState>>;
}

export const agentView = (a: Agent): AgentView => ({ id: a.id, nickname: a.nickname, role: a.role });

export function queueOf(conv: Conversation): QueueView {
  if (conv.stage === 'CLOSE' || conv.state === 'CLOSE') return 'closed';
  return assignedAgent(conv) ? 'open' : 'waiting';
}

/** Previews are cut to this many characters: the list shows one line. */
export const PREVIEW_LENGTH = 140;

/** The MAIN dialog's last content event, as the console's list previews it (a control API field). */
function lastMessage(conv: Conversation) {
  const events = conv.dialogs[0]?.events ?? [];
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const ev = e.event;
    if (ev.type !== 'ContentEvent' && ev.type !== 'RichContentEvent') continue;
    const caption = ev.type === 'ContentEvent' && typeof ev.message === 'object' ? ev.message.caption : undefined;
    const text =
      ev.type === 'RichContentEvent'
        ? '[structured content]'
        : typeof ev.message === 'string'
          ? ev.message
          : typeof caption === 'string' && caption
            ? caption
            : '[file]';
    return { sequence: e.sequence, role: e.role, text: text.slice(0, PREVIEW_LENGTH), serverTimestamp: e.serverTimestamp };
  }
  return undefined;
}

export function summary(conv: Conversation) {
  const last = lastMessage(conv);
  const w = toWire(conv, true);
  return {
    id: conv.id,
    consumerId: conv.consumerId,
    stage: conv.stage,
    state: conv.state,
    skillId: conv.skillId,
    queue: queueOf(conv),
    participants: w.participants,
    dialogs: w.dialogs,
    startTs: conv.startTs,
    ...(conv.endTs !== undefined ? { endTs: conv.endTs } : {}),
    ttr: w.ttr,
    ...(w.closeReason ? { closeReason: w.closeReason } : {}),
    ...(w.csat ? { csat: w.csat } : {}),
    ...(last ? { lastMessage: last } : {}),
    ...(conv.visitorChatState ? { visitorChatState: { ...conv.visitorChatState } } : {}),
  };
}

export function detail(conv: Conversation): ConversationDetailView {
  const transcript: ConversationDetailView['transcript'] = {};
  const receipts: ConversationDetailView['receipts'] = {};
  for (const d of conv.dialogs) {
    transcript[d.id] = d.events.map((e) => ({
      sequence: e.sequence,
      originatorId: e.originatorId,
      role: e.role,
      serverTimestamp: e.serverTimestamp,
      event: e.event,
      ...(e.metadata ? { metadata: e.metadata } : {}),
      audience: e.audience,
    }));
    receipts[d.id] = agentReceipts(d);
  }
  return { ...summary(conv), transcript, receipts };
}

export function conversationList(account: Account) {
  return [...account.conversations.values()].sort((a, b) => a.startTs - b.startTs).map(summary);
}
