// The parts of the chat window, each behind its own error boundary: a fault in the header, the
// connection bar, the timeline or the typing line replaces that part with a short notice, and the
// composer (and every other part) keeps working.
import { Children } from 'react';
import type { ReactNode } from 'react';
import { FaultBoundary } from './FaultBoundary';
import { t } from './i18n';
import './IsolatedParts.css';

export function IsolatedParts({ children }: { children: ReactNode }) {
  // Children.map keys each part by its position, so a part that is absent (false) keeps the others' identity.
  return Children.map(children, (part) =>
    part === null || part === undefined ? null : (
      <FaultBoundary
        part="a part of the chat window"
        fallback={
          <p className="parley-part-failed" role="status" data-render-failed="">
            {t('partRenderFailed')}
          </p>
        }
      >
        {part}
      </FaultBoundary>
    ),
  );
}
