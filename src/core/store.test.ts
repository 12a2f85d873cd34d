import { describe, expect, it } from 'vitest';
import { createClock } from './clock';
import { FRAME_FALLBACK_MS, frameSchedule } from './frames';
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
    const clock = createClock({
      now: () => 20_000,
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

    // A frame later, one more change: one more notification, in the next frame.
    time.frame();
    expect(seen).toEqual([1000]);
    store.dispatch([add(1001)]);
    time.frame();
    expect(seen).toEqual([1000, 1001]);
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
