import { describe, expect, it } from 'vitest';
import { createClock } from './clock';
import { FRAME_FALLBACK_MS, FRAME_MS, MAX_PACE_MS, frameSchedule } from './frames';
import type { CoreEvent } from './model';
import { createChatStore } from './store';
import { CONSUMER, participant, receipt, snapshot, text, withAgent } from './test-support/builders';

describe('chat store', () => {
  it('coalesces a burst of changes into one snapshot and keeps the snapshot stable between changes', async () => {
    const store = createChatStore(createClock());
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.chat.timeline.length));
    const before = store.getSnapshot();
    expect(store.getSnapshot()).toBe(before);
    store.setConnection({ status: 'online' });
    store.dispatch([{ type: 'outboxAdded', clientId: 'a', text: 'one', createdAt: 1 }]);
    store.dispatch([{ type: 'outboxAdded', clientId: 'b', text: 'two', createdAt: 2 }]);
    expect(seen).toEqual([]);
    await Promise.resolve();
    expect(seen).toEqual([2]);
    const after = store.getSnapshot();
    expect(after).not.toBe(before);
    expect(after.connection).toEqual({ status: 'online' });
    expect(store.getSnapshot()).toBe(after);
    store.dispose();
    store.dispatch([{ type: 'outboxAdded', clientId: 'c', text: 'three', createdAt: 3 }]);
    await Promise.resolve();
    expect(seen).toEqual([2]);
  });
});

describe('chat store: rows memoized per key', () => {
  const AGENT = 'agent-a';
  const open = snapshot('c1', 2000, { participants: withAgent(participant(AGENT, 'agent')) });

  it('keeps the identity of rows that did not change, and of an unchanged view', () => {
    const store = createChatStore(createClock({ now: () => 20_000 }));
    store.setConsumerId(CONSUMER);
    store.dispatch([open, text('c1', 0, CONSUMER, 'hello'), text('c1', 1, AGENT, 'hi there')]);
    const first = store.getSnapshot().chat;
    const [mine, theirs] = first.timeline.filter((r) => r.kind === 'message');

    // A new message: the old rows are the same objects.
    store.dispatch([text('c1', 2, AGENT, 'how can I help?')]);
    const second = store.getSnapshot().chat;
    const rows2 = second.timeline.filter((r) => r.kind === 'message');
    expect(rows2).toHaveLength(3);
    expect(rows2[0]).toBe(mine);
    expect(rows2[1]).toBe(theirs);

    // The agent reads the visitor's message: only that row is new.
    store.dispatch([receipt('c1', 3, AGENT, 'read', [0])]);
    const rows3 = store.getSnapshot().chat.timeline.filter((r) => r.kind === 'message');
    expect(rows3[0]).not.toBe(mine);
    expect(rows3[0]).toMatchObject({ receipt: 'read' });
    expect(rows3[1]).toBe(theirs);
    expect(rows3[2]).toBe(rows2[2]);

    // A replay of what is already held changes nothing: the same view object.
    const before = store.getSnapshot().chat;
    store.dispatch([text('c1', 1, AGENT, 'hi there'), open]);
    expect(store.getSnapshot().chat).toBe(before);
    expect(store.getSnapshot().chat.names).toBe(first.names);
    store.dispose();
  });
});

