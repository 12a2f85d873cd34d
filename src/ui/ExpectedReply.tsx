// While the conversation waits for an agent: when a reply can be expected (the view's
// expectedReply, updated as the server changes it), and "Mark as urgent" where the session offers it.
import { useEffect, useState } from 'react';
import type { ChatView } from '../core/model';
import { useI18n } from './i18n';
import { errorText, expectedReplyText } from './text';
import { useMarkUrgent, useSession } from './useParleySession';
import './ExpectedReply.css';

/** How often the wording is renewed (an "away until" or "by" time passing). */
const TICK_MS = 30_000;

/** The current time, renewed every TICK_MS while `active`. */
function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    const first = setTimeout(tick, 0); // the window may have been mounted long before
    const id = setInterval(tick, TICK_MS);
    return () => {
      clearTimeout(first);
      clearInterval(id);
    };
  }, [active]);
  return now;
}

export function ExpectedReply({ chat }: { chat: ChatView }) {
  const now = useNow(chat.expectedReply !== undefined);
  const translator = useI18n();
  const { t } = translator;
  const session = useSession();
  const urgent = useMarkUrgent();
  const reply = chat.expectedReply;
  if (!reply) return null;
  const text = expectedReplyText(translator, reply, now);
  const canMark = session.markUrgent !== undefined;
  if (!text && !canMark) return null;
  return (
    <div className="parley-expected" role="status">
      {text && <p className="parley-expected-text">{text}</p>}
      {canMark &&
        (reply.urgent ? (
          <p className="parley-expected-urgent">{t('markedUrgent')}</p>
        ) : (
          <button type="button" className="parley-text-button" disabled={urgent.isPending} onClick={() => urgent.mutate()}>
            {t('markUrgent')}
          </button>
        ))}
      {urgent.isError && (
        <p role="alert" className="parley-expected-error">
          {t('markUrgentFailed', { reason: errorText(t, urgent.error) })}
        </p>
      )}
    </div>
  );
}
