// The widget for one chat session: its own query cache, fed by the session, and the UI over it.
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChatSession } from '../core/session';
import { directionOf, pickLanguage, setLanguage } from './i18n';
import { ParleyWidget, type WidgetLayout } from './ParleyWidget';
import { createParleyQueryClient, feedCache } from './sessionCache';
import { SessionContext } from './sessionContext';
import './theme.css';

export interface ParleyAppProps {
  session: ChatSession;
  /** Open the chat window at first render (layout 'page'). */
  initiallyOpen?: boolean;
  /** The visitor's language (BCP 47). The texts use the closest catalogue: English or Hebrew. */
  lang?: string;
  /**
   * 'page' (default): the launcher and the floating window, drawn into the page.
   * 'frame': only the window, filling its iframe; the embedding loader draws the launcher and
   * controls `open` (with `onOpenChange`).
   */
  layout?: WidgetLayout;
  /** Whether the window is open (layout 'frame'). */
  open?: boolean;
  /** The visitor asked to close (or open) the window (layout 'frame'). */
  onOpenChange?: (open: boolean) => void;
}

export function ParleyApp({ session, initiallyOpen = false, lang, layout = 'page', open, onOpenChange }: ParleyAppProps) {
  const [client] = useState(createParleyQueryClient);
  const language = pickLanguage(lang);
  // Before the children render, so every t() of this render reads the widget's language.
  setLanguage(language);
  useEffect(() => feedCache(client, session), [client, session]);
  useEffect(() => () => client.clear(), [client]);
  return (
    <QueryClientProvider client={client}>
      <SessionContext.Provider value={session}>
        <div className="parley" lang={language} dir={directionOf(language)} data-layout={layout}>
          <ParleyWidget layout={layout} initiallyOpen={initiallyOpen} open={open} onOpenChange={onOpenChange} />
        </div>
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
