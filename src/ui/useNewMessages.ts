// The new messages of one opening of the window, for the "New messages" divider and the
// "↓ New messages" button. When the window opens (or, when it opened before the conversation
// loaded, once it has), the unread agent messages are new and the divider goes above the first of
// them; every agent message arriving after that is new too. The divider stays where it was put while
// the window stays open (reading does not move it); it is worked out again at the next opening.
// `unseen`: the new messages the visitor has not seen yet (in order).
import { useState } from 'react';
import type { ChatView, TimelineRow } from '../core/model';
import { unreadRowKeys } from '../core/unread';

interface State {
  active: boolean;
  /** The agent messages that were already read when the window opened; undefined until decided. */
  old: ReadonlySet<string> | undefined;
  divider: string | undefined;
}

const agentKeys = (timeline: readonly TimelineRow[]) =>
  timeline.filter((row) => row.kind === 'message' && row.originator !== 'consumer').map((row) => row.key);

export function useNewMessages(chat: ChatView, active: boolean, seen: { has(key: string): boolean }): { divider: string | undefined; unseen: string[] } {
  const [state, setState] = useState<State>({ active: false, old: undefined, divider: undefined });
  let next = state;
  if (state.active !== active) next = { active, old: undefined, divider: undefined };
  if (next.active && next.old === undefined && chat.timeline.length > 0) {
    const unread = unreadRowKeys(chat);
    const fresh = new Set(unread);
    next = { ...next, old: new Set(agentKeys(chat.timeline).filter((key) => !fresh.has(key))), divider: unread[0] };
  }
  if (next !== state) setState(next);
  const old = next.old;
  const unseen = old === undefined ? [] : agentKeys(chat.timeline).filter((key) => !old.has(key) && !seen.has(key));
  return { divider: next.divider, unseen };
}
