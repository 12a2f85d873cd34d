// What the conversation list tells an agent beyond the conversations themselves: which have a
// visitor's message the agent has not opened (unread), and that a conversation started waiting
// (an alert, and the count in the page's title).
import { useEffect, useState } from 'react';
import type { ConversationSummary } from './types';

/**
 * Ids of conversations whose last message is the visitor's and came after the agent last had the
 * conversation open. The open one is never unread; what it shows counts as seen.
 */
export function useUnread(conversations: readonly ConversationSummary[], selectedId: string | null): ReadonlySet<string> {
  const [seen, setSeen] = useState<ReadonlyMap<string, number>>(new Map());
  const selectedSeq = conversations.find((c) => c.id === selectedId)?.lastMessage?.sequence;
  // Adjusted while rendering (React's pattern for state derived from props): no extra commit.
  if (selectedId !== null && selectedSeq !== undefined && (seen.get(selectedId) ?? -1) < selectedSeq) {
    setSeen(new Map(seen).set(selectedId, selectedSeq));
  }
  const unread = new Set<string>();
  for (const c of conversations) {
    const last = c.lastMessage;
    if (c.id !== selectedId && last?.role === 'CONSUMER' && last.sequence > (seen.get(c.id) ?? -1)) unread.add(c.id);
  }
  return unread;
}

interface Waiting {
  /** The waiting ids last rendered, space-separated; undefined before the list first loaded. */
  key: string | undefined;
  /** The conversation the alert is about (the newest to start waiting); null for no alert. */
  alertId: string | null;
}

/**
 * The alert for conversations that started waiting since the list was first loaded (those waiting
 * then are not news), kept until none waits; and "(N waiting)" ahead of the page's title.
 */
export function useWaitingAlert(loaded: readonly ConversationSummary[] | undefined): string | null {
  const [state, setState] = useState<Waiting>({ key: undefined, alertId: null });
  const conversations = loaded ?? [];
  const waiting = conversations.filter((c) => c.queue === 'waiting');
  // undefined while the list is loading: no baseline yet, so what the first answer holds is no news.
  const key = loaded === undefined ? undefined : waiting.map((c) => c.id).join(' ');
  if (key !== undefined && key !== state.key) {
    const before = new Set(state.key ? state.key.split(' ') : []);
    const fresh = state.key === undefined ? [] : waiting.filter((c) => !before.has(c.id));
    const alertId = waiting.length === 0 ? null : (fresh[fresh.length - 1]?.id ?? state.alertId);
    setState({ key, alertId });
  }
  const count = waiting.length;
  useEffect(() => {
    const base = document.title.replace(/^\(\d+ waiting\) /, '');
    document.title = count > 0 ? `(${count} waiting) ${base}` : base;
    return () => {
      document.title = document.title.replace(/^\(\d+ waiting\) /, '');
    };
  }, [count]);
  if (state.alertId === null) return null;
  // Its first message may come after it started waiting: the preview is read at every render.
  const text = conversations.find((c) => c.id === state.alertId)?.lastMessage?.text;
  return text ? `A conversation is waiting: ${text}` : 'A conversation is waiting';
}
