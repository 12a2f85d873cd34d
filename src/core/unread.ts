// What the visitor has not read yet, for READ receipts and the attention cues. READ means the message
// was on screen: the UI reports the timeline rows the visitor saw, and storedKeysOf turns them into
// the stored agent messages a backend acknowledges. unreadRowKeys gives the rows that still count as
// unread (the divider goes above the first, "↓ New messages" points at the first one below the fold).
import type { ChatView, TimelineRow } from './model';
import { eventKey } from './state';

type MessageRow = Extract<TimelineRow, { kind: 'message' }>;

const isAgentContent = (row: TimelineRow): row is MessageRow => row.kind === 'message' && row.originator !== 'consumer';

/** eventKey(dialogId, sequence) of the stored agent messages among the rows with these keys (unknown keys, banners and the visitor's own messages give nothing). */
export function storedKeysOf(timeline: readonly TimelineRow[], rowKeys: readonly string[]): string[] {
  if (rowKeys.length === 0) return [];
  const wanted = new Set(rowKeys);
  const out: string[] = [];
  for (const row of timeline) {
    if (!wanted.has(row.key) || !isAgentContent(row) || row.dialogId === undefined || row.sequence === undefined) continue;
    out.push(eventKey(row.dialogId, row.sequence));
  }
  return out;
}

/**
 * The keys of the agent messages that count as unread, oldest first: the newest `chat.unread` of
 * them (the view counts agent content no READ of the visitor covers; the visitor reads in order, so
 * the unread ones are the newest).
 */
export function unreadRowKeys(chat: Pick<ChatView, 'timeline' | 'unread'>): string[] {
  if (chat.unread <= 0) return [];
  const keys: string[] = [];
  for (let i = chat.timeline.length - 1; i >= 0 && keys.length < chat.unread; i--) {
    const row = chat.timeline[i]!;
    if (isAgentContent(row)) keys.push(row.key);
  }
  return keys.reverse();
}
