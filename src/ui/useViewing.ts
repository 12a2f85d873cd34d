// Tells the session whether the visitor is looking at the chat: the window is open in a visible tab.
import { useEffect } from 'react';
import { useSession } from './sessionContext';
import { useDocumentVisible } from './useDocumentVisible';

export function useViewing(open: boolean): void {
  const session = useSession();
  const visible = useDocumentVisible();
  const viewing = open && visible;
  useEffect(() => {
    session.setViewing(viewing);
  }, [session, viewing]);
  useEffect(() => () => session.setViewing(false), [session]);
}
