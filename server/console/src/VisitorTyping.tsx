// "Visitor is typing…" under the transcript: from the consumer's latest ChatStateEvent (COMPOSING
// until another state arrives; the widget sends PAUSE or ACTIVE when the visitor stops), for at most
// TYPING_TIMEOUT_MS after it, as the widget treats an agent's.
import { useEffect, useState } from 'react';
import type { ConversationSummary } from './types';

export const TYPING_TIMEOUT_MS = 30_000;

export function VisitorTyping({ state }: { state: ConversationSummary['visitorChatState'] }) {
  const composing = state?.chatState === 'COMPOSING';
  const at = state?.at ?? 0;
  const [expired, setExpired] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (!composing) return;
    const id = setTimeout(() => setExpired(at), Math.max(0, at + TYPING_TIMEOUT_MS - Date.now()));
    return () => clearTimeout(id);
  }, [composing, at]);
  const shown = composing && expired !== at;
  return (
    <p className="visitor-typing" aria-live="polite">
      {shown ? 'Visitor is typing…' : ''}
    </p>
  );
}
