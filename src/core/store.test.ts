import { describe, expect, it } from 'vitest';
import { createClock } from './clock';
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
