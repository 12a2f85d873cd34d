// Receipts are coalesced adaptively: exact request counts for a lone message and for a burst of
// 1,000 agent messages in one second, on a manual clock (no wall-clock time in the assertions).
import { describe, expect, it } from 'vitest';
import { createChatStore } from '../core/store';
import { manualClock } from '../core/test-support/manualClock';
import { CONSUMER, participant, snapshot, text, withAgent } from '../core/test-support/builders';
import type { Connection } from './connection';
import { MAX_BURST_WAIT_MS, MAX_WAIT_MS, QUIET_MS, createReceiptsOut } from './receiptsOut';
import type { PublishEventBody } from './wire';

const AGENT = 'agent-a';

function setUp() {
  const { clock, advanceTo } = manualClock();
  const store = createChatStore(clock);
  store.setConsumerId(CONSUMER);
  store.dispatch([snapshot('c1', 2000, { participants: withAgent(participant(AGENT, 'agent')) })]);
  const published: Array<{ at: number; status: string; sequences: number[] }> = [];
  const connection = {
    request: (_type: string, body?: unknown) => {
      const event = (body as PublishEventBody).event as { status: string; sequenceList: number[] };
      published.push({ at: clock.now(), status: event.status, sequences: event.sequenceList });
      return Promise.resolve({ code: 200, body: { sequence: 0 } });
    },
  } as unknown as Connection;
  const receipts = createReceiptsOut({ connection, store, clock, isOnline: () => true });
  store.watch(() => receipts.schedule());
  const rowKeyOf = (sequence: number) => store.getSnapshot().chat.timeline.find((r) => r.kind === 'message' && r.sequence === sequence)?.key as string;
  /** The message arrives; with `seen` (the default) the UI reports its row on screen as soon as it shows. */
  const deliver = (sequence: number, seen = true) => {
    store.dispatch([text('c1', sequence, AGENT, `message ${sequence}`)]);
    if (seen) receipts.markSeen([rowKeyOf(sequence)]);
  };
  return { advanceTo, deliver, published, receipts, rowKeyOf };
}

describe('receipts out: adaptive coalescing', () => {
  it('acknowledges a lone message QUIET_MS after it arrived, ACCEPT and READ', () => {
    const { advanceTo, deliver, published } = setUp();
    advanceTo(5_000);
    deliver(0);
    advanceTo(5_000 + QUIET_MS - 1);
    expect(published).toEqual([]);
    advanceTo(5_000 + QUIET_MS);
    expect(published).toEqual([
      { at: 5_000 + QUIET_MS, status: 'ACCEPT', sequences: [0] },
      { at: 5_000 + QUIET_MS, status: 'READ', sequences: [0] },
    ]);
  });

  it('reads only the rows the visitor saw: an off-screen message gets ACCEPT, READ once its row is seen', () => {
    const { advanceTo, deliver, published, receipts, rowKeyOf } = setUp();
    advanceTo(1_000);
    deliver(0, false);
    advanceTo(2_000);
    expect(published).toEqual([{ at: 1_000 + QUIET_MS, status: 'ACCEPT', sequences: [0] }]);
    receipts.markSeen(['not-a-row']);
    advanceTo(3_000);
    expect(published).toHaveLength(1);
    receipts.markSeen([rowKeyOf(0)]);
    advanceTo(4_000);
    expect(published.slice(1)).toEqual([{ at: 3_000 + QUIET_MS, status: 'READ', sequences: [0] }]);
    // Seen again (scrolled back to it): nothing more.
    receipts.markSeen([rowKeyOf(0)]);
    advanceTo(5_000);
    expect(published).toHaveLength(2);
  });

  it('the longer wait lasts only while a burst does: after a pause, the next burst is acknowledged within MAX_WAIT_MS again', () => {
    const { advanceTo, deliver, published } = setUp();
    const burst = (from: number, count: number, at: number) => {
      for (let s = from; s < from + count; s++) {
        advanceTo(at + s - from);
        deliver(s);
      }
    };
    burst(0, 700, 1_000);
    advanceTo(5_000);
    const before = published.length;
    burst(700, 500, 5_000);
    advanceTo(10_000);
    expect(published[before]?.at).toBe(5_000 + MAX_WAIT_MS);
  });

  it('acknowledges 1,000 messages arriving one per millisecond in 6 requests, each message once per status', () => {
    const { advanceTo, deliver, published } = setUp();
    for (let s = 0; s < 1000; s++) {
      advanceTo(1_000 + s);
      deliver(s);
    }
    advanceTo(10_000);
    // Flushed after MAX_WAIT_MS, then after twice that (the burst goes on), then once after it.
    const last = 1_999 + QUIET_MS;
    const first = 1_000 + MAX_WAIT_MS;
    const second = first + 2 * MAX_WAIT_MS;
    expect(second + Math.min(4 * MAX_WAIT_MS, MAX_BURST_WAIT_MS)).toBeGreaterThan(last); // the third wait outlasts the burst
    expect(published.map((p) => p.at)).toEqual([first, first, second, second, last, last]);
    for (const status of ['ACCEPT', 'READ']) {
      const covered = published.filter((p) => p.status === status).flatMap((p) => p.sequences);
      expect(covered).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    }
  });
});
