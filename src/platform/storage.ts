// Storage that never throws: localStorage can be missing or throw on every access
// (Safari private mode, sandboxed iframes, disabled cookies). Parley then keeps values in memory only.

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** The subset of the DOM Storage interface Parley uses. */
export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** A node-friendly in-memory Storage (also the fallback when the browser's is unusable). */
export class MemoryStorage implements StorageLike {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, String(value));
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  clear(): void {
    this.items.clear();
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
}

function browserStorage(which: 'localStorage' | 'sessionStorage'): StorageLike | undefined {
  try {
    const storage = (globalThis as { localStorage?: StorageLike; sessionStorage?: StorageLike })[which];
    return storage ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Wraps `storage` (default: the browser's localStorage, or its sessionStorage with `which`) so that
 * reads and writes never throw. Once the real storage fails, values live on in memory for this
 * page's lifetime, and a key written after that is removed from the real storage (best effort): its
 * stored value is stale, and the next page must not act on it (e.g. publish an old outbox again).
 */
export function safeStore(storage?: StorageLike, which: 'localStorage' | 'sessionStorage' = 'localStorage'): KeyValueStore {
  const primary = storage ?? browserStorage(which);
  const memory = new MemoryStorage();
  let usable = primary !== undefined;
  const forget = (key: string) => {
    try {
      primary?.removeItem(key);
    } catch {
      // nothing more to do: the real storage refuses everything
    }
  };
  const write = (key: string, apply: (s: StorageLike) => void) => {
    if (!primary) return;
    if (!usable) return forget(key);
    try {
      apply(primary);
    } catch {
      usable = false;
      forget(key);
    }
  };
  return {
    get(key) {
      if (usable && primary) {
        try {
          return primary.getItem(key);
        } catch {
          usable = false;
        }
      }
      return memory.getItem(key);
    },
    set(key, value) {
      memory.setItem(key, value);
      write(key, (s) => s.setItem(key, value));
    },
    remove(key) {
      memory.removeItem(key);
      write(key, (s) => s.removeItem(key));
    },
  };
}
