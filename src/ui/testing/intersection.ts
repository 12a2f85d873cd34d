// A controllable IntersectionObserver for component tests (jsdom lays nothing out): the test says
// how much of a row is on screen and the observers watching it are told, with the entry fields a
// browser fills. Installed with vi.stubGlobal; the real one runs in the Chromium e2e tests.
import { vi } from 'vitest';

type Callback = (entries: IntersectionObserverEntry[], observer: IntersectionObserver) => void;

export interface Intersections {
  /** Tells every observer watching `element` that `share` of it (0…1) is on screen, the element being `height` px tall in a `viewport` px root. */
  show(element: Element, share: number, options?: { height?: number; viewport?: number }): void;
  /** The elements observed now. */
  observed(): Element[];
}

export function installIntersections(): Intersections {
  const observers = new Set<{ callback: Callback; targets: Set<Element>; self: IntersectionObserver }>();
  class TestIntersectionObserver {
    readonly root = null;
    readonly rootMargin = '0px';
    readonly thresholds = [0];
    private readonly record: { callback: Callback; targets: Set<Element>; self: IntersectionObserver };
    constructor(callback: Callback) {
      this.record = { callback, targets: new Set(), self: this as unknown as IntersectionObserver };
      observers.add(this.record);
    }
    observe(element: Element) {
      this.record.targets.add(element);
    }
    unobserve(element: Element) {
      this.record.targets.delete(element);
    }
    disconnect() {
      this.record.targets.clear();
      observers.delete(this.record);
    }
    takeRecords() {
      return [];
    }
  }
  vi.stubGlobal('IntersectionObserver', TestIntersectionObserver);
  return {
    show(element, share, { height = 40, viewport = 400 } = {}) {
      const rect = (h: number) => ({ x: 0, y: 0, top: 0, left: 0, right: 100, bottom: h, width: 100, height: h, toJSON: () => ({}) }) as DOMRectReadOnly;
      const entry = {
        target: element,
        isIntersecting: share > 0,
        intersectionRatio: share,
        intersectionRect: rect(height * share),
        boundingClientRect: rect(height),
        rootBounds: rect(viewport),
        time: 0,
      } as IntersectionObserverEntry;
      for (const o of [...observers]) if (o.targets.has(element)) o.callback([entry], o.self);
    },
    observed: () => [...observers].flatMap((o) => [...o.targets]),
  };
}
