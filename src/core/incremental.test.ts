// The incremental view (view.ts, threadIndex.ts): its work is proportional to the change, counted
// exactly (rows built, order comparisons), and it keeps the rows that did not change.
import type { CoreEvent } from './model';
import { addChanges, nothing } from './changes';
import { BUCKET, bucketOf } from './factTable';
import { initialState, reduce } from './reducer';
import { createViewSelector, selectView, type ViewCounters } from './view';
import { CONSUMER, participant, receipt, snapshot, text, withAgent } from './test-support/builders';

const AGENT = 'agent-a';
const open = snapshot('c1', 2000, { participants: withAgent(participant(AGENT, 'agent')) });
const opts = { consumerId: CONSUMER, now: 0 };

/** A selector over a conversation of `n` messages (every fifth the visitor's), fed as the store does. */
function conversationOf(n: number) {
  const counters: ViewCounters = { rows: 0, comparisons: 0 };
  const select = createViewSelector(counters);
  const history: CoreEvent[] = [open, ...Array.from({ length: n }, (_, i) => text('c1', i, i % 5 === 0 ? CONSUMER : AGENT, `m${i}`))];
  let state = reduce(initialState, history);
  let view = select(state, opts);
  return {
    counters,
    get view() {
      return view;
    },
    /** One notification: the reducer, then the view with what the events changed; the work it took. */
    notify(events: CoreEvent[]) {
      counters.rows = 0;
      counters.comparisons = 0;
      state = reduce(state, events);
      view = select(state, opts, addChanges(nothing(), events));
      return { rows: counters.rows, comparisons: counters.comparisons };
    },
    get state() {
      return state;
    },
  };
}

describe('the incremental view: work proportional to the change', () => {
  it('builds one row and makes one comparison for the newest message, O(log n) for one that fills a gap', () => {
    for (const [n, most] of [
      [1_000, 12],
      [10_000, 16],
    ] as const) {
      const c = conversationOf(n);
      expect(c.notify([text('c1', n + 1, AGENT, 'after a gap')])).toEqual({ rows: 1, comparisons: 1 });
      const before = c.view.timeline;
      const work = c.notify([text('c1', n, AGENT, 'the gap filled')]);
      expect(work.rows).toBe(1);
      expect(work.comparisons).toBeGreaterThan(1);
      expect(work.comparisons).toBeLessThanOrEqual(most);
      expect(c.view.timeline.at(-2)).toMatchObject({ sequence: n });
      expect(c.view.timeline).toHaveLength(before.length + 1);
      // Structural sharing: every earlier row is the very same object.
      const kept = new Set(before);
      expect(c.view.timeline.filter((row) => !kept.has(row))).toMatchObject([{ sequence: n }]);
    }
  });

  it('rebuilds only the row a receipt changes; a duplicate leaves the state as it was', () => {
    const c = conversationOf(10_000);
    const before = c.view;
    const work = c.notify([receipt('c1', 10_000, AGENT, 'read', [5])]);
    expect(work.rows).toBe(1);
    expect(work.comparisons).toBeLessThanOrEqual(15);
    const changed = c.view.timeline.filter((row, i) => row !== before.timeline[i]);
    expect(changed).toMatchObject([{ kind: 'message', sequence: 5, receipt: 'read' }]);
    // A replayed message changes nothing: the reducer answers the same state (the store stops there).
    expect(reduce(c.state, [text('c1', 42, AGENT, 'm42')])).toBe(c.state);
    expect(c.view).toStrictEqual(selectView(c.state, opts));
  });
});

describe('the earlier conversations: built again only when they may have changed', () => {
  it('a message or a status change in the open conversation keeps the list of 1,000 closed ones', () => {
    const closed = Array.from({ length: 1_000 }, (_, i) =>
      snapshot(`old-${i}`, 1_500 + i, { stage: 'closed', mainOpen: false, startedAt: 1_000 + i, endedAt: 1_200 + i, participants: withAgent(participant(AGENT, 'agent')) }),
    );
    const counters: ViewCounters = { rows: 0, comparisons: 0, earlierBuilt: 0 };
    const select = createViewSelector(counters);
    const history: CoreEvent[] = [...closed, open, text('old-7', 1, AGENT, 'loaded earlier'), ...Array.from({ length: 1_000 }, (_, i) => text('c1', i, AGENT, `m${i}`))];
    let state = reduce(initialState, history);
    let view = select(state, opts);
    expect(counters.earlierBuilt).toBe(1);
    const list = view.earlier;
    expect(list).toHaveLength(1_000);
    const notify = (events: CoreEvent[]) => {
      state = reduce(state, events);
      view = select(state, opts, addChanges(nothing(), events));
      return counters.earlierBuilt;
    };
    expect(notify([text('c1', 1_000, AGENT, 'new')])).toBe(1);
    expect(notify([receipt('c1', 1_001, AGENT, 'read', [999])])).toBe(1);
    view = select(state, opts, nothing()); // a status change: nothing in the state moved
    expect(counters.earlierBuilt).toBe(1);
    expect(view.earlier).toBe(list);
    // What an earlier conversation is made of: a message of one, a new snapshot.
    expect(notify([text('old-7', 2, CONSUMER, 'seen later')])).toBe(2);
    expect(view.earlier?.find((c) => c.id === 'old-7')?.lastMessage?.text).toBe('seen later');
    expect(notify([snapshot('old-1000', 3_000, { stage: 'closed', mainOpen: false, endedAt: 1_900 })])).toBe(3);
    expect(view.earlier).toHaveLength(1_001);
    expect(view).toStrictEqual(selectView(state, opts));
  });
});

describe('the reducer: copy-on-write of the touched entries', () => {
  it('copies one bucket of messages for one new message in 10,000, and shares every other bucket and table', () => {
    const state = reduce(initialState, [open, ...Array.from({ length: 10_000 }, (_, i) => text('c1', i, AGENT, `m${i}`))]);
    expect(Object.keys(state.messages)).toHaveLength(Math.ceil(10_000 / BUCKET));
    const next = reduce(state, [text('c1', 10_000, AGENT, 'one more')]);
    const copied = Object.keys(next.messages).filter((bucket) => next.messages[bucket] !== state.messages[bucket]);
    expect(copied).toEqual([bucketOf('c1', 10_000)]);
    for (const table of ['snapshots', 'removed', 'dialogConversation', 'receipts', 'typing', 'profiles', 'outbox'] as const) expect(next[table]).toBe(state[table]);
  });
});

