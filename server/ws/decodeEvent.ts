// Decodes the `event` of an ms.PublishEvent from untrusted JSON into a MessagingEvent.
import type { AcceptStatus, ContentEvent, MessagingEvent, WireChatState } from '../../src/liveperson/wire';
import { Errors, Refusal } from '../errors';
import { int, isObj, list, obj, oneOf, type Obj } from './fields';

type QuickReplies = NonNullable<ContentEvent['quickReplies']>;

const ACCEPT_STATUSES: readonly AcceptStatus[] = ['ACCEPT', 'READ', 'ACTION', 'ACCESS', 'NACK'];
const CHAT_STATES: readonly WireChatState[] = ['ACTIVE', 'INACTIVE', 'GONE', 'COMPOSING', 'PAUSE'];

const bad = (name: string, expected: string) => new Refusal(400, Errors.badField(name, expected));

function content(e: Obj): ContentEvent {
  const contentType = e.contentType === undefined ? 'text/plain' : e.contentType;
  if (typeof contentType !== 'string') throw new Refusal(400, Errors.badField('event.contentType', 'a string'));
  const message = e.message;
  if (typeof message !== 'string' && !isObj(message)) throw new Refusal(400, Errors.badField('event.message', 'a string or an object'));
  if (contentType === 'text/plain' && typeof message !== 'string') throw new Refusal(400, Errors.badField('event.message', 'a string'));
  const out: ContentEvent = { type: 'ContentEvent', contentType, message };
  if (e.quickReplies !== undefined) out.quickReplies = quickReplies(e.quickReplies);
  return out;
}

/** Quick replies as LivePerson's rich-content validator wants them: 1–24 buttons with titles, 1–8 per row. */
function quickReplies(v: unknown): QuickReplies {
  const name = 'event.quickReplies';
  const q = obj(v, name);
  if (q.type !== undefined && q.type !== 'quickReplies') throw bad(`${name}.type`, '"quickReplies"');
  const replies = q.replies;
  if (!Array.isArray(replies) || replies.length < 1 || replies.length > 24) throw bad(`${name}.replies`, 'an array of 1-24 replies');
  replies.forEach((r, i) => {
    const reply = obj(r, `${name}.replies[${i}]`);
    if (typeof reply.title !== 'string' || reply.title.length === 0) throw bad(`${name}.replies[${i}].title`, 'a non-empty string');
  });
  const perRow = q.itemsPerRow;
  if (perRow !== undefined && (typeof perRow !== 'number' || !Number.isInteger(perRow) || perRow < 1 || perRow > 8)) {
    throw bad(`${name}.itemsPerRow`, 'an integer 1..8');
  }
  return { ...q, type: 'quickReplies', replies } as QuickReplies;
}

export function decodeEvent(v: unknown): MessagingEvent {
  const e = obj(v, 'event');
  switch (e.type) {
    case 'ContentEvent':
      return content(e);
    case 'RichContentEvent':
      return { type: 'RichContentEvent', content: obj(e.content ?? e.message, 'event.content') };
    case 'AcceptStatusEvent': {
      const status = oneOf(e.status, ACCEPT_STATUSES, 'event.status');
      const sequenceList = list(e.sequenceList, 'event.sequenceList', int);
      if (sequenceList.length === 0) throw bad('event.sequenceList', 'at least one sequence');
      return { type: 'AcceptStatusEvent', status, sequenceList };
    }
    case 'ChatStateEvent':
      return { type: 'ChatStateEvent', chatState: oneOf(e.chatState, CHAT_STATES, 'event.chatState') };
    default:
      throw new Refusal(400, Errors.badField('event.type', 'ContentEvent|RichContentEvent|AcceptStatusEvent|ChatStateEvent'));
  }
}
