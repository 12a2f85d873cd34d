// The widget for one chat session: its own query cache, fed by the session, and the UI over it.
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ChatSession } from '../core/session';
import { pickLanguage } from './i18n';
import { ParleyWidget } from './ParleyWidget';
import { createParleyQueryClient, feedCache } from './sessionCache';
import { SessionContext } from './sessionContext';
import './theme.css';

export interface ParleyAppProps {
  session: ChatSession;
  /** Open the chat window at first render. */
  initiallyOpen?: boolean;
  /** The visitor's language (BCP 47). The widget's texts use the closest catalogue (English for now). */
  lang?: string;
}

export function ParleyApp({ session, initiallyOpen = false, lang }: ParleyAppProps) {
  const [client] = useState(createParleyQueryClient);
  useEffect(() => feedCache(client, session), [client, session]);
  useEffect(() => () => client.clear(), [client]);
  return (
    <QueryClientProvider client={client}>
      <SessionContext.Provider value={session}>
        <div className="parley" lang={pickLanguage(lang)}>
          <ParleyWidget initiallyOpen={initiallyOpen} />
        </div>
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
