// Keeps a rendering fault inside one message: the faulty row shows a short notice in place, while
// the rest of the timeline and the composer keep working.
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';
import { t } from './i18n';

export interface MessageErrorBoundaryProps {
  /** Marks the notice like the row it replaces (data-originator, data-sequence). */
  originator: string;
  sequence?: number;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

export class MessageErrorBoundary extends Component<MessageErrorBoundaryProps, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Never the message itself: it came from the network and may hold anything.
    const reason = error instanceof Error ? error.name : typeof error;
    console.warn(`Parley: a message could not be rendered (${reason})`, info.componentStack ?? '');
  }

  render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="parley-row parley-message" data-originator={this.props.originator} data-sequence={this.props.sequence} data-render-failed="">
        <div className="parley-bubble" data-unsupported="">
          {t('messageRenderFailed')}
        </div>
      </div>
    );
  }
}
