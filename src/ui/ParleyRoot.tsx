// What every Parley UI sits in: the session (read as an external store by the hooks), the
// widget's own query client for the actions' mutations (never the host page's), the widget's
// language, and the root element with its direction and theme.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import type { ChatSession } from '../core/session';
import { createTranslator, I18nContext } from './i18n';
import { RichSessionContext } from './rich/LazyRichContent';
import { SessionContext } from './useParleySession';
import './theme.css';

export interface ParleyRootProps {
  session: ChatSession;
  /** The visitor's language (BCP 47). The texts use the closest catalogue: English or Hebrew. */
  lang?: string | undefined;
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

/**
 * The session owns retries and queues while offline: mutations reach it at once (networkMode
 * 'always') and are never retried by react-query (a second send would duplicate the message).
 */
function createMutationClient(): QueryClient {
  return new QueryClient({ defaultOptions: { mutations: { networkMode: 'always', retry: false } } });
}

export function ParleyRoot({ session, lang, theme, children }: ParleyRootProps) {
  const [client] = useState(createMutationClient);
  const translator = useMemo(() => createTranslator(lang), [lang]);
  return (
    <QueryClientProvider client={client}>
      <SessionContext.Provider value={session}>
        <RichSessionContext.Provider value={session}>
          <I18nContext.Provider value={translator}>
            <div className="parley" lang={translator.language} dir={translator.dir} style={themeStyle(theme)}>
              {children}
            </div>
          </I18nContext.Provider>
        </RichSessionContext.Provider>
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
