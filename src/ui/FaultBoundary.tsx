// Keeps a rendering fault where it happened: the part that failed shows its fallback in place, the
// rest of the widget keeps working. The one error boundary of the UI (messages, banners, the parts
// of the window).
import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

export interface FaultBoundaryProps {
  /** What failed, for the log: "a message", "a banner", … */
  part: string;
  /** Shown in place of the part once it failed. */
  fallback: ReactNode;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

export class FaultBoundary extends Component<FaultBoundaryProps, State> {
  state: State = { failed: false };

  static getDerivedStateFromError(): State {
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
