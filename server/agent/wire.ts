// What the agent side (protocol v2/v2.1) sends, in the shapes node-agent-sdk 1.2.0's Transformer
// expects (lib/Transformer.js): participants as a role → legacy ids map with participantsPId (role →
// PIDs) beside it, every dialog with its participantsDetails, in every change (DELETE included), and
// messaging changes with the legacy originatorId and the originatorPId.
import type { MessagingEventChange, Notification, Role } from '../../src/liveperson/wire';
import type { Account } from '../state/accounts';
import { toWire, type Conversation } from '../state/model';
import { conversationChange } from '../state/subscriptions';
import { legacyIdOf } from './ids';

export const AgentTypes = {
  exChange: '.ams.aam.ExConversationChangeNotification',
  routingTask: '.ams.routing.RoutingTaskNotification',
  agentState: '.ams.routing.AgentStateNotification',
  onlineEvent: '.ams.ms.OnlineEventDistribution',
} as const;

function byRole(list: Array<{ id: string; role: Role }>, id: (x: string) => string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of list) (out[p.role] ??= []).push(id(p.id));
  return out;
}

/** A conversation as agents see it (v2): all dialogs, participants by role. */
export function agentConversationDetails(account: Account, conv: Conversation) {
  const { participants: _list, ...rest } = toWire(conv, true);
  return {
    convId: conv.id,
    ...rest,
    participants: byRole(conv.participants, (id) => legacyIdOf(account, id)),
    participantsPId: byRole(conv.participants, (id) => id),
  };
}

export function agentExChange(account: Account, type: 'UPSERT' | 'DELETE', conv: Conversation) {
  const change = conversationChange(type, conv, agentConversationDetails(account, conv));
  return { ...change, result: { ...change.result, numberOfunreadMessages: {} } };
}

export const agentExNotification = (subscriptionId: string, changes: unknown[]): Notification => ({
  kind: 'notification',
  type: AgentTypes.exChange,
  body: { subscriptionId, changes },
});

/** A messaging change as agents get it (QueryMessages answers and OnlineEventDistribution). */
export function agentMessagingChange(account: Account, change: MessagingEventChange) {
  return {
    ...change,
    originatorId: legacyIdOf(account, change.originatorId),
    originatorPId: change.originatorId,
  };
}

export const onlineEvent = (account: Account, change: MessagingEventChange): Notification => ({
  kind: 'notification',
  type: AgentTypes.onlineEvent,
  body: agentMessagingChange(account, change),
});
