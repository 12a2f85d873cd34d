// Windowing for the timeline: which rows to render (rowWindow.ts) from the measured geometry
// (timelineGeometry.ts), and the per-row measuring the rendered rows register with.
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { RefObject } from 'react';
import { rowWindow } from './rowWindow';
import type { RowWindow } from './rowWindow';
import { TimelineGeometry } from './timelineGeometry';

/** The height assumed for rows never rendered, until some rows have been measured. */
export const ESTIMATED_ROW_PX = 56;

export interface VirtualRows extends RowWindow {
  geometry: TimelineGeometry;
}

export function useVirtualRows(keys: readonly string[], scrollRef: RefObject<HTMLElement | null>, active: boolean): VirtualRows {
  const [geometry] = useState(() => new TimelineGeometry());
  const subscribe = useCallback((onChange: () => void) => geometry.attach(scrollRef.current, onChange), [geometry, scrollRef]);
  const { scrollTop, viewport } = useSyncExternalStore(subscribe, geometry.getSnapshot, geometry.getSnapshot);
  useEffect(() => geometry.connect(), [geometry]);
  const heights = geometry.heightsOf(keys, ESTIMATED_ROW_PX);
  return { ...rowWindow({ heights, scrollTop, viewport: active ? viewport : 0 }), geometry };
}
