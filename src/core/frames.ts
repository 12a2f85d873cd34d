// When the store tells its subscribers about a change: at most once per animation frame, so that a
// burst of notifications (1,000 in a second) costs one React commit per frame, not one per
// notification. A frame may never come (a hidden iframe's frames are throttled), so a timer of
// FRAME_FALLBACK_MS runs the flush too, whichever comes first. A hidden page paints nothing and its
// timers are throttled to about a second, while its subscribers still matter (the leading tab posts
// the snapshot to the others, the cues fire): there the flush runs in a microtask, as where there
// are no frames at all (Node).
import type { TimerFunctions } from './clock';

/** requestAnimationFrame and what says whether the page is hidden (the browser's by default). */
export interface FrameFunctions {
  requestAnimationFrame: (fn: () => void) => unknown;
  cancelAnimationFrame: (handle: unknown) => void;
  hidden: () => boolean;
}

/** Runs `flush` once, soon. The caller asks again only after it ran. */
export type Schedule = (flush: () => void) => void;

/** The longest a change waits for a frame before the subscribers hear of it anyway. */
export const FRAME_FALLBACK_MS = 100;

const microtask: Schedule = (flush) => queueMicrotask(flush);

function browserFrames(): FrameFunctions | undefined {
  const g = globalThis as { requestAnimationFrame?: (fn: () => void) => number; cancelAnimationFrame?: (handle: number) => void; document?: { visibilityState?: string } };
  const request = g.requestAnimationFrame;
  const cancel = g.cancelAnimationFrame;
  if (typeof request !== 'function' || typeof cancel !== 'function') return undefined;
  return {
    requestAnimationFrame: (fn) => request.call(globalThis, fn),
    cancelAnimationFrame: (handle) => cancel.call(globalThis, handle as number),
    hidden: () => g.document?.visibilityState === 'hidden',
  };
}

/** The next frame, or FRAME_FALLBACK_MS, whichever is first; a microtask where there are no frames or the page is hidden. */
export function frameSchedule(timers: TimerFunctions, frames: FrameFunctions | undefined = browserFrames()): Schedule {
  if (!frames) return microtask;
  return (flush) => {
    if (frames.hidden()) return microtask(flush);
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      frames.cancelAnimationFrame(frame);
      timers.clearTimeout(timer);
      flush();
    };
    const frame = frames.requestAnimationFrame(run);
    const timer = timers.setTimeout(run, FRAME_FALLBACK_MS);
  };
}
