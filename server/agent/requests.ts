// The requests of the brand socket, as node-agent-sdk 1.2.0 sends them (lib/Const.js REQUESTS, after
// lib/Transformer.js): each answers a Reply and may notify the socket after its response.
import type { ConvState, Metadata, Notification } from '../../src/liveperson/wire';
import { Errors, Refusal, Texts } from '../errors';
import type { ResolvedOptions } from '../options';
import type { Account, Agent } from '../state/accounts';
import { missingSequence, publish, toChange } from '../state/events';
import { closeConversation } from '../state/lifecycle';
import { touch, TTR_SECONDS, TTR_TYPES } from '../state/model';
import { decodeEvent } from '../ws/decodeEvent';
import { isObj, list, obj, oneOf, optInt, optList, optStr, str } from '../ws/fields';
import { STRING_RESP, type ParsedRequest } from '../ws/frames';
import { participantsChange } from './participants';
import { agentByAnyId } from './ids';
import { AVAILABILITIES, type BrandHub, type BrandLink } from './hub';
import { agentMessagingChange } from './wire';

export interface AgentRequestContext {
  link: BrandLink;
  agent: Agent;
  account: Account;
  hub: BrandHub;
  options: ResolvedOptions;
  /** Sent after the response. */
  later: Notification[];
}

export interface Reply {
  type: string;
  body: unknown;
}

type Handler = (rc: AgentRequestContext, req: ParsedRequest) => Reply;

const text = (body: string): Reply => ({ type: STRING_RESP, body });
const subscribed = (type: string, subscriptionId: string): Reply => ({ type: `${type}$Response`, body: { subscriptionId } });

function conversationOf(rc: AgentRequestContext, id: string) {
  const conv = rc.account.conversations.get(id);
  if (!conv) throw new Refusal(404, Errors.unknownConversation(id));
  return conv;
}

function dialogOf(rc: AgentRequestContext, dialogId: string, conversationId?: string) {
  const found = rc.account.findByDialog(dialogId);
  if (!found) throw new Refusal(404, Errors.unknownDialog(dialogId));
  if (conversationId !== undefined && conversationId !== found.conv.id) throw new Refusal(400, Errors.dialogNotInConversation);
  return found;
}

const getClock: Handler = () => ({ type: '.GetClock$Response', body: { currentTime: Date.now() } });

const subscribeEx: Handler = (rc, req) => {
  const b = isObj(req.body) ? req.body : {};
  const convState = optList(b.convState, 'convState', (x, n) => oneOf(x, ['OPEN', 'CLOSE'] as ConvState[], n));
  const agentIds = optList(b.agentIds, 'agentIds', (x, n) => {
    if (typeof x !== 'string') throw new Refusal(400, Errors.badField(n, 'a string'));
    return agentByAnyId(rc.account, x)?.id ?? x;
  });
  const minLastUpdatedTime = optInt(b, 'minLastUpdatedTime');
  const { subscriptionId, snapshot } = rc.hub.subscribeEx(rc.link, {
    ...(convState ? { convState } : {}),
    ...(agentIds ? { agentIds } : {}),
    ...(minLastUpdatedTime !== undefined ? { minLastUpdatedTime } : {}),
  });
  rc.later.push(snapshot);
  return subscribed(req.type, subscriptionId);
};

const unsubscribeEx: Handler = (rc, req) => {
  const id = str(obj(req.body, 'body'), 'subscriptionId');
  if (!rc.hub.unsubscribeEx(rc.link, id)) throw new Refusal(404, Errors.unknownSubscription(id));
  return text(Texts.unsubscribed);
};

const setAgentState: Handler = (rc, req) => {
  const availability = oneOf(obj(req.body, 'body').availability, AVAILABILITIES, 'availability');
  rc.hub.setAvailability(rc.agent, availability);
  return text(Texts.agentStateUpdated);
};

const subscribeRoutingTasks: Handler = (rc, req) => subscribed(req.type, rc.hub.subscribeRouting(rc.link));
const subscribeAgentsState: Handler = (rc, req) => subscribed(req.type, rc.hub.subscribeAgentState(rc.link));

const updateRingState: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const ringId = str(b, 'ringId');
  const ringState = oneOf(b.ringState, ['ACCEPTED', 'REJECTED'], 'ringState');
  const ring = rc.hub.ring(ringId);
  if (!ring || ring.link !== rc.link) throw new Refusal(404, Errors.unknownRing(ringId));
  if (ringState === 'REJECTED') rc.hub.reject(ring);
  else participantsChange(rc.account, conversationOf(rc, ring.convId), rc.agent, 'ADD', 'ASSIGNED_AGENT', Date.now());
  return text(Texts.ringStateUpdated);
};

