// Checks shared by the agent actions of the control API.
import type { Role } from '../../src/liveperson/wire';
import { Errors, Refusal } from '../errors';
import type { Agent } from '../state/accounts';
import { mainDialog, type Conversation, type Dialog } from '../state/model';

/** The agent's role in the conversation; agents outside it may not publish (like LivePerson). */
export function roleIn(conv: Conversation, agent: Agent): Role {
  const p = mainDialog(conv).participants.find((x) => x.id === agent.id && x.state === 'ACTIVE');
  if (!p) throw new Refusal(409, Errors.agentNotInConversation(agent.nickname));
  return p.role;
}

/** The MAIN dialog, while it is open. */
export function openMain(conv: Conversation): Dialog {
  const main = mainDialog(conv);
  if (main.state === 'CLOSE') throw new Refusal(409, Errors.dialogClosed);
  return main;
}
