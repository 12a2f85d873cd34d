// The visitor's earlier conversations (the view's `earlier`, where the session offers openEarlier):
// a list, newest first, each with its date, agent and last message (20 at a time); opening one shows
// its transcript read-only, loaded then, and stops following it when closed. "Start a new
// conversation" (or "Back to the chat" while one is open) is always there.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ChatView, EarlierConversation, TimelineRow } from '../core/model';
import { sessionError } from '../core/session';
import { MessageBubble } from './MessageBubble';
import { useI18n, type Translator } from './i18n';
import { agentName, errorText } from './text';
import { useSession } from './useParleySession';
import './EarlierConversations.css';

/** How many entries the list shows at first, and more with each "Show more". */
export const EARLIER_PAGE = 20;

const noop = () => undefined;

function dateText(translator: Translator, at: number): string {
  try {
    return new Intl.DateTimeFormat(translator.language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  } catch {
    return translator.formatTime(at);
  }
}

function Transcript({ entry, chat, onBack }: { entry: EarlierConversation; chat: ChatView; onBack: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const session = useSession();
  const [failure, setFailure] = useState<unknown>(undefined);
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    backRef.current?.focus();
    const opened = session.openEarlier?.(entry.id) ?? { loaded: Promise.reject(sessionError('notFound', 'no history')), close: noop };
    let live = true;
    opened.loaded.catch((error: unknown) => live && setFailure(error ?? new Error('unknown')));
    return () => {
      live = false;
      opened.close();
    };
  }, [session, entry.id]);
  const rows = (entry.rows ?? []).filter((r): r is Extract<TimelineRow, { kind: 'message' }> => r.kind === 'message');
  return (
    <div className="parley-earlier-transcript">
      <button ref={backRef} type="button" className="parley-text-button" onClick={onBack}>
        {t('earlierBackToList')}
      </button>
      <h3 className="parley-earlier-heading">
        {dateText(translator, entry.endedAt)}
        {entry.agentId !== undefined && ` · ${t('earlierWith', { name: agentName(t, chat.names, entry.agentId) })}`}
      </h3>
      <p className="parley-earlier-note">{t('earlierReadOnly')}</p>
      {failure !== undefined ? (
        <p role="alert">{t('earlierFailed', { reason: errorText(t, failure) })}</p>
      ) : entry.rows === undefined ? (
        <p role="status">{t('earlierLoading')}</p>
      ) : (
        <div role="log" aria-label={t('logLabel')} className="parley-earlier-log">
          {rows.map((row) => (
            <MessageBubble
              key={row.key}
              row={row}
              senderName={row.originator === 'agent' ? agentName(t, chat.names, row.participantId) : undefined}
              showTime
              showQuickReplies={false}
              onRetry={noop}
              onQuickReply={noop}
            />
          ))}
        </div>
      )}
    </div>
  );
}

export function EarlierConversations({ chat, onClose }: { chat: ChatView; onClose: () => void }) {
  const translator = useI18n();
  const { t } = translator;
  const titleId = useId();
  const [shown, setShown] = useState(EARLIER_PAGE);
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const all = useMemo(() => chat.earlier ?? [], [chat.earlier]);
  const opened = openId === undefined ? undefined : all.find((e) => e.id === openId);
  return (
    <section className="parley-earlier" aria-labelledby={titleId}>
      <div className="parley-earlier-bar">
        <h2 id={titleId} className="parley-earlier-title">
          {t('earlierTitle')}
        </h2>
        <button type="button" className="parley-text-button" onClick={onClose}>
          {chat.stage === 'open' ? t('earlierClose') : t('startNewConversation')}
        </button>
      </div>
      {opened ? (
        <Transcript entry={opened} chat={chat} onBack={() => setOpenId(undefined)} />
      ) : (
        <>
          <ul className="parley-earlier-list">
            {all.slice(0, shown).map((e) => {
              const date = dateText(translator, e.endedAt);
              return (
                <li key={e.id}>
                  <button type="button" className="parley-earlier-item" aria-label={t('earlierOpen', { date })} onClick={() => setOpenId(e.id)}>
                    <span className="parley-earlier-date">{date}</span>
                    {e.agentId !== undefined && <span className="parley-earlier-agent">{t('earlierWith', { name: agentName(t, chat.names, e.agentId) })}</span>}
                    <span className="parley-earlier-last" dir="auto">
                      {e.lastMessage?.text ?? t('earlierNoMessage')}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {all.length > shown && (
            <button type="button" className="parley-text-button parley-earlier-more" onClick={() => setShown((n) => n + EARLIER_PAGE)}>
              {t('earlierShowMore')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
