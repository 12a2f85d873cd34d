// Windowing for long timelines: only the rows in (or near) the scroll viewport are in the DOM.
// rowWindow is the pure arithmetic (which rows, and the spacer heights); TimelineGeometry is the
// measured geometry as an external store (each rendered row's height through ResizeObserver, the
// scroll offset, the viewport); useVirtualRows joins them for the Timeline, and MeasuredRow is the
// slot each rendered row is measured in.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ReactNode, RefObject } from 'react';

/**
 * Up to this many rows everything is rendered (screen readers and find-in-page see it all); past
 * it, only the rows near the viewport are. A bound on the DOM at all times, also while a long
 * history arrives in notifications of 500 (at most about 100 rows in the DOM), and every commit's
 * layout stays that small.
 */
export const FULL_RENDER_MAX = 100;
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

/**
 * The window after a scroll or a change, moving each edge only when it must (hysteresis): an edge
 * of `previous` stays while it is at least half the overscan beyond the viewport and at most one
 * and a half overscans away. So a view that follows new rows at the bottom renders again when a
 * row is added, not on every scroll step, and the DOM stays within viewport + 3 × overscan.
 */
export function nextWindow(previous: RowWindow | undefined, input: WindowInput): RowWindow {
  const fresh = rowWindow(input);
  const { heights, scrollTop, viewport, overscan = OVERSCAN_PX, fullRenderMax = FULL_RENDER_MAX } = input;
  const count = heights.length;
  if (!previous || count <= fullRenderMax || viewport <= 0 || previous.start >= count || previous.end > count || previous.start >= previous.end) return fresh;
  const startAt = sum(heights, 0, previous.start);
  const endAt = startAt + sum(heights, previous.start, previous.end);
  const rest = sum(heights, previous.end, count);
  const total = endAt + rest;
  const top = scrollTop;
  const bottom = scrollTop + viewport;
  const keepStart = startAt <= Math.max(0, top - overscan / 2) && startAt >= top - overscan * 1.5;
  const keepEnd = endAt >= Math.min(total, bottom + overscan / 2) && endAt <= bottom + overscan * 1.5;
  const start = keepStart ? previous.start : fresh.start;
  const end = keepEnd ? previous.end : fresh.end;
  if (start >= end) return fresh;
  return { start, end, before: keepStart ? startAt : fresh.before, after: keepEnd ? rest : fresh.after };
}

export interface GeometrySnapshot {
  scrollTop: number;
  viewport: number;
  /** Bumped whenever a row's measured height changes. */
  version: number;
}

export class TimelineGeometry {
  private readonly heights = new Map<string, number>();
  private readonly live = new Map<Element, string>();
  private rows: ResizeObserver | undefined;
  private listeners = new Set<() => void>();
  private resized = new Set<() => void>();
  private lastHeights: { keys: readonly string[]; version: number; fallback: number; heights: readonly number[] } | undefined;
  private snapshot: GeometrySnapshot = { scrollTop: 0, viewport: 0, version: 0 };

  readonly getSnapshot = (): GeometrySnapshot => this.snapshot;

  private update(next: Partial<GeometrySnapshot>): void {
    const merged = { ...this.snapshot, ...next };
    const old = this.snapshot;
    if (merged.scrollTop === old.scrollTop && merged.viewport === old.viewport && merged.version === old.version) return;
    this.snapshot = merged;
    for (const listener of [...this.listeners]) listener();
  }

  /** Follows the scroll container; returns the function that stops following it. */
  attach(element: HTMLElement | null, onChange: () => void): () => void {
    this.listeners.add(onChange);
    if (!element) return () => this.listeners.delete(onChange);
    const read = () => this.update({ scrollTop: element.scrollTop, viewport: element.clientHeight });
    read();
    element.addEventListener('scroll', read, { passive: true });
    const viewport = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(read);
    viewport?.observe(element);
    return () => {
      this.listeners.delete(onChange);
      element.removeEventListener('scroll', read);
      viewport?.disconnect();
    };
  }

