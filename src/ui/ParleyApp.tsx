// The widget for one chat session drawn into the page: the launcher and the floating window.
// (The script tag embed draws the launcher itself and runs the window in an iframe: src/embed.)
import type { ChatSession } from '../core/session';
import { ParleyRoot } from './ParleyRoot';
import { ParleyWidget } from './ParleyWidget';

export interface ParleyAppProps {
  session: ChatSession;
  /** Open the chat window at first render. */
  initiallyOpen?: boolean;
  /** The visitor's language (BCP 47). The texts use the closest catalogue: English or Hebrew. */
  lang?: string;
  /** Theme values by custom property name without `--parley-`, e.g. `{ brand: '#0a7' }`. */
  theme?: Record<string, string>;
}

export function ParleyApp({ session, initiallyOpen = false, lang, theme }: ParleyAppProps) {
  return (
    <ParleyRoot session={session} lang={lang} theme={theme} layout="page">
      <ParleyWidget initiallyOpen={initiallyOpen} />
    </ParleyRoot>
  );
}
