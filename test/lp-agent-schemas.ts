// Validates the agent side's frames (node-agent-sdk's requests, the stand-in's brand-socket answers and
// notifications) against LivePerson's agent schemas: ws/agentRequests.json, ws/agentResponses.json and
// ws/agentNotifications.json, read at run time from ../shared/lp-schemas like the consumer side's.
// The SDK speaks protocol v2 with LivePerson's internal `.ams.*` names; where that deviates from the
// schemas, AGENT_SCHEMA_EXCEPTIONS lists it once (after it, the consumer side's list applies as well).
import { branches, schemaAt, SCHEMA_EXCEPTIONS, validateWith, type SchemaException } from './lp-schemas';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** v2 request names → the names (or `title:`s) of ws/agentRequests.json. */
const REQUEST_NAMES: Record<string, string> = {
  '.GetClock': 'GetClock',
  '.ams.aam.SubscribeExConversations': 'cqm.SubscribeExConversations',
  '.ams.aam.UnsubscribeExConversations': 'cqm.UnsubscribeExConversations',
  '.ams.routing.SetAgentState': 'routing.SetAgentState',
  '.ams.routing.SubscribeRoutingTasks': 'routing.SubscribeRoutingTasks',
  '.ams.routing.SubscribeAgentsState': 'routing.SubscribeAgentsState',
  '.ams.routing.UpdateRingState': 'routing.UpdateRingState',
  '.ams.ms.PublishEvent': 'ms.PublishEvent',
  '.ams.cm.AgentRequestConversation': 'cm.AgentRequestConversation',
  '.ams.cm.UpdateConversationField': 'title:updateConversationField',
  '.ams.userprofile.GetUserProfile': 'title:getUserProfile',
};

/** v2 notification names → ws/agentNotifications.json's. */
const NOTIFICATION_NAMES: Record<string, string> = {
  '.ams.aam.ExConversationChangeNotification': 'cqm.ExConversationChangeNotification',
  '.ams.routing.RoutingTaskNotification': 'routing.routingTaskNotification',
  '.ams.routing.AgentStateNotification': 'routing.agentStateNotification',
  '.ams.ms.OnlineEventDistribution': 'ms.MessagingEventNotification',
};

const RESPONSE_TITLES: Record<string, string> = {
  '.ReqBody$StringResp': 'StringResp',
  'ms.PublishEventResponse': 'PublishEventResponse',
  '.ams.aam.SubscribeExConversations$Response': 'SubscribeExConversationsResponse',
};

const PLAIN_RESPONSES = new Set([
  '.GetClock$Response',
  '.ams.routing.SubscribeRoutingTasks$Response',
  '.ams.routing.SubscribeAgentsState$Response',
  '.ams.ms.QueryMessages$Response',
  '.ams.userprofile.GetUserProfile$Response',
]);

export const AGENT_SCHEMA_EXCEPTIONS: readonly SchemaException[] = [
  { id: 'ams-request-names', direction: 'client', reason: 'node-agent-sdk (lib/Const.js) sends protocol v2\'s internal names (.ams.routing.SetAgentState, .ams.aam.SubscribeExConversations, .GetClock); the schemas use the short aliases.',
    adjust: (f) => void (typeof f.type === 'string' && REQUEST_NAMES[f.type]?.startsWith('title:') === false && (f.type = REQUEST_NAMES[f.type])) },
  { id: 'query-messages', direction: 'client', reason: 'The SDK turns subscribeMessagingEvents into .ams.ms.QueryMessages with newerThanSequence (lib/Transformer.js); ws/agentRequests.json lacks it, ms/queryMessages.json documents it (with fromSeq).',
    schema: (f) => (f.type === '.ams.ms.QueryMessages' ? 'ms/queryMessages.json' : undefined) },
  { id: 'ams-notification-names', direction: 'server', reason: 'Protocol v2 notifications carry internal names (.ams.aam.ExConversationChangeNotification, .ams.routing.RoutingTaskNotification), which the SDK\'s Transformer renames.',
    adjust: (f) => {
      const name = typeof f.type === 'string' ? NOTIFICATION_NAMES[f.type] : undefined;
      if (!name) return;
      // OnlineEventDistribution carries one change as its body; the SDK wraps it into {dialogId, changes: [body]}.
      if (f.type === '.ams.ms.OnlineEventDistribution' && isObj(f.body)) f.body = { dialogId: f.body.dialogId, changes: [f.body] };
      f.type = name;
    } },
  { id: 'participants-role-map', direction: 'server', reason: 'Protocol v2 sends participants as a role → legacy ids map with participantsPId (role → PIDs) beside it; the SDK\'s Transformer builds the schema\'s {id, role} list from participantsPId.',
    adjust: (f) => {
      if (f.type !== 'cqm.ExConversationChangeNotification' || !isObj(f.body) || !Array.isArray(f.body.changes)) return;
      for (const c of f.body.changes) {
        const d = isObj(c) && isObj(c.result) && isObj(c.result.conversationDetails) ? c.result.conversationDetails : undefined;
        if (!d || !isObj(d.participantsPId)) continue;
        d.participants = Object.entries(d.participantsPId).flatMap(([role, ids]) => (Array.isArray(ids) ? ids.map((id) => ({ id, role })) : []));
      }
    } },
  { id: 'v2-response-bodies', direction: 'server', reason: 'Responses the schemas do not list or list in the SDK\'s transformed shape (GetClock, routing subscriptions, QueryMessages\' array of changes, GetUserProfile\'s profile object): checked as plain responses.',
    schema: (f) => (f.kind === 'resp' && PLAIN_RESPONSES.has(String(f.type)) ? 'infra/resp.json' : undefined) },
];

/** The agent exceptions first (they rename to the schemas' names), then the consumer side's. */
const ALL = [...AGENT_SCHEMA_EXCEPTIONS, ...SCHEMA_EXCEPTIONS];

let names: { requests: Map<string, string>; notifications: Map<string, string>; responses: Map<string, string> } | undefined;
const branchesOf = () =>
  (names ??= { requests: branches('ws/agentRequests.json'), notifications: branches('ws/agentNotifications.json'), responses: branches('ws/agentResponses.json') });

/** Errors of a frame an agent client (the SDK) sends (empty when valid). */
export function validateAgentClientFrame(frame: unknown): string[] {
  return validateWith(ALL, frame, 'client', (f) => {
    const name = REQUEST_NAMES[String(f.type)] ?? String(f.type);
    const pointer = branchesOf().requests.get(name);
    return pointer ? schemaAt('ws/agentRequests.json', pointer) : `/type unknown agent request type ${JSON.stringify(f.type)}`;
  });
}

/** Errors of a response or notification the brand socket sends (empty when valid). */
export function validateAgentServerFrame(frame: unknown): string[] {
  return validateWith(ALL, frame, 'server', (f) => {
    const b = branchesOf();
    if (f.kind === 'notification') {
      const pointer = b.notifications.get(String(f.type)) ?? (f.type === 'ms.MessagingEventNotification' ? b.notifications.get('title:MessagingEventNotification') : undefined);
      return pointer ? schemaAt('ws/agentNotifications.json', pointer) : `/type unknown agent notification type ${JSON.stringify(f.type)}`;
    }
    if (f.kind !== 'resp') return '/kind must be "resp" or "notification"';
    const title = RESPONSE_TITLES[String(f.type)];
    const pointer = title ? b.responses.get(`title:${title}`) : undefined;
    return pointer ? schemaAt('ws/agentResponses.json', pointer) : `/type unknown agent response type ${JSON.stringify(f.type)}`;
  });
}
