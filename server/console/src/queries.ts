// The console's server state, cached by TanStack Query under ['account', account, …] so that one
// invalidation (a `changed` event, or an action's completion) refreshes everything of the account.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountApi } from './api';
import { reportError } from './errors';
import { pollInterval, type LiveMode } from './useLiveUpdates';

export function useAgents(api: AccountApi, account: string) {
  return useQuery({ queryKey: ['account', account, 'agents'], queryFn: api.agents, enabled: !!account });
}

export function useConversations(api: AccountApi, account: string, mode: LiveMode) {
  return useQuery({
    queryKey: ['account', account, 'conversations'],
    queryFn: api.conversations,
    enabled: !!account,
    refetchInterval: pollInterval(mode),
  });
}

export function useConversation(api: AccountApi, account: string, id: string | null, mode: LiveMode) {
  return useQuery({
    queryKey: ['account', account, 'conversation', id],
    queryFn: () => (id ? api.conversation(id) : Promise.resolve(null)),
    enabled: !!account && !!id,
    refetchInterval: pollInterval(mode),
  });
}

export function useSettings(api: AccountApi, account: string, mode: LiveMode) {
  return useQuery({
    queryKey: ['account', account, 'settings'],
    queryFn: api.settings,
    enabled: !!account,
    refetchInterval: pollInterval(mode),
  });
}

/** An agent action: errors go to the banner, and the account's data is refetched afterwards. */
export function useAction<A, R = unknown>(account: string, run: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onError: reportError,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['account', account] }),
  });
}
