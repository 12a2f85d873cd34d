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

