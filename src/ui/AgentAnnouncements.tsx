// The polite live region that announces new agent messages to screen readers: only unread ones
// that arrive while the window is open in a visible tab; never history (present at mount, or
// rebuilt from the server after a reload: already read) nor rows that arrived while it was closed
// or the tab hidden. So of the visitor's tabs, each showing the one conversation, only the one
// being looked at announces. Its own component: a new announcement re-renders the region, not the
// timeline around it.
import { useEffect, useRef, useState } from 'react';
import type { ChatView, TimelineRow } from '../core/model';
import { useI18n } from './i18n';
import { agentName, bodyText } from './text';

const KEEP = 3;

const isVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';

type MessageRow = Extract<TimelineRow, { kind: 'message' }>;

function agentMessageKeys(timeline: TimelineRow[]): Set<string> {
  const keys = new Set<string>();
  for (const row of timeline) if (row.kind === 'message' && row.originator === 'agent') keys.add(row.key);
  return keys;
}

export function AgentAnnouncements({ chat, active }: { chat: ChatView; active: boolean }) {
  const { t } = useI18n();
  const region = useRef<HTMLDivElement>(null);
  // Every agent message already considered (announced or not). It only grows, and only in the
  // effect below, so each render stays pure and a burst copies nothing.
  const [known] = useState(() => agentMessageKeys(chat.timeline));
  // The region's text is written here, not rendered: what a screen reader is told is a side effect
  // of what arrived (as in React Aria's live announcer), and it re-renders nothing.
  useEffect(() => {
    const element = region.current;
    const fresh: MessageRow[] = [];
    for (const row of chat.timeline) {
      if (row.kind !== 'message' || row.originator !== 'agent' || known.has(row.key)) continue;
      known.add(row.key);
      fresh.push(row);
    }
    if (!element) return;
    if (!active) {
      element.replaceChildren();
      return;
    }
    // Only what the visitor has not read: history rebuilt after a reload was read before (and
    // announced then), so it is never announced again.
    const unreadFresh = chat.unread > 0 ? fresh.slice(-chat.unread) : [];
    if (!isVisible()) return;
    // Only the last KEEP are kept, so only they are written (a burst brings hundreds at once).
    for (const row of unreadFresh.slice(-KEEP)) {
      const line = document.createElement('p');
      line.textContent = t('messageFromAgent', { name: agentName(t, chat.names, row.participantId), text: bodyText(t, row.body) });
      element.append(line);
    }
    while (element.childElementCount > KEEP) element.firstElementChild?.remove();
  }, [chat, active, known, t]);
  return <div ref={region} aria-live="polite" aria-atomic="false" className="parley-visually-hidden" />;
}
