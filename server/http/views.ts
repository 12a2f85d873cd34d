// Control API views of conversations (docs/stand-in.md): summary, transcript, receipts.
import type { Account } from '../state/accounts';
import { agentReceipts } from '../state/events';
import { assignedAgent, toWire, type Conversation } from '../state/model';

export function queueOf(conv: Conversation): 'waiting' | 'open' | 'closed' {
  if (conv.stage === 'CLOSE' || conv.state === 'CLOSE') return 'closed';
  return assignedAgent(conv) ? 'open' : 'waiting';
}

export function summary(conv: Conversation) {
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
  };
}

export function detail(conv: Conversation) {
  const transcript: Record<string, unknown[]> = {};
  const receipts: Record<string, Record<number, string>> = {};
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
