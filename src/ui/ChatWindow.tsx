// The chat window: a dialog with the header, connection bar, timeline and composer; non-modal,
// except when it covers the whole viewport (`modal`): then Tab stays inside it. While it is open
// in a visible tab, the timeline tells the session which agent messages were on screen (read).
import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { Composer } from './Composer';
import { ConnectionBar } from './ConnectionBar';
import { ExpectedReply } from './ExpectedReply';
import { Header } from './Header';
import { useAttach } from './files/useAttach';
import { IsolatedParts } from './boundaries';
import { useI18n } from './i18n';
import { trapTab } from './focusTrap';
import { lazyPart } from './lazyPart';
import { Timeline } from './Timeline';
import { TypingIndicator } from './TypingIndicator';
import { useChatView, useSession } from './useParleySession';
import type { CueSettings } from './WindowMenu';
import './ChatWindow.css';

// Parts shown only after the visitor asked for them or the conversation ended: lazy chunks
// (lazyPart.tsx), each with a box of its size in its place while it loads (ChatWindow.css).
const ConfirmEnd = lazyPart(
  () => import('./ConfirmEnd').then((m) => m.ConfirmEnd),
  () => <div className="parley-confirm-pending" aria-busy="true" />,
);
const EarlierConversations = lazyPart(
  () => import('./EarlierConversations').then((m) => m.EarlierConversations),
  () => <div className="parley-earlier-pending" aria-busy="true" />,
);
const RatingPrompt = lazyPart(
  () => import('./RatingPrompt').then((m) => m.RatingPrompt),
  () => <div className="parley-rating-pending" aria-busy="true" />,
);

export interface ChatWindowProps {
  open: boolean;
  /** The window covers the viewport (full screen in the embed's frame): aria-modal, focus kept inside. */
  modal?: boolean;
  onClose: () => void;
  /** The sound and notification settings for the window's menu (the embed's frame gives them). */
  cues?: CueSettings | undefined;
}

export function ChatWindow({ open, modal = false, onClose, cues }: ChatWindowProps) {
  const chat = useChatView();
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [browsing, setBrowsing] = useState(false);
  const session = useSession();
  const hasEarlier = chat.earlier !== undefined && session.openEarlier !== undefined;
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
  const finishBrowsing = () => {
    setBrowsing(false);
    composerRef.current?.focus();
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
        <Header chat={chat} canEnd={conversationOpen} onEnd={() => setConfirming(true)} onEndIntent={ConfirmEnd.preload} onClose={onClose} cues={cues} />
        <ExpectedReply chat={chat} />
        {hasEarlier && !browsing && (
          <div className="parley-earlier-open">
            <button type="button" className="parley-text-button" onClick={() => setBrowsing(true)} onPointerEnter={EarlierConversations.preload} onFocus={EarlierConversations.preload}>
              {t('earlierConversations', { count: chat.earlier?.length ?? 0 })}
            </button>
          </div>
        )}
        <ConnectionBar />
        {confirming && conversationOpen && <ConfirmEnd onDone={finishConfirm} />}
        {hasEarlier && browsing ? (
          <EarlierConversations chat={chat} onClose={finishBrowsing} />
        ) : (
          <>
            <Timeline chat={chat} active={open} />
            {chat.rating && session.rateConversation && <RatingPrompt chat={chat} />}
            {chat.stage === 'closed' && (
              // The earlier thread stays above; the next message the visitor sends starts a new one.
              <div className="parley-new-conversation">
                <button type="button" className="parley-text-button" onClick={() => composerRef.current?.focus()}>
                  {t('startNewConversation')}
                </button>
              </div>
            )}
          </>
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
