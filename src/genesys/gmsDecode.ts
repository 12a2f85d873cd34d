// GMS Chat API v2 deliveries (what a visitor receives on /service/chatV2/{service}), decoded
// tolerantly, and the transcript they build folded into core CoreEvents. No delivery may throw: a
// field of the wrong type is dropped, a message without an index is skipped.
//
// The transcript is a set of messages keyed by `index` (GMS's sequence; a visitor may see gaps
// where an entry was not for All). transcriptEvents() is a pure function of that set (and of
// whether the chat ended), so duplicates and any delivery order give the same events, hence the
// same state. Participant changes become conversation snapshots (the core banners diff them);
// each snapshot is the participants after every join/leave up to its time.
// See ../shared/reference/genesys-cometd.md §2.2 and docs/stand-in.md (Genesys).
import type { ClosedBy, ConversationSnapshot, CoreEvent, MessageBody, Originator, Participant } from '../core/model';

export type GmsParticipantType = 'Client' | 'Agent' | 'Supervisor' | 'External' | string;

export interface GmsMessage {
  index: number;
  type: string;
  from: { nickname: string; participantId: number; type: GmsParticipantType };
  text?: string;
  /** ms since the epoch. */
  utcTime: number;
}

export interface GmsDelivery {
  statusCode: number;
  chatEnded: boolean;
  secureKey?: string;
  userId?: string;
  alias?: string;
  chatId?: string;
  nextPosition?: number;
  messages: GmsMessage[];
  errors: Array<{ code: number; message: string }>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

function decodeMessage(v: unknown): GmsMessage | undefined {
  if (!isObj(v)) return undefined;
  const index = num(v.index);
  const type = str(v.type);
  if (index === undefined || !Number.isInteger(index) || index < 0 || !type) return undefined;
  const from = isObj(v.from) ? v.from : {};
  const participantId = num(from.participantId);
  const m: GmsMessage = {
    index,
    type,
    from: {
      nickname: (str(from.nickname) ?? '').slice(0, 200),
      participantId: participantId !== undefined && Number.isInteger(participantId) ? participantId : 0,
      type: str(from.type) ?? '',
    },
    utcTime: num(v.utcTime) ?? 0,
  };
  const text = str(v.text);
  if (text !== undefined) m.text = text;
  return m;
}

/** A GMS delivery (statusCode 0) or error (statusCode 1/2, errors[]); undefined when it is not an object. */
export function decodeDelivery(data: unknown): GmsDelivery | undefined {
  if (!isObj(data)) return undefined;
  const out: GmsDelivery = {
    statusCode: num(data.statusCode) ?? 0,
    chatEnded: data.chatEnded === true,
    messages: Array.isArray(data.messages) ? data.messages.flatMap((m) => decodeMessage(m) ?? []) : [],
    errors: Array.isArray(data.errors)
      ? data.errors.flatMap((e) => (isObj(e) ? [{ code: num(e.code) ?? 0, message: (str(e.message) ?? '').slice(0, 500) }] : []))
      : [],
  };
  for (const key of ['secureKey', 'userId', 'alias', 'chatId'] as const) {
    const v = str(data[key]);
    if (v) out[key] = v;
  }
  const next = num(data.nextPosition);
  if (next !== undefined && Number.isInteger(next) && next >= 0) out.nextPosition = next;
  return out;
}

/** Adds messages to a transcript (by index); two versions of one index keep the canonically smaller. */
export function mergeMessages(into: Map<number, GmsMessage>, messages: readonly GmsMessage[]): boolean {
  let changed = false;
  for (const m of messages) {
    const old = into.get(m.index);
    if (old && JSON.stringify(old) <= JSON.stringify(m)) continue;
    into.set(m.index, m);
    changed = true;
  }
  return changed;
}

export interface Transcript {
  chatId: string;
  messages: ReadonlyMap<number, GmsMessage>;
  /** A delivery said chatEnded (or the server ended the session). */
  ended: boolean;
}

/** The id core uses for a GMS participant: participant numbers are per chat. */
export const participantKey = (chatId: string, participantId: number) => `${chatId}/${participantId}`;

const AGENT_TYPES = new Set(['Agent', 'Supervisor', 'External']);
const isAgentType = (type: string) => AGENT_TYPES.has(type);

/** A PushUrl's text: the URL itself when it is http(s) (the UI links it), else nothing clickable. */
export function pushUrlBody(url: string | undefined): MessageBody {
  try {
    const u = new URL((url ?? '').trim());
    if (u.protocol === 'http:' || u.protocol === 'https:') return { kind: 'text', text: u.href };
  } catch {
    // not a URL
  }
  return { kind: 'unsupported', description: 'A link that cannot be opened safely' };
}

function messageEvent(chatId: string, m: GmsMessage, originator: Originator, body: MessageBody): CoreEvent {
  return {
    type: 'message',
    conversationId: chatId,
    dialogId: chatId,
    sequence: m.index,
    at: m.utcTime,
    originatorId: participantKey(chatId, m.from.participantId),
    originator,
    body,
    receivedAt: m.utcTime,
  };
}

/** Every CoreEvent the transcript implies: messages, typing, agent names and the conversation's snapshots. */
export function transcriptEvents(t: Transcript): CoreEvent[] {
  const { chatId } = t;
  const sorted = [...t.messages.values()].sort((a, b) => a.index - b.index);
  if (sorted.length === 0) return [];
  const events: CoreEvent[] = [];
  const names = new Map<string, string>();
  for (const m of sorted) {
    const who = participantKey(chatId, m.from.participantId);
    const mine = m.from.type === 'Client';
    if (m.from.nickname && !mine) names.set(who, m.from.nickname);
    switch (m.type) {
      case 'Message':
        events.push(messageEvent(chatId, m, mine ? 'consumer' : 'agent', { kind: 'text', text: m.text ?? '' }));
        break;
      case 'PushUrl':
        events.push(messageEvent(chatId, m, mine ? 'consumer' : 'agent', pushUrlBody(m.text)));
        break;
      case 'CustomNotice':
        if (m.text) events.push(messageEvent(chatId, m, 'system', { kind: 'text', text: m.text }));
        break;
      case 'TypingStarted':
      case 'TypingStopped':
        if (!mine) {
          events.push({
            type: 'typing',
            conversationId: chatId,
            dialogId: chatId,
            originatorId: who,
            originator: 'agent',
            composing: m.type === 'TypingStarted',
            receivedAt: m.utcTime,
          });
        }
        break;
      default:
        break;
    }
  }
  for (const [participantId, name] of names) events.push({ type: 'profile', participantId, name });
  for (const snapshot of snapshotsOf(chatId, sorted, t.ended)) events.push({ type: 'conversation', snapshot });
  return events;
}

/** One snapshot per distinct time of a join/leave (the participants after it), a first one, and the end. */
function snapshotsOf(chatId: string, sorted: readonly GmsMessage[], ended: boolean): ConversationSnapshot[] {
  const startedAt = sorted[0]?.utcTime ?? 0;
  const lastAt = sorted.reduce((max, m) => Math.max(max, m.utcTime), startedAt);
  const present = new Map<string, Participant>();
  const byTime = new Map<number, Participant[]>();
  let consumerLeft = false;
  let agentLeft = false;
  byTime.set(startedAt, []);
  for (const m of sorted) {
    if (m.type !== 'ParticipantJoined' && m.type !== 'ParticipantLeft') continue;
    const id = participantKey(chatId, m.from.participantId);
    const client = m.from.type === 'Client';
    if (!client && !isAgentType(m.from.type)) continue;
    if (m.type === 'ParticipantJoined') present.set(id, { id, role: client ? 'consumer' : 'agent', status: 'active' });
    else {
      present.delete(id);
      if (client) consumerLeft = true;
      else agentLeft = true;
    }
    byTime.set(m.utcTime, [...present.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
  }
  const snapshot = (updatedAt: number, participants: Participant[], closed: boolean): ConversationSnapshot => {
    const closedBy: ClosedBy = consumerLeft ? 'consumer' : agentLeft ? 'agent' : 'system';
    return {
      id: chatId,
      updatedAt,
      stage: closed ? 'closed' : 'open',
      mainOpen: !closed,
      ...(closed ? { closedBy, endedAt: updatedAt } : {}),
      startedAt,
      participants,
      dialogs: [{ id: chatId, kind: 'main', messaging: true, open: !closed, participants, createdAt: startedAt }],
    };
  };
  const out = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([at, participants]) => snapshot(at, participants, false));
  if (ended) out.push(snapshot(lastAt + 1, [...present.values()], true));
  return out;
}
