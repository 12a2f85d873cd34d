// The launcher and the chat window, and what "the visitor is looking at the chat" means.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ChatWindow } from './ChatWindow';
import { Launcher } from './Launcher';
import { useSession } from './sessionContext';
import { useDocumentVisible } from './useDocumentVisible';
import { useChatView } from './useParleySession';

export function ParleyWidget({ initiallyOpen }: { initiallyOpen: boolean }) {
  const session = useSession();
  const chat = useChatView();
  const [open, setOpen] = useState(initiallyOpen);
  const visible = useDocumentVisible();
  const launcherRef = useRef<HTMLButtonElement>(null);
  const viewing = open && visible;

  useEffect(() => {
    session.setViewing(viewing);
  }, [session, viewing]);
  useEffect(() => () => session.setViewing(false), [session]);

  const close = useCallback(() => {
    setOpen(false);
    launcherRef.current?.focus();
  }, []);

  return (
    <>
      <ChatWindow open={open} onClose={close} />
      <Launcher ref={launcherRef} open={open} unread={chat.unread} onToggle={() => setOpen((o) => !o)} />
    </>
  );
}
