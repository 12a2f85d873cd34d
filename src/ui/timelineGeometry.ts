// The timeline's measured geometry, as an external store for useSyncExternalStore: each rendered
// row's height (ResizeObserver), the scroll offset and the viewport height. No React in here.

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
      if (changed) this.update({ version: this.snapshot.version + 1 });
    });
    for (const element of this.live.keys()) rows.observe(element);
    this.rows = rows;
    return () => {
      rows.disconnect();
      if (this.rows === rows) this.rows = undefined;
    };
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

  /** Every row's height: measured, else the average of the measured ones, else `fallback`. */
  heightsOf(keys: readonly string[], fallback: number): number[] {
    let total = 0;
    for (const height of this.heights.values()) total += height;
    const estimate = this.heights.size > 0 ? total / this.heights.size : fallback;
    return keys.map((key) => this.heights.get(key) ?? estimate);
  }
}