const updateConversationField: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const conv = conversationOf(rc, str(b, 'conversationId'));
  const now = Date.now();
  // Each field is decoded before any is applied; then they apply in order.
  const applies = list(b.conversationField, 'conversationField', obj).map((f): (() => string) => {
    switch (f.field) {
      case 'ParticipantsChange': {
        const type = oneOf(f.type, ['ADD', 'REMOVE'], 'type');
        const role = oneOf(f.role, ['ASSIGNED_AGENT', 'MANAGER', 'READER'], 'role');
        const who = agentByAnyId(rc.account, optStr(f, 'userId') ?? rc.agent.id);
        if (!who) throw new Refusal(400, Errors.unknownAgent(String(f.userId)));
        return () => participantsChange(rc.account, conv, who, type, role, now);
      }
      case 'ConversationStateField':
        oneOf(f.conversationState, ['CLOSE'], 'conversationState');
        return () => (closeConversation(rc.account, conv, 'AGENT', now), Texts.conversationResolved);
      case 'TTRField': {
        const ttrType = oneOf(f.ttrType, TTR_TYPES, 'ttrType');
        const value = optInt(f, 'value') ?? TTR_SECONDS[ttrType];
        return () => {
          if (conv.stage === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
          conv.ttr = { ttrType, value };
          touch(conv, now);
          rc.account.conversationChanged(conv);
          return Texts.ttrUpdated;
        };
      }
      default:
        throw new Refusal(400, Errors.unsupportedField(String(f.field)));
    }
  });
  let last = '';
  for (const apply of applies) last = apply();
  return text(last);
};

const publishEvent: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const event = decodeEvent(b.event);
  const metadata = optList(req.metadata, 'metadata', obj) as Metadata[] | undefined;
  const audience = b.messageAudience === undefined ? 'ALL' : oneOf(b.messageAudience, ['ALL', 'AGENTS_AND_MANAGERS'], 'messageAudience');
  const { conv, dialog } = dialogOf(rc, str(b, 'dialogId'), optStr(b, 'conversationId'));
  if (dialog.state === 'CLOSE') throw new Refusal(400, Errors.dialogClosed);
  const me = dialog.participants.find((p) => p.id === rc.agent.id && p.state === 'ACTIVE');
  if (!me) throw new Refusal(400, Errors.agentNotInDialog);
  if (event.type === 'AcceptStatusEvent') {
    const missing = missingSequence(dialog, event.sequenceList);
    if (missing !== undefined) throw new Refusal(400, Errors.unknownSequence(missing));
  }
  const stored = publish(rc.account, conv, dialog, { originatorId: rc.agent.id, role: me.role, event, audience, ...(metadata ? { metadata } : {}) }, Date.now());
  return { type: 'ms.PublishEventResponse', body: { sequence: stored?.sequence ?? 0 } };
};

/**
 * What `subscribeMessagingEvents` becomes in the SDK: the dialog's events from `newerThanSequence`
 * (inclusive [INF]: the SDK passes `fromSeq`, documented as ">=", under this name) as an array, then
 * the dialog's live events as OnlineEventDistribution.
 */
const queryMessages: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const { conv, dialog } = dialogOf(rc, str(b, 'dialogId'), optStr(b, 'conversationId'));
  const from = optInt(b, 'newerThanSequence') ?? optInt(b, 'fromSeq') ?? 0;
  const events = dialog.events.filter((e) => e.sequence >= from).slice(-rc.options.historyCap);
  rc.hub.subscribeDialog(rc.link, dialog.id);
  const changes = events.map((s) => agentMessagingChange(rc.account, toChange(conv, dialog, s)));
  return { type: `${req.type}$Response`, body: changes };
};

/** The consumer's profile: the stand-in knows no personal data, so it is empty [INF]. */
const getUserProfile: Handler = (rc, req) => {
  const consumerId = typeof req.body === 'string' ? req.body : isObj(req.body) ? str(req.body, 'consumerId') : '';
  if (rc.account.conversationsOf(consumerId).length === 0) throw new Refusal(404, Errors.unknownConsumer(consumerId));
  return { type: `${req.type}$Response`, body: {} };
};

export const agentHandlers: Record<string, Handler> = {
  '.GetClock': getClock,
  GetClock: getClock,
  KeepAlive: () => text(Texts.keepAlive),
  '.ams.aam.SubscribeExConversations': subscribeEx,
  '.ams.aam.UnsubscribeExConversations': unsubscribeEx,
  '.ams.routing.SetAgentState': setAgentState,
  '.ams.routing.SubscribeRoutingTasks': subscribeRoutingTasks,
  '.ams.routing.SubscribeAgentsState': subscribeAgentsState,
  '.ams.routing.UpdateRingState': updateRingState,
  '.ams.cm.UpdateConversationField': updateConversationField,
  '.ams.ms.PublishEvent': publishEvent,
  '.ams.ms.QueryMessages': queryMessages,
  '.ams.userprofile.GetUserProfile': getUserProfile,
};
