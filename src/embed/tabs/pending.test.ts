// The pending list tells its tab of a change only when something to save or show changed: a
// message. Other calls (markSeen, typing) come and go on every scroll and keystroke, and a change
// makes the tab recompute its session's snapshot at once, outside the store's pacing.
import { describe, expect, it } from 'vitest';
import { MemoryStorage, safeStore } from '../../platform/storage';
import { createPendingCalls, type PendingCall } from './pending';

const call = (id: string, method: PendingCall['method'], message?: PendingCall['message']): PendingCall => ({
  id,
  method,
  args: message ? [message.text] : [[]],
  ...(message ? { message } : {}),
  resolve: () => {},
  reject: () => {},
  deliveries: 0,
});

describe('pending calls', () => {
  it('a markSeen or typing call changes nothing; a message changes the list when added and when answered', () => {
    let changes = 0;
    const storage = new MemoryStorage();
    const pending = createPendingCalls(safeStore(storage, 'sessionStorage'), 'acct', () => changes++);
    pending.add(call('1', 'markSeen'));
    pending.add(call('2', 'setComposing'));
    pending.take('1');
    pending.take('2');
    expect(changes).toBe(0);
    pending.add(call('3', 'send', { clientId: 'c3', text: 'hello', createdAt: 1 }));
    expect(changes).toBe(1);
    expect(pending.overlay([], 'me')).toMatchObject([{ clientId: 'c3', receipt: 'pending' }]);
    pending.take('3');
    expect(changes).toBe(2);
    expect(pending.overlay([], 'me')).toEqual([]);
  });
});
