import { describe, expect, it } from 'vitest';
import { FULL_RENDER_MAX, OVERSCAN_PX, TAIL_ROWS, nextWindow, rowWindow, type RowWindow } from './windowing';

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

describe('nextWindow', () => {
  const covers = (w: RowWindow, heights: number[], top: number, viewport: number) => {
    const startAt = heights.slice(0, w.start).reduce((a, b) => a + b, 0);
    const endAt = startAt + heights.slice(w.start, w.end).reduce((a, b) => a + b, 0);
    const total = heights.reduce((a, b) => a + b, 0);
    return startAt <= top && endAt >= Math.min(total, top + viewport) && w.before === startAt && Math.abs(w.before + (endAt - startAt) + w.after - total) < 1e-6;
  };

  it('follows rows added at the bottom, moving its top edge once per several rows, not per row', () => {
    const viewport = 600;
    const heights = even(500, 50);
    let w: RowWindow | undefined;
    let renders = 0;
    let startMoves = 0;
    for (let added = 0; added < 300; added++) {
      heights.push(50);
      const total = heights.length * 50;
      // The row is added (a render), then the view scrolls to the new bottom.
      for (const scrollTop of [total - 50 - viewport, total - viewport]) {
        const next = nextWindow(w, { heights, scrollTop, viewport });
        if (w && next.start !== w.start) startMoves++;
        if (!w || next.start !== w.start || next.end !== w.end || next.before !== w.before || next.after !== w.after) renders++;
        w = next;
        expect(covers(w, heights, scrollTop, viewport)).toBe(true);
        expect(w.end - w.start).toBeLessThanOrEqual((viewport + 3 * OVERSCAN_PX) / 50 + 2);
      }
    }
    // One render per added row (its own), plus a move of the top edge every half overscan's worth
    // of rows (rowWindow alone moves it on every scroll step: 600 times here).
    expect(startMoves).toBeLessThanOrEqual(Math.ceil((300 * 50) / (OVERSCAN_PX / 2)) + 1);
    expect(renders).toBeLessThanOrEqual(300 + startMoves + 1);
  });

  it('always covers the viewport, whatever the scroll', () => {
    const heights = Array.from({ length: 3_000 }, (_, i) => 20 + ((i * 37) % 90));
    const total = heights.reduce((a, b) => a + b, 0);
    let w: RowWindow | undefined;
    let seed = 7;
    for (let i = 0; i < 500; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      const scrollTop = i % 5 === 0 ? seed % (total - 400) : Math.max(0, Math.min(total - 400, (w?.before ?? 0) + ((seed % 900) - 450)));
      w = nextWindow(w, { heights, scrollTop, viewport: 400 });
      expect(covers(w, heights, scrollTop, 400), `scrollTop ${scrollTop}`).toBe(true);
    }
  });

  it('is rowWindow for short timelines and a viewport without size', () => {
    const short = even(FULL_RENDER_MAX);
    expect(nextWindow({ start: 3, end: 9, before: 150, after: 0 }, { heights: short, scrollTop: 0, viewport: 400 })).toEqual(rowWindow({ heights: short, scrollTop: 0, viewport: 400 }));
    const long = even(10_000);
    expect(nextWindow({ start: 3, end: 9, before: 150, after: 0 }, { heights: long, scrollTop: 0, viewport: 0 })).toEqual(rowWindow({ heights: long, scrollTop: 0, viewport: 0 }));
  });
});
