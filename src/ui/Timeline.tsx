import { useEffect, useRef } from 'react';
import type { ChatView, QuickReplyOption, TimelineRow } from '../core/model';
import { Banner } from './Banner';
import { t } from './i18n';
import { MessageBubble } from './MessageBubble';
import { agentName } from './names';
import { useAgentAnnouncements } from './useAgentAnnouncements';
import { useRetryMessage, useSendMessage } from './useParleySession';
import './Timeline.css';

export interface TimelineProps {
  chat: ChatView;
  /** The window is open (announcements and scrolling happen only then). */
  active: boolean;
}

const NEAR_BOTTOM_PX = 80;

function startsRun(rows: TimelineRow[], index: number): boolean {
  const row = rows[index];
  const previous = rows[index - 1];
  if (!row || row.kind !== 'message') return false;
  return !previous || previous.kind !== 'message' || previous.participantId !== row.participantId;
}

/** The conversation: messages and banners, oldest first; new agent messages announced politely. */
export function Timeline({ chat, active }: TimelineProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickRef = useRef(true);
  const send = useSendMessage();
  const retry = useRetryMessage();
  const announcements = useAgentAnnouncements(chat, active);
  const rows = chat.timeline;
  const last = rows.at(-1);
  const lastKey = last?.key;
  const ownLast = last?.kind === 'message' && last.originator === 'consumer';
  const typing = chat.agentTyping !== undefined;

  useEffect(() => {
    const element = scrollRef.current;
    if (element && active && (stickRef.current || ownLast)) element.scrollTop = element.scrollHeight;
  }, [active, lastKey, ownLast, typing]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (element) stickRef.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
  };
  const chooseQuickReply = (option: QuickReplyOption) => send.mutate(option.text);
  const quickRepliesOpen = chat.stage === 'open';

  return (
    <div ref={scrollRef} className="parley-timeline" onScroll={onScroll}>
      {rows.length === 0 && <p className="parley-empty">{t('emptyTimeline')}</p>}
      <div role="log" aria-live="off" aria-label={t('logLabel')} className="parley-log">
        {rows.map((row, index) =>
          row.kind === 'banner' ? (
            <Banner key={row.key} row={row} names={chat.names} />
          ) : (
            <MessageBubble
              key={row.key}
              row={row}
              senderName={row.originator === 'agent' && startsRun(rows, index) ? agentName(chat.names, row.participantId) : undefined}
              showQuickReplies={quickRepliesOpen && row === last && row.originator === 'agent'}
              onRetry={(clientId) => retry.mutate(clientId)}
              onQuickReply={chooseQuickReply}
            />
          ),
        )}
      </div>
      <div aria-live="polite" aria-atomic="false" aria-label={t('newMessagesLabel')} className="parley-visually-hidden">
        {announcements.map((item) => (
          <p key={item.key}>{item.text}</p>
        ))}
      </div>
    </div>
  );
}
