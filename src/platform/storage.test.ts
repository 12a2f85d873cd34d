import { describe, expect, it } from 'vitest';
import { MemoryStorage, safeStore } from './storage';

/** A storage that works until `full` is set, then refuses writes (quota) but still removes. */
class FillingStorage extends MemoryStorage {
  full = false;
  override setItem(key: string, value: string): void {
    if (this.full) throw new Error('QuotaExceededError');
    super.setItem(key, value);
  }
}

describe('safeStore', () => {
  it('removes a value from the real storage when a newer one cannot be written (no stale value for the next page)', () => {
    const real = new FillingStorage();
    const store = safeStore(real);
    store.set('outbox', 'v1');
    store.set('other', 'kept');
    expect(real.getItem('outbox')).toBe('v1');
    real.full = true;
    store.set('outbox', 'v2');
    expect(real.getItem('outbox')).toBeNull();
    expect(store.get('outbox')).toBe('v2'); // this page goes on in memory
    // later writes are memory-only too, and their stale stored values go as well
    store.set('other', 'newer');
    expect(real.getItem('other')).toBeNull();
    expect(store.get('other')).toBe('newer');
  });
});
