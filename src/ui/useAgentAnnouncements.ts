// New agent messages to announce to screen readers: only unread ones that arrive while the window
// is open in a visible tab; never history (present at mount, or rebuilt from the server after a
// reload: already read) nor rows that arrived while it was closed or the tab hidden. So of the
// visitor's tabs, each showing the one conversation, only the one being looked at announces.
import { useState } from 'react';
import type { ChatView, TimelineRow } from '../core/model';
import { useI18n } from './i18n';
import { agentName, bodyText } from './text';

export interface Announcement {
  key: string;
  text: string;
}

const KEEP = 3;

const isVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

type MessageRow = Extract<TimelineRow, { kind: 'message' }>;

function agentMessages(timeline: TimelineRow[]): MessageRow[] {
  return timeline.filter((row): row is MessageRow => row.kind === 'message' && row.originator === 'agent');
}

interface State {
  chat: ChatView;
  active: boolean;
  seen: ReadonlySet<string>;
  items: Announcement[];
}

export function useAgentAnnouncements(chat: ChatView, active: boolean): Announcement[] {
  const { t } = useI18n();
  const [state, setState] = useState<State>(() => ({
    chat,
    active,
    seen: new Set(agentMessages(chat.timeline).map((row) => row.key)),
    items: [],
  }));
  if (state.chat !== chat || state.active !== active) {
    const fresh = agentMessages(chat.timeline).filter((row) => !state.seen.has(row.key));
    const seen = new Set(state.seen);
    for (const row of fresh) seen.add(row.key);
    // Only what the visitor has not read: history rebuilt after a reload was read before (and
    // announced then), so it is never announced again.
    const unreadFresh = chat.unread > 0 ? fresh.slice(-chat.unread) : [];
    const announced = unreadFresh.map((row) => ({
      key: row.key,
      text: t('messageFromAgent', { name: agentName(t, chat.names, row.participantId), text: bodyText(t, row.body) }),
    }));
    const items = !active ? [] : isVisible() ? [...state.items, ...announced].slice(-KEEP) : state.items;
    setState({ chat, active, seen, items });
  }
  return state.items;
}
