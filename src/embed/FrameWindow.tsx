// The chat window inside the embed's iframe: the window's code chunk, which frame.tsx loads on the
// visitor's intent (hover, focus or touch of the launcher, or opening).
import type { ChatSession } from '../core/session';
import type { CueSettings } from './attention';
import { ChatWindow } from '../ui/ChatWindow';
import { ParleyRoot } from '../ui/ParleyRoot';

export interface FrameWindowProps {
  session: ChatSession;
  lang: string | undefined;
  theme: Record<string, string> | undefined;
  open: boolean;
  /** The frame covers the viewport: a modal dialog that keeps the focus inside. */
  modal: boolean;
  onClose: () => void;
  /** The sound and notification settings the window's menu shows. */
  cues?: CueSettings | undefined;
}

export default function FrameWindow({ session, lang, theme, open, modal, onClose, cues }: FrameWindowProps) {
  return (
    <ParleyRoot session={session} lang={lang} theme={theme}>
      <ChatWindow open={open} modal={modal} onClose={onClose} cues={cues} />
    </ParleyRoot>
  );
}
