import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ChatView, QuickReplyOption, TimelineRow } from '../core/model';
import { useI18n } from './i18n';
import { agentName } from './text';
import { AgentAnnouncements } from './AgentAnnouncements';
import { useChooseQuickReply, useRetryMessage } from './useParleySession';
import { useSeenRows } from './seenRows';
import { NewMessagesBelow, useNewMessages } from './NewMessages';
import { TimelineSlot } from './TimelineSlot';
import { ESTIMATED_ROW_PX, useVirtualRows } from './windowing';
import './Timeline.css';

export interface TimelineProps {
  chat: ChatView;
  /** The window is open (announcements, scrolling and seeing happen only then). */
  active: boolean;
}

const NEAR_BOTTOM_PX = 80;
/** Consecutive messages of one sender at most this far apart form a group with one time shown. */
export const GROUP_GAP_MS = 3 * 60_000;

function startsRun(rows: TimelineRow[], index: number): boolean {
  const row = rows[index];
  const previous = rows[index - 1];
  if (!row || row.kind !== 'message') return false;
  return !previous || previous.kind !== 'message' || previous.participantId !== row.participantId;
}

/** The row is a message and the last of its group: the next row is not the same sender's within GROUP_GAP_MS. */
function endsGroup(rows: TimelineRow[], index: number): boolean {
  const row = rows[index];
  const next = rows[index + 1];
  if (!row || row.kind !== 'message') return false;
  return (
    !next ||
    next.kind !== 'message' ||
    next.originator !== row.originator ||
    next.participantId !== row.participantId ||
    next.at - row.at > GROUP_GAP_MS
  );
}

/** Jumps (no smooth scroll, which windowing's re-measuring interrupts) so that the row with this key is at the top; estimated from the measured heights when it is not rendered. */
function scrollToRow(scroller: HTMLElement, keys: readonly string[], key: string, heights: readonly number[]): void {
  const slot = [...scroller.querySelectorAll('[data-row-key]')].find((el) => el.getAttribute('data-row-key') === key);
  let top: number;
  if (slot) top = scroller.scrollTop + slot.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  else {
    top = 0;
    for (let i = 0; i < keys.length && keys[i] !== key; i++) top += heights[i] ?? 0;
  }
  scroller.scrollTop = Math.max(0, top - 8);
}

/**
 * The conversation: messages and banners, oldest first; new agent messages announced politely.
 * Long conversations are windowed: only the rows in and near the viewport are in the DOM. Rows on
 * screen are reported seen (READ); a "New messages" divider marks the first unread one at opening,
 * and a "↓ New messages" button shows while unseen new messages are below the fold.
 */
export function Timeline({ chat, active }: TimelineProps) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickRef = useRef(true);
  const [atBottom, setAtBottom] = useState(true);
  const { mutate: chooseQuickReply } = useChooseQuickReply();
  const { mutate: retryMessage } = useRetryMessage();
  const rows = chat.timeline;
  const keys = useMemo(() => rows.map((row) => row.key), [rows]);
  const view = useVirtualRows(keys, scrollRef, active, atBottom);
  const seen = useSeenRows(scrollRef, active);
  const news = useNewMessages(chat, active);
  const { divider } = news;
  const last = rows.at(-1);
  const lastKey = last?.key;
  const ownLast = last?.kind === 'message' && last.originator === 'consumer';

  // The visitor's own new message always brings the view to the bottom.
  useLayoutEffect(() => {
    // (The scroll to the bottom that follows says atBottom through onScroll.)
    if (ownLast) stickRef.current = true;
  }, [lastKey, ownLast]);

  // While the view sticks to the bottom, it stays there through new rows, a moved window and
  // re-measured heights. Only then: reading scrollHeight forces a layout, which a commit that changed
  // none of these (a receipt, a typing indicator) need not pay; a row that changed height alone
  // (measured, an image loaded) re-sticks without a render.
  const { start, end, before, after } = view;
  const stick = useCallback(() => {
    const element = scrollRef.current;
    if (element && active && stickRef.current && element.scrollTop !== element.scrollHeight - element.clientHeight) {
      element.scrollTop = element.scrollHeight;
    }
  }, [active]);
  useLayoutEffect(stick, [stick, lastKey, rows.length, start, end, before, after]);
  useEffect(() => view.geometry.onResize(stick), [view.geometry, stick]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    stickRef.current = element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX;
    setAtBottom(stickRef.current);
  };
  const toNewMessages = (rowKey: string) => {
    const element = scrollRef.current;
    if (element) scrollToRow(element, keys, rowKey, view.geometry.heightsOf(keys, ESTIMATED_ROW_PX));
  };
  const onRetry = useCallback((rowKey: string) => retryMessage(rowKey), [retryMessage]);
  // Quick replies show only under the latest message (banners after it, e.g. "the survey started",
  // do not hide them) when it is the agent's or the system's (a welcome message): the choice answers that message.
  let lastMessage: Extract<TimelineRow, { kind: 'message' }> | undefined;
  for (const row of rows) if (row.kind === 'message') lastMessage = row;
  const replyTo = lastMessage && lastMessage.originator !== 'consumer' ? lastMessage : undefined;
  const onQuickReply = useCallback((rowKey: string, option: QuickReplyOption) => chooseQuickReply({ rowKey, option }), [chooseQuickReply]);
  const quickRepliesOpen = chat.stage === 'open';

  const rendered: ReactNode[] = [];
  for (let index = view.start; index < view.end; index++) {
    const row = rows[index];
    if (!row) continue;
    const agent = row.kind === 'message' && row.originator === 'agent';
    rendered.push(
      <TimelineSlot
        key={row.key}
        row={row}
        geometry={view.geometry}
        watch={row.kind === 'message' && row.originator !== 'consumer' ? seen : undefined}
        divider={row.key === divider}
        names={row.kind === 'banner' ? chat.names : undefined}
        senderName={agent && startsRun(rows, index) ? agentName(t, chat.names, row.participantId) : undefined}
        senderAvatar={agent ? chat.avatars?.[row.participantId] : undefined}
        showTime={endsGroup(rows, index)}
        showQuickReplies={quickRepliesOpen && row === replyTo}
        onRetry={onRetry}
        onQuickReply={onQuickReply}
      />,
    );
  }

  return (
    <div className="parley-timeline-area">
    {/* Focusable, so that the keyboard scrolls it when it holds nothing focusable (axe: scrollable-region-focusable). */}
    <div ref={scrollRef} className="parley-timeline" tabIndex={0} onScroll={onScroll}>
      {rows.length === 0 && <p className="parley-empty">{t('emptyTimeline')}</p>}
      <div role="log" aria-live="off" aria-label={t('logLabel')} className="parley-log">
        {view.before > 0 && <div aria-hidden="true" className="parley-spacer" style={{ height: view.before }} />}
        {rendered}
        {view.after > 0 && <div aria-hidden="true" className="parley-spacer" style={{ height: view.after }} />}
      </div>
      <AgentAnnouncements chat={chat} active={active} />
    </div>
    <NewMessagesBelow timeline={rows} news={news} seen={seen} show={active && !atBottom} onJump={toNewMessages} />
    </div>
  );
}
