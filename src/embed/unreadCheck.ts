// The connection check's count (check.ts): from the decoded conversation list and messaging
// events, the visitor's open conversation, its open dialogs, and the agent messages no READ of the
// visitor covers, the same rule as the app's badge (core/view.ts unreadCount): content of the open
// dialogs from anyone but the visitor, minus the sequences the visitor's AcceptStatusEvent READ
// lists. Pure: the check feeds it, and asks what to subscribe to and what to show.
import type { CoreEvent } from '../core/model';
import { plainText } from './events';

export interface UnreadCheck {
  /** Takes decoded events; returns the open dialogs not subscribed to yet (`[conversationId, dialogId]`). */
  take(events: CoreEvent[]): Array<[string, string]>;
  /** Whether an open conversation was seen (its snapshot's stage is open). */
  open(): boolean;
  count(): number;
  /** The newest unread agent message's text and its originator's id. */
  latest(): { originatorId: string; text: string } | undefined;
}

interface AgentMessage {
  key: string;
  at: number;
  sequence: number;
  originatorId: string;
  text: string;
}

export function createUnreadCheck(): UnreadCheck {
  /** The open conversation's id and its open dialogs. */
  let conversation: string | undefined;
  let updatedAt = -1;
  let dialogs: Record<string, true> = {};
  const subscribed: Record<string, true> = {};
  const messages: Record<string, AgentMessage> = {};
  const read: Record<string, true> = {};
  const unread = () => Object.values(messages).filter((m) => dialogs[m.key.split(' ')[0]!] && !read[m.key]);

  return {
    take(events) {
      for (const e of events) {
        if (e.type === 'conversation') {
          const s = e.snapshot;
          if (s.stage === 'open' && (s.id !== conversation || s.updatedAt >= updatedAt)) {
            conversation = s.id;
            updatedAt = s.updatedAt;
            dialogs = {};
            for (const d of s.dialogs) if (d.open && d.messaging) dialogs[d.id] = true;
          } else if (s.id === conversation && s.stage !== 'open') {
            conversation = undefined;
            dialogs = {};
          }
        } else if (e.type === 'conversationRemoved' && e.conversationId === conversation) {
          conversation = undefined;
          dialogs = {};
        } else if (e.type === 'message' && e.originator !== 'consumer') {
          const key = `${e.dialogId} ${e.sequence}`;
          messages[key] = { key, at: e.at, sequence: e.sequence, originatorId: e.originatorId, text: plainText(e.body) };
        } else if (e.type === 'receipt' && e.originator === 'consumer' && e.status === 'read') {
          for (const s of e.sequences) read[`${e.dialogId} ${s}`] = true;
        }
      }
      const wanted: Array<[string, string]> = [];
      for (const id in dialogs) {
        if (subscribed[id] || conversation === undefined) continue;
        subscribed[id] = true;
        wanted.push([conversation, id]);
      }
      return wanted;
    },
    open: () => conversation !== undefined,
    count: () => unread().length,
    latest() {
      let newest: AgentMessage | undefined;
      for (const m of unread()) if (!newest || m.at > newest.at || (m.at === newest.at && m.sequence > newest.sequence)) newest = m;
      return newest && { originatorId: newest.originatorId, text: newest.text };
    },
  };
}