describe('chat store: subscribers hear at most once per frame', () => {
  /** Frames and timers the test runs by hand. */
  function manualTime() {
    let nextId = 0;
    const frames = new Map<number, () => void>();
    const timers = new Map<number, { fn: () => void; ms: number }>();
    let hidden = false;
    let now = 20_000;
    const clock = createClock({
      now: () => now,
      setTimeout: (fn, ms) => (timers.set(++nextId, { fn, ms }), nextId),
      clearTimeout: (id) => void timers.delete(id as number),
    });
    const frameFns = {
      requestAnimationFrame: (fn: () => void) => (frames.set(++nextId, fn), nextId),
      cancelAnimationFrame: (id: unknown) => void frames.delete(id as number),
      hidden: () => hidden,
    };
    const runAll = (queue: Map<number, unknown>, run: (entry: never) => void) => {
      const due = [...queue.entries()];
      queue.clear();
      for (const [, entry] of due) run(entry as never);
    };
    return {
      clock,
      schedule: frameSchedule(clock, frameFns),
      frame: () => runAll(frames, (fn: () => void) => fn()),
      fallback: () => runAll(timers, (t: { fn: () => void; ms: number }) => (expect(t.ms).toBe(FRAME_FALLBACK_MS), t.fn())),
      /** Time passes: timers due by then run, then (like a browser) the next frame. */
      advance(ms: number) {
        now += ms;
        for (const [id, t] of [...timers]) {
          if (t.ms <= ms) {
            timers.delete(id);
            t.fn();
          } else t.ms -= ms;
        }
        runAll(frames, (fn: () => void) => fn());
      },
      timerDelays: () => [...timers.values()].map((t) => t.ms),
      pendingFrames: () => frames.size,
      pendingTimers: () => timers.size,
      hide: (value: boolean) => (hidden = value),
    };
  }
  const add = (i: number): CoreEvent => ({ type: 'outboxAdded', clientId: `m${i}`, text: `message ${i}`, createdAt: i });

  it('1,000 changes in one frame make one notification, with the snapshot current all along', () => {
    const time = manualTime();
    const store = createChatStore(time.clock, time.schedule);
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.chat.timeline.length));
    for (let i = 1; i <= 1000; i++) {
      store.dispatch([add(i)]);
      if (i % 250 === 0) expect(store.getSnapshot().chat.timeline).toHaveLength(i);
    }
    expect(seen).toEqual([]);
    expect(time.pendingFrames()).toBe(1);
    time.frame();
    expect(seen).toEqual([1000]);
    expect(time.pendingTimers()).toBe(0); // the fallback was cancelled

    // After a pause, one more change: one more notification, in the next frame.
    time.advance(MAX_PACE_MS);
    expect(seen).toEqual([1000]);
    store.dispatch([add(1001)]);
    time.frame();
    expect(seen).toEqual([1000, 1001]);
    store.dispose();
  });

  it('spaces the notifications out while changes keep coming, up to MAX_PACE_MS apart, and not after a pause', () => {
    const time = manualTime();
    const store = createChatStore(time.clock, time.schedule);
    const heard: number[] = [];
    let at = 0;
    store.subscribe(() => heard.push(at));
    // A change every frame for a second: a notification a frame later at first, then further apart.
    for (let i = 1; i <= 60; i++) {
      store.dispatch([add(i)]);
      at += FRAME_MS;
      time.advance(FRAME_MS);
    }
    const gaps = heard.slice(1).map((t, i) => t - (heard[i] as number));
    // (the first frame once MAX_PACE_MS passed)
    const paced = Math.ceil(MAX_PACE_MS / FRAME_MS) * FRAME_MS;
    expect(gaps).toEqual([FRAME_MS, 2 * FRAME_MS, 4 * FRAME_MS, ...gaps.slice(3).map(() => paced)]);
    expect(heard.length).toBeLessThan(15); // 60 frames of changes, not 60 notifications
    expect(store.getSnapshot().chat.timeline).toHaveLength(60);

    // Quiet for MAX_PACE_MS (after the last paced notification): the next change is heard in the next frame.
    time.advance(MAX_PACE_MS);
    time.advance(MAX_PACE_MS);
    const before = heard.length;
    store.dispatch([add(61)]);
    expect(time.timerDelays()).toEqual([FRAME_FALLBACK_MS]); // the frame's fallback, no pacing timer
    time.frame();
    expect(heard).toHaveLength(before + 1);
    store.dispose();
  });

  it('notifies after FRAME_FALLBACK_MS when no frame comes, once', () => {
    const time = manualTime();
    const store = createChatStore(time.clock, time.schedule);
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.chat.timeline.length));
    store.dispatch([add(1)]);
    store.dispatch([add(2)]);
    time.fallback();
    expect(seen).toEqual([2]);
    expect(time.pendingFrames()).toBe(0); // the frame was cancelled
    store.dispose();
  });

  it('notifies in a microtask while the page is hidden', async () => {
    const time = manualTime();
    time.hide(true);
    const store = createChatStore(time.clock, time.schedule);
    const seen: number[] = [];
    store.subscribe((s) => seen.push(s.chat.timeline.length));
    store.dispatch([add(1)]);
    store.dispatch([add(2)]);
    expect(time.pendingFrames() + time.pendingTimers()).toBe(0);
    await Promise.resolve();
    expect(seen).toEqual([2]);
    store.dispose();
  });
});
