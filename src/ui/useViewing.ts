// Tells the session whether the visitor is looking at the chat: the window is open in a visible tab
// (Page Visibility API).
import { useEffect, useSyncExternalStore } from 'react';
import { useSession } from './useParleySession';

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const isVisible = () => document.visibilityState === 'visible';

export function useViewing(open: boolean): void {
  const session = useSession();
  const visible = useSyncExternalStore(subscribe, isVisible, () => true);
  const viewing = open && visible;
  useEffect(() => {
    session.setViewing(viewing);
  }, [session, viewing]);
  useEffect(() => () => session.setViewing(false), [session]);
}
