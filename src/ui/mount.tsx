// Mounts the widget for a chat session into an element of the host page.
import { createRoot } from 'react-dom/client';
import type { ChatSession } from '../core/session';
import { ParleyApp } from './ParleyApp';

export interface MountOptions {
  /** Open the chat window at once. */
  open?: boolean;
  /** The visitor's language (BCP 47). */
  lang?: string;
}

export interface MountedParley {
  /** Removes the widget and stops the session. */
  unmount(): void;
}

/**
 * Renders the widget into `element` and starts the session; `unmount()` removes it and stops the
 * session (for good). Each call has its own query cache, so several widgets can share a page.
 */
export function mountParley(element: HTMLElement, session: ChatSession, options: MountOptions = {}): MountedParley {
  const root = createRoot(element);
  root.render(<ParleyApp session={session} initiallyOpen={options.open ?? false} lang={options.lang} />);
  session.start();
  let mounted = true;
  return {
    unmount() {
      if (!mounted) return;
      mounted = false;
      root.unmount();
      session.stop();
    },
  };
}
