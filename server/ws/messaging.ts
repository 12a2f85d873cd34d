// Handlers for messaging events (ms.*): subscribe with history replay, unsubscribe, publish.
import type { Metadata } from '../../src/liveperson/wire';
import { Errors, Refusal, Texts } from '../errors';
import { consumerHistory, missingSequence, publish, toChange } from '../state/events';
import { adaptForFeatures } from '../state/fallbacks';
import type { Conversation, Dialog } from '../state/model';
import { messagingNotification } from '../state/subscriptions';
import type { Handler, RequestContext } from './context';
import { decodeEvent } from './decodeEvent';
import { obj, optInt, optList, optStr, str } from './fields';
import { STRING_RESP } from './frames';

/** A dialog of the consumer's own conversations (POST_SURVEY only for MULTI_DIALOG clients). */
function ownDialog(rc: RequestContext, dialogId: string, conversationId: string | undefined): { conv: Conversation; dialog: Dialog } {
  const found = rc.account.findByDialog(dialogId);
  if (!found || (found.dialog.type === 'POST_SURVEY' && !rc.link.features.has('MULTI_DIALOG'))) {
    throw new Refusal(404, Errors.unknownDialog(dialogId));
  }
  if (found.conv.consumerId !== rc.link.consumerId) throw new Refusal(403, Errors.notYourConversation);
  if (conversationId !== undefined && conversationId !== found.conv.id) throw new Refusal(400, Errors.dialogNotInConversation);
  return found;
}

export const subscribeMessaging: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const { conv, dialog } = ownDialog(rc, str(b, 'dialogId'), optStr(b, 'conversationId'));
  const fromSeq = optInt(b, 'fromSeq') ?? 0;
  rc.subs.subscribeDialog(rc.link, dialog.id);
  const history = consumerHistory(dialog, fromSeq, rc.options.historyCap);
  rc.link.notify(messagingNotification(history.map((s) => adaptForFeatures(toChange(conv, dialog, s), rc.link.features))));
  return { type: 'GenericSubscribeResponse', body: {} };
};

export const unsubscribeMessaging: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  rc.subs.unsubscribeDialog(rc.link, str(b, 'dialogId'));
  return { type: STRING_RESP, body: Texts.unsubscribed };
};

export const publishEvent: Handler = (rc, req) => {
  const b = obj(req.body, 'body');
  const event = decodeEvent(b.event);
  const metadata = optList(req.metadata, 'metadata', obj) as Metadata[] | undefined;
  const { conv, dialog } = ownDialog(rc, str(b, 'dialogId'), optStr(b, 'conversationId'));
  if (dialog.state === 'CLOSE') throw new Refusal(400, Errors.dialogClosed);
  if (event.type === 'AcceptStatusEvent') {
    const missing = missingSequence(dialog, event.sequenceList);
    if (missing !== undefined) throw new Refusal(400, Errors.unknownSequence(missing));
  }
  const stored = publish(rc.account, conv, dialog, { originatorId: rc.link.consumerId, role: 'CONSUMER', event, ...(metadata ? { metadata } : {}) }, Date.now());
  return { type: 'ms.PublishEventResponse', body: { sequence: stored?.sequence ?? 0 } };
};
