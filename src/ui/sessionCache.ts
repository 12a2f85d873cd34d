// The widget's own TanStack Query cache, fed by the chat session. One QueryClient per widget
// instance (never a global one: the host page may use react-query too). Snapshots are pushed in
// with setQueryData; nothing is ever fetched, so nothing is refetched on focus or reconnect.
import { QueryClient } from '@tanstack/react-query';
import type { ChatSession, SessionSnapshot } from '../core/session';

export const chatKey = ['parley', 'chat'] as const;
export const connectionKey = ['parley', 'connection'] as const;

export function createParleyQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        gcTime: Infinity,
        retry: false,
        refetchOnMount: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        networkMode: 'always',
      },
      // The session queues while offline: mutations must reach it at once, and never be retried
      // by react-query (the session owns retries; a second send would duplicate the message).
      mutations: { networkMode: 'always', retry: false },
    },
  });
}

/** Writes one session snapshot into the cache. */
export function writeSnapshot(client: QueryClient, snapshot: SessionSnapshot): void {
  client.setQueryData(chatKey, snapshot.chat);
  client.setQueryData(connectionKey, snapshot.connection);
}

/** Seeds the cache with the session's current snapshot and keeps it fed; returns the unsubscribe. */
export function feedCache(client: QueryClient, session: ChatSession): () => void {
  writeSnapshot(client, session.getSnapshot());
  return session.subscribe((snapshot) => writeSnapshot(client, snapshot));
}
