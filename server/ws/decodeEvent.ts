// Decodes the `event` of an ms.PublishEvent from untrusted JSON into a MessagingEvent.
import type { AcceptStatus, ChatState, ContentEvent, MessagingEvent } from '../../src/liveperson/wire';
import { Errors, Refusal } from '../errors';
import { int, isObj, list, obj, oneOf, type Obj } from './fields';

const ACCEPT_STATUSES: readonly AcceptStatus[] = ['ACCEPT', 'READ', 'ACTION', 'ACCESS', 'NACK'];
const CHAT_STATES: readonly ChatState[] = ['ACTIVE', 'INACTIVE', 'GONE', 'COMPOSING', 'PAUSE'];

function content(e: Obj): ContentEvent {
  const contentType = e.contentType === undefined ? 'text/plain' : e.contentType;
  if (typeof contentType !== 'string') throw new Refusal(400, Errors.badField('event.contentType', 'a string'));
  const message = e.message;
  if (typeof message !== 'string' && !isObj(message)) throw new Refusal(400, Errors.badField('event.message', 'a string or an object'));
  if (contentType === 'text/plain' && typeof message !== 'string') throw new Refusal(400, Errors.badField('event.message', 'a string'));
  const out: ContentEvent = { type: 'ContentEvent', contentType, message };
  if (e.quickReplies !== undefined) out.quickReplies = obj(e.quickReplies, 'event.quickReplies') as unknown as ContentEvent['quickReplies'];
  return out;
}

export function decodeEvent(v: unknown): MessagingEvent {
  const e = obj(v, 'event');
  switch (e.type) {
    case 'ContentEvent':
      return content(e);
    case 'RichContentEvent':
      return { type: 'RichContentEvent', content: obj(e.content ?? e.message, 'event.content') };
    case 'AcceptStatusEvent':
      return {
        type: 'AcceptStatusEvent',
        status: oneOf(e.status, ACCEPT_STATUSES, 'event.status'),
        sequenceList: list(e.sequenceList, 'event.sequenceList', int),
      };
    case 'ChatStateEvent':
      return { type: 'ChatStateEvent', chatState: oneOf(e.chatState, CHAT_STATES, 'event.chatState') };
    default:
      throw new Refusal(400, Errors.badField('event.type', 'ContentEvent|RichContentEvent|AcceptStatusEvent|ChatStateEvent'));
  }
}
