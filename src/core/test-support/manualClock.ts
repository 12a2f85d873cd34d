// A clock for tests: time moves only when the test says (advanceTo), running the timers that fall
// due in order; no wall-clock time in the assertions.
import type { Clock } from '../clock';

export function manualClock() {
  let now = 0;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = ++nextId;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    sleep: () => Promise.resolve(),
  };
  /** Moves time forward to `to`, running due timers in order. */
  const advanceTo = (to: number) => {
    for (;;) {
      const due = [...timers.entries()].filter(([, t]) => t.at <= to).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      timers.delete(due[0]);
      now = due[1].at;
      due[1].fn();
    }
    now = to;
  };
  return { clock, advanceTo };
}
