// Which timeline rows the visitor saw, for READ receipts (ChatSession.markSeen): a row counts once
// at least half of it is inside the timeline's scroll viewport (or, for a bubble taller than that,
// it fills half the viewport) while the window is open in a visible tab (Page Visibility). Measured
// with an IntersectionObserver rooted at the timeline; a row not in the DOM (windowed out, the window
// hidden) is not seen. Each row is reported once per SeenRows.
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RefObject } from 'react';
import { useSession } from './useParleySession';

/** The share of a row (or of the viewport, for a taller row) that must be on screen. */
export const SEEN_SHARE = 0.5;
const THRESHOLDS = Array.from({ length: 21 }, (_, i) => i / 20);

function onScreen(entry: IntersectionObserverEntry): boolean {
  if (!entry.isIntersecting) return false;
  const viewport = entry.rootBounds?.height ?? 0;
  return entry.intersectionRatio >= SEEN_SHARE || (viewport > 0 && entry.intersectionRect.height >= viewport * SEEN_SHARE);
}

export class SeenRows {
  private readonly elements = new Map<Element, string>();
  private readonly visible = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private observer: IntersectionObserver | undefined;
  private looking = false;
  private version = 0;

  constructor(private readonly report: (rowKeys: string[]) => void) {}

  readonly getVersion = (): number => this.version;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  has(rowKey: string): boolean {
    return this.seen.has(rowKey);
  }

  /** The window is open in a visible tab (rows on screen now count as seen). */
  setLooking(looking: boolean): void {
    this.looking = looking;
    this.commit();
  }

  /**
   * Watches rows inside `root` (the scroll container). Without IntersectionObserver (very old
   * browsers) every rendered row counts as on screen, as the window showed them.
   */
  connect(root: Element | null): () => void {
    if (typeof IntersectionObserver === 'undefined') {
      for (const key of this.elements.values()) this.visible.add(key);
      this.commit();
      return () => {};
    }
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          const key = this.elements.get(entry.target);
          if (key === undefined) continue;
          if (onScreen(entry)) this.visible.add(key);
          else this.visible.delete(key);
        }
        this.commit();
      },
      { root, threshold: THRESHOLDS },
    );
    for (const element of this.elements.keys()) observer.observe(element);
    this.observer = observer;
    return () => {
      observer.disconnect();
      if (this.observer === observer) this.observer = undefined;
    };
  }

  /** Watches one rendered row while it stays rendered; returns the function that stops. */
  observe(rowKey: string, element: Element): () => void {
    this.elements.set(element, rowKey);
    if (this.observer) this.observer.observe(element);
    else if (typeof IntersectionObserver === 'undefined') {
      this.visible.add(rowKey);
      this.commit();
    }
    return () => {
      this.elements.delete(element);
      this.observer?.unobserve(element);
      this.visible.delete(rowKey);
    };
  }

  private commit(): void {
    if (!this.looking) return;
    const fresh = [...this.visible].filter((key) => !this.seen.has(key));
    if (fresh.length === 0) return;
    for (const key of fresh) this.seen.add(key);
    this.version++;
    this.report(fresh);
    for (const listener of [...this.listeners]) listener();
  }
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const isVisible = () => document.visibilityState === 'visible';

/**
 * The SeenRows of a timeline: tells the session (markSeen) while `open` and the tab is visible.
 * It does not re-render the caller when rows become seen: a part that shows what was seen
 * subscribes to the SeenRows itself (NewMessages.tsx).
 */
export function useSeenRows(scrollRef: RefObject<HTMLElement | null>, open: boolean): SeenRows {
  const session = useSession();
  const [rows] = useState(() => new SeenRows((keys) => session.markSeen(keys)));
  const visible = useSyncExternalStore(subscribeVisibility, isVisible, () => true);
  useEffect(() => rows.connect(scrollRef.current), [rows, scrollRef]);
  useEffect(() => rows.setLooking(open && visible), [rows, open, visible]);
  return rows;
}
