// Live updates: the stand-in's Server-Sent Events stream says `changed`, and every query of the
// account is refetched. While the stream is down the queries poll every second instead.
import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';

export type LiveMode = 'connecting' | 'live' | 'polling';

export const POLL_MS = 1000;

export function useLiveUpdates(account: string, streamUrl: string): LiveMode {
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<LiveMode>('connecting');
  useEffect(() => {
    if (!account) return;
    const source = new EventSource(streamUrl);
    const refresh = () => void queryClient.invalidateQueries({ queryKey: ['account', account] });
    source.addEventListener('changed', refresh);
    source.onmessage = refresh;
    source.onopen = () => {
      setMode('live');
      refresh(); // catch up on what changed while the stream was down
    };
    source.onerror = () => setMode('polling');
    return () => {
      source.close();
      setMode('connecting');
    };
  }, [account, streamUrl, queryClient]);
  return mode;
}

export const pollInterval = (mode: LiveMode): number | false => (mode === 'live' ? false : POLL_MS);
