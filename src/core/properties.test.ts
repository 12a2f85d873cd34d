// Property: the reduced state (and the view) depends only on the set of events received.
import fc from 'fast-check';
import type { CoreEvent, Participant } from './model';
import { initialState, reduce } from './reducer';
import { createViewSelector, selectView } from './view';
import { addChanges, nothing } from './changes';
import { receiptsToPublish } from './receipts';
import { CONSUMER, dialog, participant } from './test-support/builders';

const convs = ['c1', 'c2'];
const dialogIds = ['c1', 'c2', 's1'];
const people = [CONSUMER, 'agent-a', 'agent-b', 'bot'];
const time = fc.integer({ min: 1, max: 8 }).map((n) => n * 1000);

const participantArb: fc.Arbitrary<Participant> = fc.record({
  id: fc.constantFrom(...people),
  role: fc.constantFrom('consumer' as const, 'agent' as const, 'manager' as const, 'assistant' as const),
  status: fc.constantFrom('active' as const, 'suggested' as const),
});

const snapshotArb: fc.Arbitrary<CoreEvent> = fc
  .record({
    id: fc.constantFrom(...convs),
    updatedAt: time,
    stage: fc.constantFrom('open' as const, 'closed' as const),
    mainOpen: fc.boolean(),
    closedBy: fc.option(fc.constantFrom('consumer' as const, 'agent' as const, 'system' as const), { nil: undefined }),
    skillId: fc.constantFrom('sales', 'support'),
    participants: fc.uniqueArray(participantArb, { maxLength: 4, selector: (p) => `${p.id}/${p.role}` }),
    survey: fc.boolean(),
  })
  .map(({ survey, closedBy, ...s }) => ({
    type: 'conversation' as const,
    snapshot: {
      ...s,
      ...(closedBy ? { closedBy } : {}),
      startedAt: 500,
      dialogs: [dialog(s.id, { open: s.mainOpen }), ...(survey && s.id === 'c1' ? [dialog('s1', { kind: 'survey', createdAt: 2000 })] : [])],
    },
  }));

const originArb = fc.constantFrom(...people).map((id) => ({ originatorId: id, originator: id === CONSUMER ? ('consumer' as const) : ('agent' as const) }));
const placeArb = fc.constantFrom(...dialogIds).map((d) => ({ dialogId: d, conversationId: d === 's1' ? 'c1' : d }));

const messageArb: fc.Arbitrary<CoreEvent> = fc
  .record({
    place: placeArb,
    origin: originArb,
    sequence: fc.nat(5),
    at: time,
    receivedAt: time,
    text: fc.constantFrom('hi', 'hello', 'same'),
    clientId: fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }),
  })
  .map(({ place, origin, text, clientId, ...m }) => ({
    type: 'message' as const,
    ...place,
    ...origin,
    ...m,
    body: { kind: 'text' as const, text },
    ...(clientId ? { clientId } : {}),
  }));

const receiptArb: fc.Arbitrary<CoreEvent> = fc
  .record({ place: placeArb, origin: originArb, sequence: fc.nat(5), at: time, status: fc.constantFrom('accept' as const, 'read' as const), sequences: fc.array(fc.nat(5), { maxLength: 3 }) })
  .map(({ place, origin, ...r }) => ({ type: 'receipt' as const, ...place, ...origin, ...r }));

const typingArb: fc.Arbitrary<CoreEvent> = fc
  .record({ place: placeArb, origin: originArb, composing: fc.boolean(), receivedAt: time })
  .map(({ place, origin, ...t }) => ({ type: 'typing' as const, ...place, ...origin, ...t }));

const outboxArb: fc.Arbitrary<CoreEvent> = fc.oneof(
  fc.record({ type: fc.constant('outboxAdded' as const), clientId: fc.constantFrom('k1', 'k2', 'k3'), text: fc.constantFrom('same', 'other'), createdAt: time }),
  fc.record({ type: fc.constant('outboxStored' as const), clientId: fc.constantFrom('k1', 'k2', 'k3'), dialogId: fc.constantFrom(...dialogIds), sequence: fc.nat(5) }),
  fc.record({ type: fc.constant('outboxFailed' as const), clientId: fc.constantFrom('k1', 'k2', 'k3'), reason: fc.constantFrom('timeout', 'rejected'), at: time }),
  fc.record({ type: fc.constant('outboxRetried' as const), clientId: fc.constantFrom('k1', 'k2', 'k3'), at: time }),
  // The visitor's files: a bubble with a file, and a cancel.
  fc.record({
    type: fc.constant('outboxAdded' as const), clientId: fc.constantFrom('k1', 'k2', 'k3'), text: fc.constantFrom('a.png', 'b.gif'), createdAt: time,
    file: fc.record({ name: fc.constantFrom('a.png', 'b.gif'), caption: fc.constantFrom('a.png', 'b.gif'), fileType: fc.constantFrom('PNG', 'GIF') }),
  }),
  fc.record({ type: fc.constant('outboxCancelled' as const), clientId: fc.constantFrom('k1', 'k2', 'k3') }),
);

