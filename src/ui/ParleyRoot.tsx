// What every Parley UI sits in: the widget's own query cache fed by the session, the session for
// the mutations, and the root element with the language, direction, layout and theme.
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import type { ChatSession } from '../core/session';
import { directionOf, pickLanguage, setLanguage } from './i18n';
import { createParleyQueryClient, feedCache } from './sessionCache';
import { SessionContext } from './sessionContext';
import './theme.css';

export type WidgetLayout = 'page' | 'frame';

export interface ParleyRootProps {
  session: ChatSession;
  /** The visitor's language (BCP 47). The texts use the closest catalogue: English or Hebrew. */
  lang?: string | undefined;
  /** 'page': launcher and floating window in the page; 'frame': the window filling an iframe. */
  layout: WidgetLayout;
  /** Theme values by custom property name without `--parley-`, e.g. `{ brand: '#0a7' }`. */
  theme?: Record<string, string> | undefined;
  children: ReactNode;
}

const THEME_NAME = /^[a-z][a-z0-9-]{0,40}$/;

/** The theme as custom properties (set through the CSSOM, which a strict CSP allows). */
function themeStyle(theme: Record<string, string> | undefined): CSSProperties | undefined {
  if (!theme) return undefined;
  const style: Record<string, string> = {};
  for (const [name, value] of Object.entries(theme)) {
    if (THEME_NAME.test(name) && typeof value === 'string') style[`--parley-${name}`] = value;
  }
  return style as CSSProperties;
}

export function ParleyRoot({ session, lang, layout, theme, children }: ParleyRootProps) {
  const [client] = useState(createParleyQueryClient);
  const language = pickLanguage(lang);
  // Before the children render, so every t() of this render reads the widget's language.
  setLanguage(language, lang);
  useEffect(() => feedCache(client, session), [client, session]);
  useEffect(() => () => client.clear(), [client]);
  return (
    <QueryClientProvider client={client}>
      <SessionContext.Provider value={session}>
        <div className="parley" lang={language} dir={directionOf(language)} data-layout={layout} style={themeStyle(theme)}>
          {children}
        </div>
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
