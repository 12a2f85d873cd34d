// Handlers for conversation metadata (cqm.*) and conversation changes (cm.*).
import type { ConvState, TtrType } from '../../src/liveperson/wire';
import { Errors, Refusal, Texts } from '../errors';
import { closeConversation, closeSurveyDialog, createConversation } from '../state/lifecycle';
import { findDialog, mainDialog, touch, TTR_SECONDS, type Conversation } from '../state/model';
import { canSurvey, startSurvey } from '../state/survey';
import type { Handler, RequestContext } from './context';
import { int, list, obj, oneOf, optInt, optList, optObj, optStr, str, type Obj } from './fields';
import { STRING_RESP } from './frames';

const STATES: readonly ConvState[] = ['OPEN', 'CLOSE'];
const TTR_TYPES: readonly TtrType[] = ['CUSTOM', 'NORMAL', 'PRIORITIZED', 'URGENT'];
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

export const requestConversation: Handler = (rc, req) => {
  const b = optObj(req.body, 'body');
  const skill = b.skillId;
  if (skill !== undefined && skill !== null && typeof skill !== 'string' && typeof skill !== 'number') {
    throw new Refusal(400, Errors.badField('skillId', 'a string'));
  }
  const ttrType = b.ttrDefName === undefined || b.ttrDefName === null ? undefined : oneOf(b.ttrDefName, TTR_TYPES, 'ttrDefName');
  const conv = createConversation(rc.account, rc.link.consumerId, { skillId: skill == null ? undefined : String(skill), ttrType }, Date.now());
  return { type: 'cm.RequestConversationResponse', body: { conversationId: conv.id } };
};

/** The consumer's own conversation, or a 404/403. */
export function ownConversation(rc: RequestContext, id: string): Conversation {
  const conv = rc.account.conversations.get(id);
  if (!conv) throw new Refusal(404, Errors.unknownConversation(id));
  if (conv.consumerId !== rc.link.consumerId) throw new Refusal(403, Errors.notYourConversation);
  return conv;
}

type Apply = () => string;

function closeStage(rc: RequestContext, conv: Conversation, now: number): string {
  const survey = conv.dialogs.find((d) => d.type === 'POST_SURVEY' && d.state === 'OPEN');
  if (mainDialog(conv).state === 'CLOSE' && survey) closeSurveyDialog(rc.account, conv, survey, 'CONSUMER', 'Closed by consumer', now);
  else closeConversation(rc.account, conv, 'CONSUMER', now);
  return Texts.conversationResolved;
}

function decodeField(rc: RequestContext, conv: Conversation, f: Obj, now: number): Apply {
  switch (f.field) {
    case 'ConversationStateField':
      oneOf(f.conversationState, ['CLOSE'], 'conversationState');
      return () => (closeConversation(rc.account, conv, 'CONSUMER', now), Texts.conversationResolved);
    case 'Stage':
      oneOf(f.conversationState, ['CLOSE'], 'conversationState');
      return () => closeStage(rc, conv, now);
    case 'DialogChange': {
      const d = obj(f.dialog, 'dialog');
      const dialog = findDialog(conv, str(d, 'dialogId', 'dialog.dialogId'));
      oneOf(d.state, ['CLOSE'], 'dialog.state');
      const cause = optStr(d, 'closedCause', 'dialog.closedCause') ?? 'Closed by consumer';
      if (!dialog) throw new Refusal(404, Errors.unknownDialog(String(d.dialogId)));
      if (dialog.state === 'CLOSE') throw new Refusal(409, Errors.dialogClosed);
      if (dialog.type === 'POST_SURVEY') return () => (closeSurveyDialog(rc.account, conv, dialog, 'CONSUMER', cause, now), Texts.dialogClosed);
      const survey = rc.account.settings.survey && canSurvey(rc.account, conv);
      return () => (survey ? startSurvey(rc.account, conv, 'CONSUMER', now) : closeConversation(rc.account, conv, 'CONSUMER', now), Texts.dialogClosed);
    }
    case 'TTRField': {
      const ttrType = oneOf(f.ttrType, TTR_TYPES, 'ttrType');
      const value = optInt(f, 'value') ?? TTR_SECONDS[ttrType];
      if (conv.stage === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
      return () => {
        conv.ttr = { ttrType, value };
        touch(conv, now);
        rc.account.conversationChanged(conv);
        return Texts.ttrUpdated;
      };
    }
    case 'CSATRate': {
      const csatRate = int(f.csatRate, 'csatRate');
      if (csatRate < 1 || csatRate > 5) throw new Refusal(400, Errors.badField('csatRate', 'an integer 1..5'));
      const status = oneOf(f.status ?? 'FILLED', ['FILLED', 'PARTIALLY_FILLED', 'SKIPPED'], 'status');
      const confirm = f.csatResolutionConfirmation;
      if (confirm !== undefined && typeof confirm !== 'boolean') throw new Refusal(400, Errors.badField('csatResolutionConfirmation', 'a boolean'));
      return () => {
        conv.csat = { field: 'CSATRate', csatRate, csatResolutionConfirmation: confirm ?? false, status };
        touch(conv, now);
        rc.account.conversationChanged(conv);
        return Texts.csatUpdated;
      };
    }
    default:
      throw new Refusal(400, Errors.unsupportedField(String(f.field)));
  }
}

/** Every field is checked before any is applied; the response text is the last field's. */
export const updateConversationField: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const conv = ownConversation(rc, str(b, 'conversationId'));
  const now = Date.now();
  const fields = list(b.conversationField, 'conversationField', obj);
  const applies = fields.map((f) => decodeField(rc, conv, f, now));
  let text = '';
  for (const apply of applies) text = apply();
  return { type: STRING_RESP, body: text };
};