// Plain JSON objects, like the decoder's (fc.record may build null-prototype objects).
const eventArb: fc.Arbitrary<CoreEvent> = fc.oneof(
  { arbitrary: snapshotArb, weight: 3 },
  { arbitrary: messageArb, weight: 3 },
  { arbitrary: receiptArb, weight: 2 },
  { arbitrary: typingArb, weight: 1 },
  { arbitrary: outboxArb, weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('profile' as const), participantId: fc.constantFrom(...people), name: fc.constantFrom('Ann', 'Bob') }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('conversationRemoved' as const), conversationId: fc.constantFrom(...convs) }), weight: 1 },
).map((e) => JSON.parse(JSON.stringify(e)) as CoreEvent);

/** The same events, shuffled, some duplicated, fed in several batches. */
const scenario = fc.array(eventArb, { maxLength: 30 }).chain((events) =>
  fc.record({
    events: fc.constant(events),
    replayed: fc.tuple(fc.shuffledSubarray(events, { minLength: events.length, maxLength: events.length }), fc.subarray(events)).chain(([perm, dups]) =>
      fc.shuffledSubarray([...perm, ...dups], { minLength: perm.length + dups.length, maxLength: perm.length + dups.length }),
    ),
    cuts: fc.array(fc.nat(40), { maxLength: 4 }),
  }),
);

function inBatches(events: CoreEvent[], cuts: number[]) {
  const points = [...new Set(cuts.map((c) => Math.min(c, events.length)))].sort((a, b) => a - b);
  let state = initialState;
  let from = 0;
  for (const p of [...points, events.length]) {
    state = reduce(state, events.slice(from, p));
    from = p;
  }
  return state;
}

const noneSent = { accept: new Set<string>(), read: new Set<string>() };

describe('reduce is order-independent and idempotent', () => {
  it('gives deep-equal states, views and receipts for any permutation/duplication/batching', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 60_000 }), ({ events, replayed, cuts }, now) => {
        const a = reduce(initialState, events);
        const b = inBatches(replayed, cuts);
        expect(b).toStrictEqual(a);
        expect(reduce(a, events)).toStrictEqual(a);
        const opts = { consumerId: CONSUMER, now };
        expect(selectView(b, opts)).toStrictEqual(selectView(a, opts));
        const r = { consumerId: CONSUMER, seen: new Set(Object.keys(a.messages)), sent: noneSent };
        expect(receiptsToPublish(b, r)).toStrictEqual(receiptsToPublish(a, r));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps an incremental view (fed batch by batch with their changes) equal to one built from nothing', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 60_000 }), ({ replayed, cuts }, now) => {
        const select = createViewSelector();
        const opts = { consumerId: CONSUMER, now };
        const points = [...new Set(cuts.map((c) => Math.min(c, replayed.length)))].sort((a, b) => a - b);
        let state = initialState;
        let from = 0;
        select(state, opts);
        for (const p of [...points, replayed.length]) {
          const batch = replayed.slice(from, p);
          from = p;
          state = reduce(state, batch);
          expect(select(state, opts, addChanges(nothing(), batch))).toStrictEqual(selectView(state, opts));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives unique timeline keys', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        const keys = selectView(reduce(initialState, events), { consumerId: CONSUMER, now: 0 }).timeline.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });

  it('does not mutate the state it is given', () => {
    const state = reduce(initialState, [{ type: 'outboxAdded', clientId: 'k', text: 'x', createdAt: 1 }]);
    const copy = structuredClone(state);
    reduce(state, [{ type: 'outboxFailed', clientId: 'k', reason: 'r', at: 2 }, { type: 'conversationRemoved', conversationId: 'c1' }]);
    expect(state).toStrictEqual(copy);
    expect(participant('a', 'agent').status).toBe('active');
  });
});
