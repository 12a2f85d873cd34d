// A storage whose every access throws, as in Safari's private mode or a sandboxed frame (tests only).
import type { StorageLike } from '../../platform/storage';

export const brokenStorage = (): StorageLike => ({
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
});
