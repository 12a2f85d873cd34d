// A timeline slot whose height the geometry measures while it is rendered.
import { useLayoutEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import type { TimelineGeometry } from './timelineGeometry';

export function MeasuredRow({ rowKey, geometry, children }: { rowKey: string; geometry: TimelineGeometry; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    return element ? geometry.observeRow(rowKey, element) : undefined;
  }, [geometry, rowKey]);
  return (
    <div ref={ref} className="parley-slot">
      {children}
    </div>
  );
}
