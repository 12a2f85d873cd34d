// Keeps a rendering fault inside one message: the faulty row shows a short notice in place, while
// the rest of the timeline and the composer keep working.
import type { ReactNode } from 'react';
import { FaultBoundary } from './FaultBoundary';
import { t } from './i18n';

export interface MessageErrorBoundaryProps {
  /** Marks the notice like the row it replaces (data-originator, data-sequence). */
  originator: string;
  sequence?: number;
  children: ReactNode;
}

export function MessageErrorBoundary({ originator, sequence, children }: MessageErrorBoundaryProps) {
  const fallback = (
    <div className="parley-row parley-message" data-originator={originator} data-sequence={sequence} data-render-failed="">
      <div className="parley-bubble" data-unsupported="">
        {t('messageRenderFailed')}
      </div>
    </div>
  );
  return (
    <FaultBoundary part="a message" fallback={fallback}>
      {children}
    </FaultBoundary>
  );
}
