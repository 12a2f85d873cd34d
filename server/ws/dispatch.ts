// Routes an authenticated request to its handler by type.
import { RequestTypes } from '../../src/liveperson/wire';
import { Errors, Refusal, Texts } from '../errors';
import type { Handler, Reply, RequestContext } from './context';
import { updateConversationField } from './conversationFields';
import { requestConversation, subscribeEx, unsubscribeEx } from './conversations';
import { STRING_RESP, type ParsedRequest } from './frames';
import { generateDownloadUrl, generateUploadUrl } from './files';
import { publishEvent, subscribeMessaging, unsubscribeMessaging } from './messaging';

export const getClock = (): Reply => ({ type: '.GetClock$Response', body: { currentTime: Date.now() } });
export const keepAlive = (): Reply => ({ type: STRING_RESP, body: Texts.keepAlive });

const handlers: Record<string, Handler> = {
  [RequestTypes.GetClock]: getClock,
  [RequestTypes.KeepAlive]: keepAlive,
  [RequestTypes.SubscribeExConversations]: subscribeEx,
  [RequestTypes.UnsubscribeExConversations]: unsubscribeEx,
  [RequestTypes.ConsumerRequestConversation]: requestConversation,
  [RequestTypes.UpdateConversationField]: updateConversationField,
  [RequestTypes.SubscribeMessagingEvents]: subscribeMessaging,
  [RequestTypes.UnsubscribeMessagingEvents]: unsubscribeMessaging,
  [RequestTypes.PublishEvent]: publishEvent,
  [RequestTypes.GenerateURLForUploadFile]: generateUploadUrl,
  [RequestTypes.GenerateURLForDownloadFile]: generateDownloadUrl,
};

export function isKnownType(type: string): boolean {
  return type === RequestTypes.InitConnection || Object.hasOwn(handlers, type);
}

export function dispatch(rc: RequestContext, req: ParsedRequest): Reply {
  const handler = Object.hasOwn(handlers, req.type) ? handlers[req.type] : undefined;
  if (!handler) throw new Refusal(400, Errors.unknownType(req.type));
  return handler(rc, req);
}
