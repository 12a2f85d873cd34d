// The chat window: a non-modal dialog with the header, connection bar, timeline and composer.
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Composer } from './Composer';
import { ConfirmEnd } from './ConfirmEnd';
import { ConnectionBar } from './ConnectionBar';
import { Header } from './Header';
import { t } from './i18n';
import { Timeline } from './Timeline';
import { TypingIndicator } from './TypingIndicator';
import { useChatView } from './useParleySession';
import './ChatWindow.css';

export interface ChatWindowProps {
  open: boolean;
  onClose: () => void;
}

export function ChatWindow({ open, onClose }: ChatWindowProps) {
  const chat = useChatView();
  const [confirming, setConfirming] = useState(false);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const conversationOpen = chat.stage === 'open';

  useEffect(() => {
    if (open) composerRef.current?.focus();
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    onClose();
  };
  const finishConfirm = () => {
    setConfirming(false);
    composerRef.current?.focus();
  };

  return (
    <section role="dialog" aria-label={t('windowTitle')} className="parley-window" hidden={!open} onKeyDown={onKeyDown}>
      <Header chat={chat} canEnd={conversationOpen} onEnd={() => setConfirming(true)} onClose={onClose} />
      <ConnectionBar />
      {confirming && conversationOpen && <ConfirmEnd onDone={finishConfirm} />}
      <Timeline chat={chat} active={open} />
      <TypingIndicator chat={chat} />
      <Composer ref={composerRef} />
    </section>
  );
}
