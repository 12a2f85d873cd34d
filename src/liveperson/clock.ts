// Time as the session sees it (injectable for tests).
import type { Timers } from './requests';

export interface Clock extends Timers {
  now(): number;
  /** Resolves after `ms`, or at once when `cancel` fires (e.g. the session stops). */
  sleep(ms: number, cancel?: AbortSignal): Promise<void>;
}

export function createClock(deps: { now?: () => number; setTimeout?: Timers['setTimeout']; clearTimeout?: Timers['clearTimeout'] } = {}): Clock {
  const set = deps.setTimeout ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clear = deps.clearTimeout ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  return {
    now: deps.now ?? Date.now,
    setTimeout: set,
    clearTimeout: clear,
    sleep(ms, cancel) {
      return new Promise((resolve) => {
        if (cancel?.aborted) return resolve();
        const done = () => {
          clear(handle);
          cancel?.removeEventListener('abort', done);
          resolve();
        };
        const handle = set(done, ms);
        cancel?.addEventListener('abort', done, { once: true });
      });
    },
  };
}
