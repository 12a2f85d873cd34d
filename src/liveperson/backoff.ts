// Exponential backoff with full jitter ("wait a random time up to base × factor^attempt, capped").

export interface BackoffOptions {
  baseMs?: number;
  factor?: number;
  capMs?: number;
  random?: () => number;
}

export interface Backoff {
  /** The delay before the next attempt; each call counts one more attempt. */
  next(): number;
  /** Back to the first attempt (after a stable connection or a success). */
  reset(): void;
  readonly attempts: number;
}

/** The ceiling for attempt `n` (0-based): min(cap, base × factor^n). */
export function backoffCeiling(attempt: number, { baseMs = 500, factor = 2, capMs = 30_000 }: BackoffOptions = {}): number {
  return Math.min(capMs, baseMs * Math.pow(factor, attempt));
}

export function createBackoff(options: BackoffOptions = {}): Backoff {
  const random = options.random ?? Math.random;
  let attempts = 0;
  return {
    next() {
      const ceiling = backoffCeiling(attempts, options);
      attempts += 1;
      return Math.floor(random() * ceiling);
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
