// When the store tells its subscribers about a change: at most once per animation frame, so that a
// burst of notifications (1,000 in a second) costs one React commit per frame, not one per
// notification. A frame may never come (a hidden iframe's frames are throttled), so a timer of
// FRAME_FALLBACK_MS runs the flush too, whichever comes first. A hidden page paints nothing and its
// timers are throttled to about a second, while its subscribers still matter (the leading tab posts
// the snapshot to the others, the cues fire): there the flush runs in a microtask, as where there
// are no frames at all (Node).
// While changes keep coming (each within MAX_PACE_MS of the last flush: a burst, a long history
// arriving in pieces), the flushes space out, from one frame to MAX_PACE_MS apart, doubling each
// time: a commit costs about the same whether it shows one new row or five hundred, and nobody
// reads five hundred messages a frame. A change after a pause is shown in the next frame again.
import type { Clock } from './clock';

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
/** While a burst goes on, flushes are at most this far apart… */
export const MAX_PACE_MS = 100;
/** …starting from about a frame's length. */
export const FRAME_MS = 16;

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

/**
 * The next frame, or FRAME_FALLBACK_MS, whichever is first (while a burst goes on, not before the
 * pace allows); a microtask where there are no frames or the page is hidden.
 */
export function frameSchedule(clock: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>, frames: FrameFunctions | undefined = browserFrames()): Schedule {
  if (!frames) return microtask;
  let flushedAt = Number.NEGATIVE_INFINITY;
  let pace = 0;
  return (flush) => {
    if (frames.hidden()) return microtask(flush);
    const since = clock.now() - flushedAt;
    pace = since < MAX_PACE_MS ? Math.min(Math.max(2 * pace, FRAME_MS), MAX_PACE_MS) : 0;
    let done = false;
    let frame: unknown;
    let timer: unknown;
    const run = () => {
      if (done) return;
      done = true;
      frames.cancelAnimationFrame(frame);
      clock.clearTimeout(timer);
      flushedAt = clock.now();
      flush();
    };
    const nextFrame = () => {
      frame = frames.requestAnimationFrame(run);
      timer = clock.setTimeout(run, FRAME_FALLBACK_MS);
    };
    const wait = pace - since;
    if (wait > 0) timer = clock.setTimeout(nextFrame, wait);
    else nextFrame();
  };
}
