// cm.UpdateConversationField ParticipantsChange on the agent side: an agent joins (as the assigned
// agent, a manager or a reader) or leaves. The assigned agent's changes go through the lifecycle the
// console uses (accept, back to queue), so both sides act on one conversation state.
import type { Role } from '../../src/liveperson/wire';
import { Errors, Refusal, Texts } from '../errors';
import type { Account, Agent } from '../state/accounts';
import { accept, addManager, backToQueue } from '../state/lifecycle';
import { assignedAgent, mainDialog, touch, type Conversation } from '../state/model';

export type JoinRole = Extract<Role, 'ASSIGNED_AGENT' | 'MANAGER' | 'READER'>;

function requireOpen(conv: Conversation): void {
  if (conv.stage === 'CLOSE' || mainDialog(conv).state === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
}

export function participantsChange(account: Account, conv: Conversation, agent: Agent, type: 'ADD' | 'REMOVE', role: JoinRole, now: number): string {
  requireOpen(conv);
  const main = mainDialog(conv);
  if (type === 'ADD') {
    if (role === 'ASSIGNED_AGENT') accept(account, conv, agent.id, now);
    else if (role === 'MANAGER') addManager(account, conv, agent.id, now);
    else if (!main.participants.some((p) => p.id === agent.id && p.role === role)) {
      main.participants.push({ id: agent.id, role, state: 'ACTIVE' });
      conv.participants.push({ id: agent.id, role });
      touch(conv, now, main);
      account.conversationChanged(conv);
    }
    return Texts.agentAdded;
  }
  if (role === 'ASSIGNED_AGENT') {
    if (assignedAgent(conv) !== agent.id) throw new Refusal(400, Errors.agentNotInDialog);
    backToQueue(account, conv, now);
    return Texts.agentRemoved;
  }
  if (!main.participants.some((p) => p.id === agent.id && p.role === role)) throw new Refusal(400, Errors.agentNotInDialog);
  main.participants = main.participants.filter((p) => !(p.id === agent.id && p.role === role));
  conv.participants = conv.participants.filter((p) => !(p.id === agent.id && p.role === role));
  touch(conv, now, main);
  account.conversationChanged(conv);
  return Texts.agentRemoved;
}
