// Which timeline rows to put in the DOM: the ones in (or near) the scroll viewport. Pure, so the
// arithmetic is tested on its own; useVirtualRows.ts feeds it measured heights and the scroll position.

/** Up to this many rows everything is rendered (screen readers and find-in-page see it all). */
export const FULL_RENDER_MAX = 600;
/** Rows rendered at the end while the viewport has no size yet (not laid out). */
export const TAIL_ROWS = 30;
/** Extra pixels rendered above and below the viewport, so scrolling never shows a gap. */
export const OVERSCAN_PX = 600;

export interface RowWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** Last rendered row (exclusive). */
  end: number;
  /** Height of the rows above `start` (a spacer keeps the scroll geometry). */
  before: number;
  /** Height of the rows from `end` on. */
  after: number;
}

export interface WindowInput {
  /** Every row's height (measured, or estimated when not rendered yet). */
  heights: readonly number[];
  /** Scroll offset within the rows. */
  scrollTop: number;
  /** Viewport height; 0 when not laid out. */
  viewport: number;
  overscan?: number;
  fullRenderMax?: number;
}

function sum(heights: readonly number[], from: number, to: number): number {
  let total = 0;
  for (let i = from; i < to; i++) total += heights[i] ?? 0;
  return total;
}

export function rowWindow({ heights, scrollTop, viewport, overscan = OVERSCAN_PX, fullRenderMax = FULL_RENDER_MAX }: WindowInput): RowWindow {
  const count = heights.length;
  if (count <= fullRenderMax) return { start: 0, end: count, before: 0, after: 0 };
  if (viewport <= 0) {
    const start = Math.max(0, count - TAIL_ROWS);
    return { start, end: count, before: sum(heights, 0, start), after: 0 };
  }
  const top = Math.max(0, scrollTop - overscan);
  const bottom = scrollTop + viewport + overscan;
  let start = 0;
  let offset = 0;
  while (start < count - 1 && offset + (heights[start] ?? 0) <= top) offset += heights[start++] ?? 0;
  const before = offset;
  let end = start;
  while (end < count && offset < bottom) offset += heights[end++] ?? 0;
  return { start, end, before, after: sum(heights, end, count) };
}
