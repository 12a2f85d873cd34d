// The launcher and the chat window, and what "the visitor is looking at the chat" means.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ChatWindow } from './ChatWindow';
import { Launcher } from './Launcher';
import { useSession } from './sessionContext';
import { useDocumentVisible } from './useDocumentVisible';
import { useChatView } from './useParleySession';

export type WidgetLayout = 'page' | 'frame';

export interface ParleyWidgetProps {
  layout: WidgetLayout;
  initiallyOpen: boolean;
  /** Controlled open state (layout 'frame'); uncontrolled when undefined. */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

export function ParleyWidget({ layout, initiallyOpen, open: controlled, onOpenChange }: ParleyWidgetProps) {
  const session = useSession();
  const chat = useChatView();
  const [own, setOwn] = useState(initiallyOpen);
  const open = controlled ?? own;
  const visible = useDocumentVisible();
  const launcherRef = useRef<HTMLButtonElement>(null);
  const viewing = open && visible;

  useEffect(() => {
    session.setViewing(viewing);
  }, [session, viewing]);
  useEffect(() => () => session.setViewing(false), [session]);

  const setOpen = useCallback(
    (next: boolean) => {
      setOwn(next);
      onOpenChange?.(next);
    },
    [onOpenChange],
  );
  const close = useCallback(() => {
    setOpen(false);
    launcherRef.current?.focus();
  }, [setOpen]);

  return (
    <>
      <ChatWindow open={open} onClose={close} />
      {layout === 'page' && <Launcher ref={launcherRef} open={open} unread={chat.unread} onToggle={() => setOpen(!open)} />}
    </>
  );
}
