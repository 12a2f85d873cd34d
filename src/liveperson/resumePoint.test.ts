// Where a resubscribe resumes: the unbroken run held, floors proved by replays; and a model of a
// server with hidden events, drops and bogus frames in which nothing visible is ever missed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../core/model';
import { initialState, reduce } from '../core/reducer';
import type { ChatState } from '../core/state';
import { HISTORY_CAP, nextSequence, replayFloor } from './resumePoint';
import { factAt } from '../core/factTable';

const D = 'dialog-1';
const message = (sequence: number, dialogId = D): CoreEvent => ({
  type: 'message',
  conversationId: dialogId,
  dialogId,
  sequence,
  at: 1,
  originatorId: 'agent',
  originator: 'agent',
  body: { kind: 'text', text: `m${sequence}` },
});
const receipt = (sequence: number): CoreEvent => ({ type: 'receipt', conversationId: D, dialogId: D, sequence, at: 1, originatorId: 'agent', originator: 'agent', status: 'accept', sequences: [0] });
const holding = (sequences: number[]): ChatState => reduce(initialState, sequences.map((s) => message(s)));
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

describe('nextSequence', () => {
  it('is one past the unbroken run from 0; receipts count; other dialogs do not', () => {
    expect(nextSequence(initialState, D)).toBe(0);
    expect(nextSequence(reduce(initialState, [message(0), receipt(1), message(2)]), D)).toBe(3);
    expect(nextSequence(holding([0, 1, 3, 4]), D)).toBe(2);
    expect(nextSequence(reduce(initialState, [message(0), message(1, 'other')]), D)).toBe(1);
  });

  it('ignores a bogus high sequence', () => {
    expect(nextSequence(holding([0, 1, 2, 1_000_000]), D)).toBe(3);
  });

  it('restarts the run from a floor', () => {
    expect(nextSequence(holding([]), D, 40)).toBe(40);
    expect(nextSequence(holding([0, 1, 40, 41, 43]), D, 40)).toBe(42);
    expect(nextSequence(holding([0, 1, 2, 3]), D, 2)).toBe(4);
  });
});

describe('replayFloor', () => {
  it('proves a floor when a full history page starts above where the subscription asked', () => {
    expect(replayFloor(0, new Set(range(500, 500 + HISTORY_CAP)))).toBe(500);
    // hidden events inside the page do not matter: it is a full page of what the server replays
    expect(replayFloor(3, new Set(range(9000, 9000 + 2 * HISTORY_CAP).filter((s) => s % 2 === 0)))).toBe(9000);
  });

  it('proves nothing from an empty replay, one that starts where asked, a short one, or a few far frames', () => {
    expect(replayFloor(5, new Set())).toBeUndefined();
    expect(replayFloor(0, new Set(range(0, 2 * HISTORY_CAP)))).toBeUndefined();
    expect(replayFloor(5, new Set([6, 7, 8]))).toBeUndefined();
    expect(replayFloor(5, new Set([1_000_000]))).toBeUndefined();
    expect(replayFloor(0, new Set(range(9000, 9000 + HISTORY_CAP - 1)))).toBeUndefined();
  });
});

/** A server dialog and a run of connections to it. */
interface World {
  /** How many sequences the dialog will have, and which of them the consumer is never shown. */
  size: number;
  hidden: number[];
  /** Per connection: events created before it opens, events received live before it drops, bogus sequences injected during its replay. */
  rounds: Array<{ grow: number; live: number; bogus: number[] }>;
}

const worldOf = (maxSize: number, maxStep: number): fc.Arbitrary<World> =>
  fc.integer({ min: 1, max: maxSize }).chain((size) =>
    fc.record({
      size: fc.constant(size),
      hidden: fc.uniqueArray(fc.nat(size - 1), { maxLength: Math.min(size, 30) }),
      rounds: fc.array(
        fc.record({
          grow: fc.nat(maxStep),
          live: fc.nat(maxStep),
          bogus: fc.array(fc.oneof(fc.nat(maxSize + 10), fc.constant(1_000_000), fc.constant(Number.MAX_SAFE_INTEGER)), { maxLength: 3 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
  );

/** Runs the world; returns the visible sequences that exist at the end and are not held after a clean reconnect. */
function missedAfter({ size, hidden, rounds }: World): number[] {
  const visible = (s: number) => !hidden.includes(s);
  let state = initialState;
  let floor = 0;
  let exists = 0;
  const receive = (sequences: number[]) => {
    state = reduce(state, sequences.map((s) => message(s)));
  };
  /** Subscribes: the replay (the newest HISTORY_CAP visible events from fromSeq), then any bogus frames; keeps a proved floor. */
  const subscribe = (bogus: number[]) => {
    const from = nextSequence(state, D, floor);
    const replay = range(from, exists).filter(visible).slice(-HISTORY_CAP);
    receive([...replay, ...bogus]);
    const proved = replayFloor(from, new Set([...replay, ...bogus]));
    if (proved !== undefined && proved > floor) floor = proved;
  };
  for (const round of rounds) {
    exists = Math.min(size, exists + round.grow);
    subscribe(round.bogus);
    const before = exists;
    exists = Math.min(size, exists + round.live);
    receive(range(before, exists).filter(visible));
  }
  subscribe([]);
  // Events older than the newest HISTORY_CAP visible ones may be gone for good (the server's limit).
  const expected = range(0, exists).filter(visible).slice(-HISTORY_CAP);
  return expected.filter((s) => factAt(state.messages, JSON.stringify([D, s])) === undefined);
}

describe('resuming across drops (model)', () => {
  it('never misses a visible event, whatever hidden events and bogus frames come between drops', () => {
    fc.assert(
      fc.property(worldOf(80, 20), (w) => {
        expect(missedAfter(w)).toEqual([]);
      }),
      { numRuns: 2_000, seed: 20_240_607 },
    );
  });

  it('the same across the history cap (conversations longer than one replay page)', () => {
    fc.assert(
      fc.property(worldOf(3 * HISTORY_CAP, 900), (w) => {
        expect(missedAfter(w)).toEqual([]);
      }),
      { numRuns: 60, seed: 20_240_608 },
    );
  });
});
