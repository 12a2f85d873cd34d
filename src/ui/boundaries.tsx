// Keeps a rendering fault where it happened: the part that failed shows a short notice in place and
// the rest of the widget keeps working. FaultBoundary is the one error boundary; the others are its
// fallbacks for a message, a banner, and each part of the chat window (so the composer survives).
import { Children, Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import type { TimelineRow } from '../core/model';
import { useI18n } from './i18n';
import './boundaries.css';

export interface FaultBoundaryProps {
  /** What failed, for the log: "a message", "a banner", … */
  part: string;
  /** Shown in place of the part once it failed. */
  fallback: ReactNode;
  children: ReactNode;
}

export class FaultBoundary extends Component<FaultBoundaryProps, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Never the error's message: it may quote data that came from the network.
    const reason = error instanceof Error ? error.name : typeof error;
    console.warn(`Parley: ${this.props.part} could not be rendered (${reason})`, info.componentStack ?? '');
  }

  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** One message: the faulty row shows a notice marked like the row it replaces (data-originator, data-sequence). */
export function MessageBoundary({ originator, sequence, children }: { originator: string; sequence?: number | undefined; children: ReactNode }) {
  const { t } = useI18n();
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

/** One banner row. */
export function BannerBoundary({ banner, children }: { banner: Extract<TimelineRow, { kind: 'banner' }>['banner']; children: ReactNode }) {
  const { t } = useI18n();
  const fallback = (
    <div className="parley-row parley-banner" data-originator="system" data-banner={banner.type} data-render-failed="">
      <p>{t('partRenderFailed')}</p>
    </div>
  );
  return (
    <FaultBoundary part="a banner" fallback={fallback}>
      {children}
    </FaultBoundary>
  );
}

/** Each child (a part of the chat window) behind its own boundary. */
export function IsolatedParts({ children }: { children: ReactNode }) {
  const { t } = useI18n();
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
