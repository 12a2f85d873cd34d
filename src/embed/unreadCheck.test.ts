import { describe, expect, it } from 'vitest';
import { decodeConversationChanges } from '../liveperson/decodeConversation';
import { decodeMessagingChanges } from '../liveperson/decodeMessaging';
import { createUnreadCheck } from './unreadCheck';

const consumerId = 'visitor-1';
const conversation = (stage: 'OPEN' | 'CLOSE', type = 'UPSERT') =>
  decodeConversationChanges({
    changes: [
      {
        type,
        result: {
          convId: 'c1',
          conversationDetails: {
            stage,
            state: stage,
            metaDataLastUpdateTs: stage === 'OPEN' ? 1 : 2,
            participants: [{ id: consumerId, role: 'CONSUMER' }, { id: 'dana', role: 'ASSIGNED_AGENT' }],
            dialogs: [{ dialogId: 'c1', dialogType: 'MAIN', channelType: 'MESSAGING', state: stage, participantsDetails: [] }],
          },
        },
      },
    ],
  });
const content = (sequence: number, originatorId: string, message: string) => ({
  sequence,
  originatorId,
  serverTimestamp: 1000 + sequence,
  dialogId: 'c1',
  event: { type: 'ContentEvent', contentType: 'text/plain', message },
});
const read = (sequence: number, sequenceList: number[]) => ({
  sequence,
  originatorId: consumerId,
  serverTimestamp: 1000 + sequence,
  dialogId: 'c1',
  event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList },
});
const messaging = (...changes: object[]) => decodeMessagingChanges({ changes }, { consumerId, receivedAt: 5000 });

describe('the connection check counts what the badge counts', () => {
  it('subscribes once to the open dialog, and counts agent messages no READ of the visitor covers', () => {
    const check = createUnreadCheck();
    expect(check.take(conversation('OPEN'))).toEqual([['c1', 'c1']]);
    expect(check.take(conversation('OPEN'))).toEqual([]);
    expect(check.open()).toBe(true);
    check.take(messaging(content(0, consumerId, 'hello'), content(1, 'dana', 'let me check'), read(2, [1]), content(3, 'dana', 'yes'), content(4, 'dana', 'and more')));
    expect(check.count()).toBe(2);
    expect(check.latest()).toEqual({ originatorId: 'dana', text: 'and more' });
    // Notifications repeat and reorder: the same messages count once.
    check.take(messaging(content(4, 'dana', 'and more'), content(3, 'dana', 'yes')));
    expect(check.count()).toBe(2);
    check.take(messaging(read(5, [3, 4])));
    expect(check.count()).toBe(0);
    expect(check.latest()).toBeUndefined();
  });

  it('has nothing once the conversation closed or left the list', () => {
    const closed = createUnreadCheck();
    closed.take(conversation('OPEN'));
    closed.take(messaging(content(1, 'dana', 'hi')));
    expect(closed.count()).toBe(1);
    closed.take(conversation('CLOSE'));
    expect([closed.open(), closed.count()]).toEqual([false, 0]);
    const removed = createUnreadCheck();
    removed.take(conversation('OPEN'));
    removed.take(conversation('OPEN', 'DELETE'));
    expect(removed.open()).toBe(false);
    // No open conversation in the first snapshot: nothing to subscribe to.
    expect(createUnreadCheck().take(decodeConversationChanges({ changes: [] }))).toEqual([]);
  });
});
