// Handlers for conversation metadata (cqm.*) and conversation requests (cm.*; fields: conversationFields.ts).
import type { ConvState } from '../../src/liveperson/wire';
import { Errors, Refusal, Texts } from '../errors';
import { closeSurveyDialog, createConversation } from '../state/lifecycle';
import { runningSurvey, TTR_TYPES, type Conversation } from '../state/model';
import { SURVEY_SKIPPED } from '../state/survey';
import type { Handler, RequestContext } from './context';
import { obj, oneOf, optInt, optList, optObj, str } from './fields';
import { STRING_RESP } from './frames';

const STATES: readonly ConvState[] = ['OPEN', 'CLOSE'];
const stateItem = (x: unknown, name: string) => oneOf(x, STATES, name);

export const subscribeEx: Handler = (rc, req) => {
  const b = optObj(req.body, 'body');
  const filter = {
    convState: optList(b.convState, 'convState', stateItem),
    stage: optList(b.stage, 'stage', stateItem),
    minLastUpdatedTime: optInt(b, 'minLastUpdatedTime'),
  };
  const { subscriptionId, snapshot } = rc.subs.subscribeEx(rc.link, filter);
  rc.link.notify(snapshot);
  return { type: 'cqm.SubscribeExConversationsResponse', body: { subscriptionId } };
};

export const unsubscribeEx: Handler = (rc, req) => {
  const id = str(obj(req.body, 'body'), 'subscriptionId');
  if (!rc.subs.unsubscribeEx(rc.link, id)) throw new Refusal(400, Errors.unknownSubscription(id));
  return { type: STRING_RESP, body: Texts.unsubscribed };
};

/**
 * A socket without MULTI_DIALOG sees a conversation whose survey runs as closed; when it asks for a
 * new conversation, that survey is skipped (which ends the old conversation) instead of refusing.
 */
function skipHiddenSurvey(rc: RequestContext, now: number): void {
  if (rc.link.features.has('MULTI_DIALOG')) return;
  const open = rc.account.openConversationOf(rc.link.consumerId);
  const survey = open ? runningSurvey(open) : undefined;
  if (open && survey) closeSurveyDialog(rc.account, open, survey, 'CONSUMER', SURVEY_SKIPPED, now);
}

export const requestConversation: Handler = (rc, req) => {
  const b = optObj(req.body, 'body');
  const skill = b.skillId;
  if (skill !== undefined && skill !== null && typeof skill !== 'string' && typeof skill !== 'number') {
    throw new Refusal(400, Errors.badField('skillId', 'a string'));
  }
  const ttrType = b.ttrDefName === undefined || b.ttrDefName === null ? undefined : oneOf(b.ttrDefName, TTR_TYPES, 'ttrDefName');
  const now = Date.now();
  skipHiddenSurvey(rc, now);
  const conv = createConversation(rc.account, rc.link.consumerId, { skillId: skill == null ? undefined : String(skill), ttrType }, now);
  return { type: 'cm.RequestConversationResponse', body: { conversationId: conv.id } };
};

/** The consumer's own conversation, or a 404/403. */
export function ownConversation(rc: RequestContext, id: string): Conversation {
  const conv = rc.account.conversations.get(id);
  if (!conv) throw new Refusal(404, Errors.unknownConversation(id));
  if (conv.consumerId !== rc.link.consumerId) throw new Refusal(403, Errors.notYourConversation);
  return conv;
}
