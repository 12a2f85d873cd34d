// The public events (types.ts) derived from the session's snapshots, each fired once: a tracker
// remembers what it reported and returns only what is new in the next snapshot.
import type { MessageBody, TimelineRow } from '../core/model';
import type { SessionSnapshot } from '../core/session';
import type { ParleyEventName, ParleyEvents, ParleyMessage } from './types';

export type HostEvent = { [K in ParleyEventName]: { name: K; detail: ParleyEvents[K] } }[ParleyEventName];

function plainText(body: MessageBody): string {
  switch (body.kind) {
    case 'text':
      return body.text;
    case 'file':
      return body.caption;
    case 'rich':
      return body.fallbackText;
    case 'unsupported':
      return '';
  }
}

function messageOf(row: Extract<TimelineRow, { kind: 'message' }>): ParleyMessage {
  const message: ParleyMessage = { id: row.key, originator: row.originator, text: plainText(row.body), kind: row.body.kind, at: row.at };
  if (row.sequence !== undefined) message.sequence = row.sequence;
  return message;
}

export function createEventTracker(): (snapshot: SessionSnapshot) => HostEvent[] {
  const messages = new Set<string>();
  const receipts = new Map<string, string>();
  const banners = new Set<string>();
  let connection: string | undefined;

  return ({ chat, connection: link }) => {
    const events: HostEvent[] = [];
    const status = `${link.status}|${link.error ?? ''}`;
    if (status !== connection) {
      connection = status;
      events.push({ name: 'connection', detail: link.error === undefined ? { status: link.status } : { status: link.status, error: link.error } });
    }
    for (const row of chat.timeline) {
      if (row.kind === 'banner') {
        if (banners.has(row.key)) continue;
        banners.add(row.key);
        const { banner } = row;
        if (banner.type === 'agentJoined') {
          const name = chat.names[banner.participantId];
          events.push({ name: 'agentJoined', detail: name === undefined ? { participantId: banner.participantId } : { participantId: banner.participantId, name } });
        } else if (banner.type === 'conversationEnded') {
          events.push({ name: 'conversationEnded', detail: { by: banner.by } });
        }
        continue;
      }
      const first = !messages.has(row.key);
      if (first) {
        messages.add(row.key);
        events.push({ name: 'message', detail: messageOf(row) });
      }
      if (row.receipt === undefined) continue;
      const before = receipts.get(row.key);
      receipts.set(row.key, row.receipt);
      if (!first && before !== row.receipt) {
        const detail: ParleyEvents['receipt'] = { id: row.key, status: row.receipt };
        if (row.sequence !== undefined) detail.sequence = row.sequence;
        events.push({ name: 'receipt', detail });
      }
    }
    return events;
  };
}