  /** Starts measuring rows (every row registered so far and from now on); returns the stop function. */
  connect(): () => void {
    if (typeof ResizeObserver === 'undefined') return () => {};
    const rows = new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const key = this.live.get(entry.target);
        const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.target.getBoundingClientRect().height;
        if (key === undefined || height <= 0 || this.heights.get(key) === height) continue;
        this.heights.set(key, height);
        changed = true;
      }
      if (!changed) return;
      this.update({ version: this.snapshot.version + 1 });
      for (const listener of [...this.resized]) listener();
    });
    for (const element of this.live.keys()) rows.observe(element);
    this.rows = rows;
    return () => {
      rows.disconnect();
      if (this.rows === rows) this.rows = undefined;
    };
  }

  /** Calls `listener` after rendered rows changed height (e.g. to stay at the bottom); returns the function that stops. */
  onResize(listener: () => void): () => void {
    this.resized.add(listener);
    return () => this.resized.delete(listener);
  }

  /** Measures a rendered row while it stays rendered; returns the function that stops. */
  observeRow(key: string, element: Element): () => void {
    this.live.set(element, key);
    this.rows?.observe(element);
    return () => {
      this.live.delete(element);
      this.rows?.unobserve(element);
    };
  }

  /**
   * Every row's height: measured, else the average of the measured ones (in whole pixels, so that
   * one more measured row rarely moves the spacers), else `fallback`.
   */
  heightsOf(keys: readonly string[], fallback: number): readonly number[] {
    // Asked again for the same rows with nothing re-measured (scroll steps): the same answer.
    const cached = this.lastHeights;
    if (cached && cached.keys === keys && cached.version === this.snapshot.version && cached.fallback === fallback) return cached.heights;
    const heights = this.computeHeights(keys, fallback);
    this.lastHeights = { keys, version: this.snapshot.version, fallback, heights };
    return heights;
  }

  private computeHeights(keys: readonly string[], fallback: number): number[] {
    let total = 0;
    for (const height of this.heights.values()) total += height;
    const estimate = this.heights.size > 0 ? Math.round(total / this.heights.size) : fallback;
    return keys.map((key) => this.heights.get(key) ?? estimate);
  }
}

/** The height assumed for rows never rendered, until some rows have been measured. */
export const ESTIMATED_ROW_PX = 56;

export interface VirtualRows extends RowWindow {
  geometry: TimelineGeometry;
}

const sameWindow = (a: RowWindow, b: RowWindow) => a.start === b.start && a.end === b.end && a.before === b.before && a.after === b.after;

/**
 * The window over `keys` (at their end while `followEnd`: the view sticks to the bottom),
 * re-rendering the caller only when the window itself changed: a scroll,
 * a resized viewport or a re-measured row that leaves the same rows and spacers renders nothing
 * (while a burst of messages arrives at the bottom, most of them do). Rows that changed height
 * are told through geometry.onResize.
 */
export function useVirtualRows(keys: readonly string[], scrollRef: RefObject<HTMLElement | null>, active: boolean, followEnd: boolean): VirtualRows {
  const [geometry] = useState(() => new TimelineGeometry());
  const subscribe = useCallback((onChange: () => void) => geometry.attach(scrollRef.current, onChange), [geometry, scrollRef]);
  const last = useRef<RowWindow | undefined>(undefined);
  const read = (): RowWindow => {
    const { scrollTop: scrolled, viewport } = geometry.getSnapshot();
    const heights = geometry.heightsOf(keys, ESTIMATED_ROW_PX);
    // Following the end, the window is the end's, where the view is about to be scrolled: new
    // rows render once, at the bottom, not first where the view was and again after the scroll.
    const scrollTop = followEnd ? Math.max(0, heights.reduce((total, h) => total + h, 0) - viewport) : scrolled;
    const next = nextWindow(last.current, { heights, scrollTop, viewport: active ? viewport : 0 });
    if (last.current && sameWindow(last.current, next)) return last.current;
    last.current = next;
    return next;
  };
  const window = useSyncExternalStore(subscribe, read, read);
  useEffect(() => geometry.connect(), [geometry]);
  return { ...window, geometry };
}

/** Something else that follows a rendered row's element (e.g. whether it is on screen: seenRows.ts). */
export interface RowWatcher {
  observe(rowKey: string, element: Element): () => void;
}

/** A timeline slot whose height the geometry measures (and `watch` follows) while it is rendered. */
export function MeasuredRow({ rowKey, geometry, watch, children }: { rowKey: string; geometry: TimelineGeometry; watch?: RowWatcher | undefined; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    return element ? geometry.observeRow(rowKey, element) : undefined;
  }, [geometry, rowKey]);
  useLayoutEffect(() => {
    const element = ref.current;
    return element && watch ? watch.observe(rowKey, element) : undefined;
  }, [watch, rowKey]);
  return (
    <div ref={ref} className="parley-slot" data-row-key={rowKey}>
      {children}
    </div>
  );
}
