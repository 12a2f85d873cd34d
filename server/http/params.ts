// Validation of HTTP path parameters and JSON bodies shared by the control routes.
import type { StandInContext } from '../context';
import { Errors, Refusal } from '../errors';
import { ACCOUNT_ID, type Account, type Agent } from '../state/accounts';
import type { Conversation } from '../state/model';
import { isObj, type Obj } from '../ws/fields';

export function accountOf(ctx: StandInContext, id: string | undefined): Account {
  if (!id || !ACCOUNT_ID.test(id)) throw new Refusal(400, Errors.badAccount);
  return ctx.registry.get(id);
}

export function conversationOf(account: Account, id: string | undefined): Conversation {
  const conv = id ? account.conversations.get(id) : undefined;
  if (!conv) throw new Refusal(404, Errors.unknownConversation(id ?? ''));
  return conv;
}

/** A human agent or manager of the account (not the survey bot). */
export function agentOf(account: Account, id: unknown): Agent {
  const agent = typeof id === 'string' ? account.agents.find((a) => a.id === id) : undefined;
  if (!agent) throw new Refusal(400, Errors.unknownAgent(String(id)));
  return agent;
}

export function bodyObj(v: unknown): Obj {
  if (v === undefined) return {};
  if (!isObj(v)) throw new Refusal(400, Errors.badJson);
  return v;
}
