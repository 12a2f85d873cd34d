import { describe, expect, it } from 'vitest';
import { createClock } from '../core/clock';
import { createChatStore } from '../core/store';
import type { Connection } from './connection';
import { CLOCK_MARGIN_MS, createConversationList } from './conversationList';
import { decodeNotification, type DecodedNotification, type RawNotification } from './decode';
import type { ResponseResult } from './requests';
import { openConversationFrame } from './testing/fuzzFrames';

/** A socket whose SubscribeExConversations answers wait until the test releases them, in order. */
function fakeConnection() {
  let next = 0;
  const pending: Array<{ id: string; answer: () => void }> = [];
  /** The body of every SubscribeExConversations sent. */
  const filters: Array<Record<string, unknown>> = [];
  const connection = {
    request(type: string, body: Record<string, unknown>) {
      if (type !== 'cqm.SubscribeExConversations') return Promise.resolve({ code: 200, body: {} } as ResponseResult);
      filters.push(body);
      const id = `sub-${next++}`;
      return new Promise<ResponseResult>((resolve) => pending.push({ id, answer: () => resolve({ code: 200, body: { subscriptionId: id } } as ResponseResult) }));
    },
  } as unknown as Connection;
  return { connection, pending, filters };
}

type ListFrame = RawNotification & { body: { subscriptionId: string; changes: Array<{ result: { conversationDetails: Record<string, unknown> } }> } };

/** When the frames' conversations were last updated (metaDataLastUpdateTs). */
const UPDATED = 1_700_000_000_000;

/** The list frame of subscription `subscriptionId` holding `convId`, open (or closed), updated at UPDATED. */
const snapshotFrame = (subscriptionId: string, consumerId: string, convId = 'conv-1', closed = false) => {
  const raw = JSON.parse(openConversationFrame(convId, consumerId, UPDATED)) as ListFrame;
  raw.body.subscriptionId = subscriptionId;
  if (closed) Object.assign(raw.body.changes[0]?.result.conversationDetails ?? {}, { state: 'CLOSE', stage: 'CLOSE', endTs: UPDATED });
  return decodeNotification(raw, { consumerId, receivedAt: UPDATED });
};

/** Both of a round's snapshots, answered in order (open first, as subscribe() sends them): conv-1 open (in both) and conv-old closed (in `all`). */
const both = (withOld: boolean, withOpen = true) => {
  let n = 0;
  return (id: string): DecodedNotification => {
    const isAll = n++ === 1;
    if (isAll && withOld) {
      const old = snapshotFrame(id, 'me', 'conv-old', true);
      const open = withOpen ? snapshotFrame(id, 'me') : undefined;
      return { ...old, events: [...old.events, ...(open?.events ?? [])], conversationIds: ['conv-old', ...(open ? ['conv-1'] : [])] };
    }
    return withOpen ? snapshotFrame(id, 'me') : empty(id);
  };
};
const empty = (id: string): DecodedNotification => ({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', events: [], conversationIds: [], subscriptionId: id });

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The list on a fresh store for consumer `me`, over a socket whose answers the test releases. */
function listOverFakeSocket() {
  const clock = createClock();
  const store = createChatStore(clock);
  store.setConsumerId('me');
  const { connection, pending, filters } = fakeConnection();
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
  return { store, list, pending, round, filters };
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
    (await round(empty))();
    expect(Object.keys(store.state.snapshots)).toEqual([]);
    store.dispose();
  });
});

describe('the resume watermark (minLastUpdatedTime on the history)', () => {
  const NOW = Date.now();
  const clockAnswer = { currentTime: NOW };
  const NEWEST = UPDATED; // conv-1's and conv-old's metaDataLastUpdateTs: the newest update seen
  const watermarkOf = (filters: Array<Record<string, unknown>>) => filters.at(-1)?.minLastUpdatedTime;

  it('a proven round makes the next ask the history only for what changed since the newest update seen, less the margin; the open list is never partial', async () => {
    const { filters, round } = listOverFakeSocket();
    expect((await round(both(true)))(clockAnswer)).toBe(true);
    expect(filters).toEqual([{ stage: ['OPEN'] }, { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'] }]);
    (await round(both(false)))(clockAnswer);
    expect(filters.slice(2)).toEqual([{ stage: ['OPEN'] }, { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'], minLastUpdatedTime: NEWEST - CLOCK_MARGIN_MS }]);
  });

  it('the server time caps a watermark taken from updates dated ahead of it', async () => {
    const { filters, round } = listOverFakeSocket();
    (await round(both(true)))({ currentTime: NEWEST - 60_000 }); // the frames dated ahead of the server's clock
    (await round(both(false)))(clockAnswer);
    expect(watermarkOf(filters)).toBe(NEWEST - 60_000 - CLOCK_MARGIN_MS);
  });

  it('a partial history keeps the closed conversations it does not resend; an open one in neither list asks for a full round, which drops it', async () => {
    const { store, filters, round } = listOverFakeSocket();
    (await round(both(true)))(clockAnswer);
    expect(Object.keys(store.state.snapshots).sort()).toEqual(['conv-1', 'conv-old']);
    expect((await round(both(false)))(clockAnswer)).toBe(true); // nothing changed: conv-1 is in the open list, conv-old is not resent
    expect(Object.keys(store.state.snapshots).sort()).toEqual(['conv-1', 'conv-old']);
    expect((await round(both(false, false)))(clockAnswer)).toBe(false); // the open conversation is in neither list
    expect(Object.keys(store.state.snapshots).sort()).toEqual(['conv-1', 'conv-old']);
    expect((await round(both(true, false)))(clockAnswer)).toBe(true);
    expect(watermarkOf(filters)).toBeUndefined(); // that round asked for everything
    expect(Object.keys(store.state.snapshots)).toEqual(['conv-old']);
  });

  it('asks for everything again after the store forgot, after another consumer (and back), after a refused dialog, or without a believable server time', async () => {
    const cases: Array<[string, (l: ReturnType<typeof listOverFakeSocket>) => unknown, unknown]> = [
      ['nothing in between (the control)', () => undefined, clockAnswer],
      ['store.forget()', (l) => l.store.forget(), clockAnswer],
      ['another consumer and back', (l) => (l.store.setConsumerId('someone-else'), l.store.setConsumerId('me')), clockAnswer],
      ['a refused dialog', (l) => l.list.distrust(), clockAnswer],
      ['no server time', () => undefined, undefined],
      ['a server time that is not a number', () => undefined, { currentTime: 'soon' }],
      ['a server time two days ahead', () => undefined, { currentTime: NOW + 2 * 24 * 3600_000 }],
    ];
    for (const [what, between, answer] of cases) {
      const l = listOverFakeSocket();
      (await l.round(both(true)))(answer);
      between(l);
      (await l.round(both(true)))(clockAnswer);
      expect(watermarkOf(l.filters), what).toBe(what.includes('control') ? NEWEST - CLOCK_MARGIN_MS : undefined);
    }
  });
});
