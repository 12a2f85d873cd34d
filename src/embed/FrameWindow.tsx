// The window inside the embed's iframe, with the widget's query cache (the ParleyRoot). This module
// is a chunk of its own (see frame.tsx), fetched right after the app starts: the first load
// carries only what runs before the visitor opens the window (the connection, the state, the
// launcher's unread count and the host's events).
import type { ChatSession } from '../core/session';
import { ChatWindow } from '../ui/ChatWindow';
import { ParleyRoot } from '../ui/ParleyRoot';
import { useViewing } from '../ui/useViewing';

export interface FrameWindowProps {
  session: ChatSession;
  lang: string | undefined;
  theme: Record<string, string> | undefined;
  open: boolean;
  /** The frame covers the viewport: a modal dialog that keeps the focus inside. */
  modal: boolean;
  onClose: () => void;
}

function Viewed({ open, modal, onClose }: Pick<FrameWindowProps, 'open' | 'modal' | 'onClose'>) {
  useViewing(open);
  return <ChatWindow open={open} modal={modal} onClose={onClose} />;
}

export default function FrameWindow({ session, lang, theme, open, modal, onClose }: FrameWindowProps) {
  return (
    <ParleyRoot session={session} lang={lang} theme={theme} layout="frame">
      <Viewed open={open} modal={modal} onClose={onClose} />
    </ParleyRoot>
  );
}
