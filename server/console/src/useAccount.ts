// The account the console works on: `?account=…` in the URL, changed through the header's field.
import { useCallback, useSyncExternalStore } from 'react';

const read = (): string => new URLSearchParams(window.location.search).get('account')?.trim() ?? '';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
}

export function useAccount(): [string, (account: string) => void] {
  const account = useSyncExternalStore(subscribe, read);
  const setAccount = useCallback((next: string) => {
    const url = new URL(window.location.href);
    url.searchParams.set('account', next.trim());
    window.history.pushState(null, '', url);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, []);
  return [account, setAccount];
}
