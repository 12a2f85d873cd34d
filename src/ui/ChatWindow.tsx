// The chat window: a dialog with the header, connection bar, timeline and composer; non-modal,
// except when it covers the whole viewport (`modal`): then Tab stays inside it. While it is open
// in a visible tab, the session counts the visitor as viewing (agent messages shown are read).
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Composer } from './Composer';
import { ConfirmEnd } from './ConfirmEnd';
import { ConnectionBar } from './ConnectionBar';
import { Header } from './Header';
import { useAttach } from './files/useAttach';
import { IsolatedParts } from './boundaries';
import { useI18n } from './i18n';
import { trapTab } from './focusTrap';
import { Timeline } from './Timeline';
import { TypingIndicator } from './TypingIndicator';
import { useChatView } from './useParleySession';
import { useViewing } from './useViewing';
import './ChatWindow.css';

export interface ChatWindowProps {
  open: boolean;
  /** The window covers the viewport (full screen in the embed's frame): aria-modal, focus kept inside. */
  modal?: boolean;
  onClose: () => void;
}

export function ChatWindow({ open, modal = false, onClose }: ChatWindowProps) {
  const chat = useChatView();
  const { t } = useI18n();
  useViewing(open);
  const [confirming, setConfirming] = useState(false);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const conversationOpen = chat.stage === 'open';
  // Files: the Attach button, a paste into the box, or a drop anywhere on the window.
  const attach = useAttach();

  useEffect(() => {
    if (open) composerRef.current?.focus();
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.defaultPrevented) return;
    if (modal && trapTab(event, event.currentTarget)) return;
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
  const finishConfirm = () => {
    setConfirming(false);
    composerRef.current?.focus();
  };

  return (
    <section
      role="dialog"
      aria-label={t('windowTitle')}
      aria-modal={modal ? true : undefined}
      className="parley-window"
      hidden={!open}
      onKeyDown={onKeyDown}
      data-dragging={attach.dragging || undefined}
      {...attach.dropZone}
    >
      <IsolatedParts>
        <Header chat={chat} canEnd={conversationOpen} onEnd={() => setConfirming(true)} onClose={onClose} />
        <ConnectionBar />
        {confirming && conversationOpen && <ConfirmEnd onDone={finishConfirm} />}
        <Timeline chat={chat} active={open} />
        {chat.stage === 'closed' && (
          // The earlier thread stays above; the next message the visitor sends starts a new one.
          <div className="parley-new-conversation">
            <button type="button" className="parley-text-button" onClick={() => composerRef.current?.focus()}>
              {t('startNewConversation')}
            </button>
          </div>
        )}
        <TypingIndicator chat={chat} />
        {attach.dragging && (
          <p className="parley-drop-hint" aria-hidden="true">
            {t('dropFiles')}
          </p>
        )}
        <Composer ref={composerRef} attach={attach} />
      </IsolatedParts>
    </section>
  );
}
