// Agent identities on LivePerson's agent side: every user has a PID (the UUID the consumer side shows)
// and a legacy numeric user id; the v2 protocol names agents "{account}.{userId}" (node-agent-sdk
// lib/AgentSDK.js `__oldAgentId`) and carries the PIDs beside (participantsPId, originatorPId).
import type { Account, Agent } from '../state/accounts';

/** The agent's numeric user id [INF: derived from its PID, stable per account and nickname]. */
export function legacyUserId(agent: Agent): string {
  return String(Number.parseInt(agent.id.replace(/-/g, '').slice(0, 8), 16) + 1_000_000);
}

/** "{account}.{userId}" for agents; any other participant (the consumer) keeps its id. */
export function legacyIdOf(account: Account, id: string): string {
  const agent = account.agent(id);
  return agent ? `${account.id}.${legacyUserId(agent)}` : id;
}

/** The agent a legacy id ("{account}.{userId}") or a PID names, if any. */
export function agentByAnyId(account: Account, id: string): Agent | undefined {
  const direct = account.agent(id);
  if (direct) return direct;
  const [acc, user] = id.split('.');
  if (acc !== account.id || user === undefined) return undefined;
  return account.agents.find((a) => legacyUserId(a) === user);
}

export function agentByLogin(account: Account, username: string): Agent | undefined {
  return account.agents.find((a) => a.username === username);
}
