// The launcher and the chat window, drawn into the page.
import { useCallback, useRef, useState } from 'react';
import { ChatWindow } from './ChatWindow';
import { Launcher } from './Launcher';
import { useChatView } from './useParleySession';
import { useViewing } from './useViewing';

export function ParleyWidget({ initiallyOpen }: { initiallyOpen: boolean }) {
  const chat = useChatView();
  const [open, setOpen] = useState(initiallyOpen);
  const launcherRef = useRef<HTMLButtonElement>(null);
  useViewing(open);

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
