import { describe, expect, it } from 'vitest';
import { createClock } from '../core/clock';
import { createChatStore } from '../core/store';
import type { Connection } from './connection';
import { createConversationList } from './conversationList';
import { decodeNotification, type DecodedNotification, type RawNotification } from './decode';
import type { ResponseResult } from './requests';
import { openConversationFrame } from './testing/fuzzFrames';

/** A socket whose SubscribeExConversations answers wait until the test releases them, in order. */
function fakeConnection() {
  let next = 0;
  const pending: Array<{ id: string; answer: () => void }> = [];
  const connection = {
    request(type: string) {
      if (type !== 'cqm.SubscribeExConversations') return Promise.resolve({ code: 200, body: {} } as ResponseResult);
      const id = `sub-${next++}`;
      return new Promise<ResponseResult>((resolve) => pending.push({ id, answer: () => resolve({ code: 200, body: { subscriptionId: id } } as ResponseResult) }));
    },
  } as unknown as Connection;
  return { connection, pending };
}

const snapshotFrame = (subscriptionId: string, consumerId: string) => {
  const raw = JSON.parse(openConversationFrame('conv-1', consumerId, 1_000)) as RawNotification & { body: { subscriptionId: string } };
  raw.body.subscriptionId = subscriptionId;
  return decodeNotification(raw, { consumerId, receivedAt: 1_000 });
};

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The list on a fresh store for consumer `me`, over a socket whose answers the test releases. */
function listOverFakeSocket() {
  const clock = createClock();
  const store = createChatStore(clock);
  store.setConsumerId('me');
  const { connection, pending } = fakeConnection();
  const list = createConversationList(connection, store, clock);
  /**
   * A whole round: the list subscribes, each subscription is answered in order and, after each
   * answer, the list admits `snapshotOf(its id)`. Returns the round's settle.
   */
  const round = async (snapshotOf: (subscriptionId: string) => DecodedNotification) => {
    const settle = list.subscribe();
    await flush();
    for (const p of pending.splice(0)) {
      p.answer();
      await flush();
      list.admit(snapshotOf(p.id));
    }
    return settle;
  };
  return { store, list, pending, round };
}

describe('the conversation list', () => {
  it('a settle of an older round never removes what the newer round has not reported yet', async () => {
    const { store, list, pending, round } = listOverFakeSocket();

    // Round 1: both subscriptions answered, both snapshots hold the open conversation.
    const settleFirst = await round((id) => snapshotFrame(id, 'me'));
    expect(Object.keys(store.state.snapshots)).toEqual(['conv-1']);

    // Round 2 starts on the same socket before round 1's caller settles; its answers are not in yet.
    const second = list.subscribe();
    await flush();
    const both = pending.splice(0);
    both[0]?.answer();
    await flush();
    settleFirst(); // the older round: must not judge by the newer round's (empty) mentions
    expect(Object.keys(store.state.snapshots)).toEqual(['conv-1']);

    both[1]?.answer();
    await flush();
    for (const p of both) list.admit(snapshotFrame(p.id, 'me'));
    (await second)();
    expect(Object.keys(store.state.snapshots)).toEqual(['conv-1']);
    store.dispose();
  });

  it('settles by the snapshots: a conversation neither mentions is removed', async () => {
    const { store, round } = listOverFakeSocket();
    (await round((id) => snapshotFrame(id, 'me')))();
    (await round((id) => ({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', events: [], conversationIds: [], subscriptionId: id })))();
    expect(Object.keys(store.state.snapshots)).toEqual([]);
    store.dispose();
  });
});
