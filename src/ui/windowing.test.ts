import { describe, expect, it } from 'vitest';
import { FULL_RENDER_MAX, TAIL_ROWS, rowWindow } from './windowing';

const even = (count: number, height = 50) => Array.from({ length: count }, () => height);

describe('rowWindow', () => {
  it('renders everything up to FULL_RENDER_MAX rows', () => {
    expect(rowWindow({ heights: even(FULL_RENDER_MAX), scrollTop: 0, viewport: 400 })).toEqual({ start: 0, end: FULL_RENDER_MAX, before: 0, after: 0 });
  });

  it('renders the tail while the viewport has no size', () => {
    const w = rowWindow({ heights: even(10_000), scrollTop: 0, viewport: 0 });
    expect(w).toEqual({ start: 10_000 - TAIL_ROWS, end: 10_000, before: (10_000 - TAIL_ROWS) * 50, after: 0 });
  });

  it('renders the rows in the viewport plus the overscan, with spacers for the rest', () => {
    const heights = even(10_000);
    const w = rowWindow({ heights, scrollTop: 100_000, viewport: 500, overscan: 250 });
    // Rows covering 99_750 … 100_750 px: 1995 … 2015.
    expect(w).toEqual({ start: 1995, end: 2015, before: 1995 * 50, after: (10_000 - 2015) * 50 });
    expect(w.before + (w.end - w.start) * 50 + w.after).toBe(10_000 * 50);
  });

  it('handles uneven heights, the top and the bottom', () => {
    const heights = [...even(700, 20), 1000, ...even(299, 20)];
    const top = rowWindow({ heights, scrollTop: 0, viewport: 100, overscan: 0 });
    expect([top.start, top.end, top.before]).toEqual([0, 5, 0]);
    // The tall row 700 spans 14_000 … 15_000.
    const mid = rowWindow({ heights, scrollTop: 14_500, viewport: 100, overscan: 0 });
    expect([mid.start, mid.end, mid.before]).toEqual([700, 701, 14_000]);
    const total = heights.reduce((a, b) => a + b, 0);
    const bottom = rowWindow({ heights, scrollTop: total - 100, viewport: 100, overscan: 0 });
    expect([bottom.end, bottom.after]).toEqual([1000, 0]);
    expect(bottom.end - bottom.start).toBe(5);
  });

  it('never renders more than viewport + overscan worth of rows', () => {
    const heights = even(10_000, 40);
    for (const scrollTop of [0, 1234, 200_000, 399_600, 10_000_000]) {
      const w = rowWindow({ heights, scrollTop, viewport: 600, overscan: 600 });
      expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil((600 + 2 * 600) / 40) + 2);
      expect(w.end).toBeGreaterThan(w.start);
    }
  });
});
