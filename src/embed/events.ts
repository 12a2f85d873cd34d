// The public events (types.ts) derived from the session's snapshots, each fired once: a tracker
// remembers what it reported and returns only what is new in the next snapshot.
// `agentJoined` waits for the agent's name (profiles load after the join) up to AGENT_NAME_WAIT_MS,
// then fires without it; the caller runs the tracker again at `nextDeadline()` for that.
import type { MessageBody, TimelineRow } from '../core/model';
import type { SessionSnapshot } from '../core/session';
import type { ParleyEventName, ParleyEvents, ParleyMessage } from './types';

export type HostEvent = { [K in ParleyEventName]: { name: K; detail: ParleyEvents[K] } }[ParleyEventName];

/** The text a host sees of a message body (a file's caption, a rich message's fallback). */
export function plainText(body: MessageBody): string {
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

/** How long `agentJoined` waits for the agent's name before it fires without one. */
export const AGENT_NAME_WAIT_MS = 2_000;

export interface EventTracker {
  (snapshot: SessionSnapshot): HostEvent[];
  /** When (clock time) a join still waiting for a name must fire anyway; undefined when none waits. */
  nextDeadline(): number | undefined;
}

export function createEventTracker(now: () => number = Date.now, nameWaitMs = AGENT_NAME_WAIT_MS): EventTracker {
  const messages = new Set<string>();
  const receipts = new Map<string, string>();
  const banners = new Set<string>();
  /** Joins seen without a name yet: banner key → the time they fire anyway. */
  const unnamed = new Map<string, number>();
  let connection: string | undefined;

  const track = ({ chat, connection: link }: SessionSnapshot): HostEvent[] => {
    const events: HostEvent[] = [];
    const status = `${link.status}|${link.error ?? ''}`;
    if (status !== connection) {
      connection = status;
      events.push({ name: 'connection', detail: link.error === undefined ? { status: link.status } : { status: link.status, error: link.error } });
    }
    for (const row of chat.timeline) {
      if (row.kind === 'banner') {
        if (banners.has(row.key)) continue;
        const { banner } = row;
        if (banner.type === 'agentJoined') {
          const name = chat.names[banner.participantId];
          if (name === undefined) {
            const deadline = unnamed.get(row.key) ?? now() + nameWaitMs;
            unnamed.set(row.key, deadline);
            if (now() < deadline) continue;
          }
          unnamed.delete(row.key);
          events.push({ name: 'agentJoined', detail: name === undefined ? { participantId: banner.participantId } : { participantId: banner.participantId, name } });
        } else if (banner.type === 'conversationEnded') {
          events.push({ name: 'conversationEnded', detail: { by: banner.by } });
        }
        banners.add(row.key);
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
    // A waiting join whose time passed without firing left the timeline (a new conversation).
    for (const [key, deadline] of unnamed) if (deadline <= now()) unnamed.delete(key);
    return events;
  };
  return Object.assign(track, {
    nextDeadline() {
      let next: number | undefined;
      for (const deadline of unnamed.values()) if (next === undefined || deadline < next) next = deadline;
      return next;
    },
  });
}
