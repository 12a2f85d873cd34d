// Time as a session sees it: the current time and timers, injectable so tests can drive them.

/** setTimeout and clearTimeout, as functions (the global ones by default). */
export interface TimerFunctions {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface Clock extends TimerFunctions {
  now(): number;
  /** Resolves after `ms`, or at once when `cancel` fires (e.g. the session stops). */
  sleep(ms: number, cancel?: AbortSignal): Promise<void>;
}

export function createClock(deps: { now?: () => number } & Partial<TimerFunctions> = {}): Clock {
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
