import { describe, expect, it } from 'vitest';
import { createChatStore } from './chat-store';
import { createClock } from './clock';

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
