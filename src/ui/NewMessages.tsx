// The new messages of one opening of the window, for the "New messages" divider and the
// "↓ New messages" button. When the window opens (or, when it opened before the conversation
// loaded, once it has), the unread agent messages are new and the divider goes above the first of
// them; every agent message arriving after that is new too. The divider stays where it was put while
// the window stays open (reading does not move it); it is worked out again at the next opening.
import { useState, useSyncExternalStore } from 'react';
import type { ChatView, TimelineRow } from '../core/model';
import { unreadRowKeys } from '../core/unread';
import { useI18n } from './i18n';
import type { SeenRows } from './seenRows';

export interface NewMessages {
  active: boolean;
  /** The agent messages that were already read when the window opened; undefined until decided. */
  old: ReadonlySet<string> | undefined;
  divider: string | undefined;
}

const isAgentContent = (row: TimelineRow) => row.kind === 'message' && row.originator !== 'consumer';

export function useNewMessages(chat: ChatView, active: boolean): NewMessages {
  const [state, setState] = useState<NewMessages>({ active: false, old: undefined, divider: undefined });
  let next = state;
  if (state.active !== active) next = { active, old: undefined, divider: undefined };
  if (next.active && next.old === undefined && chat.timeline.length > 0) {
    const unread = unreadRowKeys(chat);
    const fresh = new Set(unread);
    const old = new Set<string>();
    for (const row of chat.timeline) if (isAgentContent(row) && !fresh.has(row.key)) old.add(row.key);
    next = { ...next, old, divider: unread[0] };
  }
  if (next !== state) setState(next);
  return next;
}

/** The first new message the visitor has not seen yet, in timeline order. */
function firstUnseen(timeline: readonly TimelineRow[], old: ReadonlySet<string>, seen: SeenRows): string | undefined {
  for (const row of timeline) if (isAgentContent(row) && !old.has(row.key) && !seen.has(row.key)) return row.key;
  return undefined;
}

/**
 * "↓ New messages", while `show` (the view is scrolled up from the bottom) and a new message is
 * unseen: `onJump` brings that message into view. Its own component, re-rendered as rows become
 * seen, so that seeing a row does not render the timeline again.
 */
export function NewMessagesBelow({ timeline, news, seen, show, onJump }: { timeline: readonly TimelineRow[]; news: NewMessages; seen: SeenRows; show: boolean; onJump: (rowKey: string) => void }) {
  const { t } = useI18n();
  useSyncExternalStore(seen.subscribe, seen.getVersion, seen.getVersion);
  const first = show && news.old !== undefined ? firstUnseen(timeline, news.old, seen) : undefined;
  if (first === undefined) return null;
  return (
    <button type="button" className="parley-new-below" onClick={() => onJump(first)}>
      <span aria-hidden="true">↓ </span>
      {t('newMessagesBelow')}
    </button>
  );
}
