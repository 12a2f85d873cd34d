// The visitor's typing indicator, whatever the backend: "composing" at most once per throttle
// window while the visitor types, and "stopped" once when they stop. The backend injects what
// publishes (and whether it could: offline or without a conversation, nothing is sent).
import type { Clock } from './clock';

export const COMPOSING_THROTTLE_MS = 3_000;

export interface TypingThrottle {
  setComposing(composing: boolean): void;
}

/** `publish(composing)` sends the indicator and returns false when it could not be sent now. */
export function createTypingThrottle(deps: { clock: Pick<Clock, 'now'>; publish: (composing: boolean) => boolean }): TypingThrottle {
  let composingSentAt: number | undefined;
  return {
    setComposing(composing) {
      const now = deps.clock.now();
      if (composing) {
        if (composingSentAt !== undefined && now - composingSentAt < COMPOSING_THROTTLE_MS) return;
        if (deps.publish(true)) composingSentAt = now;
      } else if (composingSentAt !== undefined) {
        composingSentAt = undefined;
        deps.publish(false);
      }
    },
  };
}
