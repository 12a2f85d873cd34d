// cm.UpdateConversationField: each field is decoded and checked against the state the fields before
// it will leave (a plan), and only when the whole list is valid is anything applied, in order.
import type { ConvState } from '../../src/liveperson/wire';
import { Errors, Refusal, Texts } from '../errors';
import { closeConversation, closeSurveyDialog } from '../state/lifecycle';
import { findDialog, mainDialog, runningSurvey, touch, TTR_SECONDS, TTR_TYPES, type Conversation } from '../state/model';
import { canSurvey, startSurvey } from '../state/survey';
import type { Handler, RequestContext } from './context';
import { ownConversation } from './conversations';
import { int, list, obj, oneOf, optInt, optStr, str, type Obj } from './fields';
import { STRING_RESP } from './frames';

/** What the conversation will look like once the fields checked so far are applied. */
interface Plan {
  stage: ConvState;
  main: ConvState;
  surveyOpen: boolean;
}

type Apply = () => string;

function closeAll(rc: RequestContext, conv: Conversation, plan: Plan, now: number, text: string): Apply {
  if (plan.stage === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
  Object.assign(plan, { stage: 'CLOSE', main: 'CLOSE', surveyOpen: false });
  return () => (closeConversation(rc.account, conv, 'CONSUMER', now), text);
}

/** Stage CLOSE ends the container: it closes a running survey, or everything. */
function closeStage(rc: RequestContext, conv: Conversation, plan: Plan, now: number): Apply {
  if (plan.main !== 'CLOSE' || !plan.surveyOpen) return closeAll(rc, conv, plan, now, Texts.conversationResolved);
  Object.assign(plan, { stage: 'CLOSE', surveyOpen: false });
  return () => {
    const survey = runningSurvey(conv);
    if (survey) closeSurveyDialog(rc.account, conv, survey, 'CONSUMER', 'Closed by consumer', now);
    return Texts.conversationResolved;
  };
}

function dialogChange(rc: RequestContext, conv: Conversation, plan: Plan, f: Obj, now: number): Apply {
  const d = obj(f.dialog, 'dialog');
  const dialogId = str(d, 'dialogId', 'dialog.dialogId');
  oneOf(d.state, ['CLOSE'], 'dialog.state');
  const cause = optStr(d, 'closedCause', 'dialog.closedCause') ?? 'Closed by consumer';
  const dialog = findDialog(conv, dialogId);
  if (!dialog || (dialog.type === 'POST_SURVEY' && !rc.link.features.has('MULTI_DIALOG'))) throw new Refusal(404, Errors.unknownDialog(dialogId));
  if (dialog.type === 'POST_SURVEY') {
    if (!plan.surveyOpen || dialog.state !== 'OPEN') throw new Refusal(409, Errors.dialogClosed);
    Object.assign(plan, { stage: 'CLOSE', surveyOpen: false });
    return () => (closeSurveyDialog(rc.account, conv, dialog, 'CONSUMER', cause, now), Texts.dialogClosed);
  }
  if (plan.main === 'CLOSE') throw new Refusal(409, Errors.dialogClosed);
  if (!(rc.account.settings.survey && canSurvey(rc.account, conv))) return closeAll(rc, conv, plan, now, Texts.dialogClosed);
  Object.assign(plan, { main: 'CLOSE', surveyOpen: true });
  return () => (startSurvey(rc.account, conv, 'CONSUMER', now), Texts.dialogClosed);
}

function decodeField(rc: RequestContext, conv: Conversation, plan: Plan, f: Obj, now: number): Apply {
  switch (f.field) {
    case 'ConversationStateField':
      oneOf(f.conversationState, ['CLOSE'], 'conversationState');
      return closeAll(rc, conv, plan, now, Texts.conversationResolved);
    case 'Stage':
      oneOf(f.conversationState, ['CLOSE'], 'conversationState');
      return closeStage(rc, conv, plan, now);
    case 'DialogChange':
      return dialogChange(rc, conv, plan, f, now);
    case 'TTRField': {
      const ttrType = oneOf(f.ttrType, TTR_TYPES, 'ttrType');
      const value = optInt(f, 'value') ?? TTR_SECONDS[ttrType];
      if (plan.stage === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
      if (ttrType === 'URGENT' && !rc.account.settings.urgent) throw new Refusal(403, Errors.urgentNotAllowed);
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

/** Every field is checked (against the plan) before any is applied; the response text is the last field's. */
export const updateConversationField: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const conv = ownConversation(rc, str(b, 'conversationId'));
  const now = Date.now();
  const fields = list(b.conversationField, 'conversationField', obj);
  if (fields.length === 0) throw new Refusal(400, Errors.badField('conversationField', 'at least one field'));
  const names = fields.map((f) => String(f.field));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new Refusal(400, Errors.duplicateField(twice));
  const plan: Plan = { stage: conv.stage, main: mainDialog(conv).state, surveyOpen: runningSurvey(conv) !== undefined };
  const applies = fields.map((f) => decodeField(rc, conv, plan, f, now));
  let text = '';
  for (const apply of applies) text = apply();
  return { type: STRING_RESP, body: text };
};
