// Decoders for GWS's /v2/me/chats CometD topic (the agent-side Chat API of Genesys Web Services):
// ChatStateChangeMessage and MessageLogUpdated, as in ../shared/seeds/genesys-cometd-chat-notifications.txt
// and ../shared/reference/genesys-cometd.md §1.2–1.4. Pure and tolerant: untrusted data in, plain
// values out; never throws. A message whose visibility is not `All` is marked visibleToVisitor: false.
import { asId, asList, asNumber, asObject, asString, asTimestamp, type Obj } from '../core/decodeValues';

/** What a chat state means, whatever GWS called it. */
export type GwsChatPhase = 'offered' | 'active' | 'ended' | 'other';

export type GwsRole = 'customer' | 'agent' | 'supervisor' | 'bot' | 'other';

export interface GwsParticipant {
  participantId: string;
  nickname: string;
  /** The type as sent (`Customer`, `Agent`, …). */
  type: string;
  role: GwsRole;
}

export interface GwsChat {
  id: string;
  uri?: string;
  /** The state as sent (`Chatting`, `Completed`, …). */
  state: string;
  phase: GwsChatPhase;
  /** What the agent may do now: enable actions from these, not from the state. */
  capabilities: string[];
  participants: GwsParticipant[];
  userData: Record<string, string>;
}

export type GwsMessageKind =
  | 'text'
  | 'joined'
  | 'left'
  | 'rejoined'
  | 'typingStarted'
  | 'typingStopped'
  | 'url'
  | 'notice'
  | 'customNotice'
  | 'nicknameUpdated'
  | 'transcriptSaved'
  | 'other';

export interface GwsMessage {
  index: number;
  /** The type as sent (`Text`, `ParticipantJoined`, …). */
  type: string;
  kind: GwsMessageKind;
  from?: GwsParticipant;
  text?: string;
  url?: string;
  noticeText?: string;
  /** The SendMessage `messageType` tag (only with GWS's includeMessageType option). */
  messageType?: string;
  /** As sent: `All`, `Agents`, `Supervisors`; missing reads as not All. */
  visibility: string;
  /** True only for visibility `All`: anything else never reaches a visitor. */
  visibleToVisitor: boolean;
  /** The timestamp text as sent ("2014-01-09 11:58:12.035+0200"). */
  timestamp?: string;
  /** ms since the epoch: `timestampSeconds` (which GWS sends in ms), else parsed from `timestamp`. */
  time?: number;
}

export type GwsNotification =
  | {
      kind: 'chatState';
      /** `StatusChange`, `ParticipantsUpdated`, `PropertiesUpdated`, `Error`, or whatever else came. */
      notificationType: string;
      chat?: GwsChat;
      referenceId?: number;
      errorMessage?: string;
    }
  | {
      kind: 'messageLog';
      notificationType: string;
      /** From the last segment of `chatUri`, or from `chatPath` (/chats/{id}): MessageLogUpdated has no id. */
      chatId?: string;
      chatUri?: string;
      /** Sorted by index; indices may skip. */
      messages: GwsMessage[];
    }
  | { kind: 'ignored'; reason: string };

const PHASES: Record<string, GwsChatPhase> = {
  // [INF] the offered state has no documented name; the stand-in uses Ringing.
  ringing: 'offered',
  invited: 'offered',
  waitingforagent: 'offered',
  chatting: 'active',
  completed: 'ended',
  leftchat: 'ended',
  revoked: 'ended',
  idle: 'other',
};

const ROLES: Record<string, GwsRole> = { customer: 'customer', client: 'customer', agent: 'agent', supervisor: 'supervisor', external: 'bot', bot: 'bot' };

const KINDS: Record<string, GwsMessageKind> = {
  text: 'text',
  message: 'text',
  participantjoined: 'joined',
  participantleft: 'left',
  participantrejoined: 'rejoined',
  typingstarted: 'typingStarted',
  typingstopped: 'typingStopped',
  // [D] CHMessageResource misspells it so.
  typingstopping: 'typingStopped',
  pushurl: 'url',
  notice: 'notice',
  customnotice: 'customNotice',
  nicknameupdated: 'nicknameUpdated',
  transcriptsavedone: 'transcriptSaved',
};

/** GWS's timestamp text ("2014-01-09 11:58:12.035+0200") as ms, when it is one. */
export function parseGwsTimestamp(text: string): number | undefined {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d(?:\.\d{1,3})?)(Z|[+-]\d\d:?\d\d)?$/.exec(text.trim());
  if (!m) return undefined;
  const zone = m[3] === undefined || m[3] === 'Z' ? 'Z' : `${m[3].slice(0, 3)}:${m[3].slice(-2)}`;
  return asTimestamp(Date.parse(`${m[1]}T${m[2]}${zone}`));
}

function participant(v: unknown): GwsParticipant | undefined {
  const o = asObject(v);
  if (!o) return undefined;
  // participantId is a hex string in GWS (a number in GMS): both read as text.
  const participantId = asId(o.participantId) ?? asId(o.id) ?? '';
  const type = asString(o.type) ?? '';
  return { participantId, nickname: asString(o.nickname) ?? '', type, role: ROLES[type.toLowerCase()] ?? 'other' };
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const o = asObject(v);
  if (!o) return out;
  for (const [k, x] of Object.entries(o)) {
    if (k in Object.prototype) continue;
    if (typeof x === 'string') out[k] = x;
    else if (typeof x === 'number' || typeof x === 'boolean') out[k] = String(x);
  }
  return out;
}

export function decodeGwsChat(v: unknown): GwsChat | undefined {
  const o = asObject(v);
  const uri = asString(o?.uri);
  const id = asId(o?.id) ?? (uri === undefined ? undefined : chatIdFromUri(uri));
  if (!o || id === undefined) return undefined;
  const state = asString(o.state) ?? '';
  return {
    id,
    ...(uri !== undefined ? { uri } : {}),
    state,
    phase: PHASES[state.toLowerCase()] ?? 'other',
    capabilities: asList(o.capabilities).filter((c): c is string => typeof c === 'string'),
    participants: asList(o.participants).flatMap((p) => participant(p) ?? []),
    userData: stringRecord(o.userData),
  };
}

/** The chat id at the end of a chat URI or path (".../chats/{id}"). */
export function chatIdFromUri(uri: string): string | undefined {
  const m = /\/chats\/([^/?#]+)\/?(?:[?#].*)?$/.exec(uri);
  if (!m?.[1]) return undefined;
  try {
    return asId(decodeURIComponent(m[1]));
  } catch {
    return undefined;
  }
}

function message(v: unknown): GwsMessage | undefined {
  const o = asObject(v);
  const index = asNumber(o?.index);
  if (!o || index === undefined || !Number.isInteger(index) || index < 0) return undefined;
  const type = asString(o.type) ?? '';
  const visibility = asString(o.visibility) ?? '';
  const timestamp = asString(o.timestamp);
  // The docs print the number with a Java `L` suffix (1389261492035L); a string like that is read too.
  const seconds = typeof o.timestampSeconds === 'string' ? o.timestampSeconds.replace(/L$/, '') : o.timestampSeconds;
  const time = asTimestamp(seconds) ?? (timestamp === undefined ? undefined : parseGwsTimestamp(timestamp));
  const from = participant(o.from);
  const m: GwsMessage = { index, type, kind: KINDS[type.toLowerCase()] ?? 'other', visibility, visibleToVisitor: visibility === 'All' };
  if (from) m.from = from;
  for (const key of ['text', 'url', 'noticeText', 'messageType'] as const) {
    const s = asString(o[key]);
    if (s !== undefined) m[key] = s;
  }
  if (timestamp !== undefined) m.timestamp = timestamp;
  if (time !== undefined) m.time = time;
  return m;
}

/** The messages a visitor may see: visibility All only. */
export function visitorMessages(messages: readonly GwsMessage[]): GwsMessage[] {
  return messages.filter((m) => m.visibleToVisitor);
}

function decodeData(data: Obj): GwsNotification {
  const messageType = asString(data.messageType);
  const notificationType = asString(data.notificationType) ?? '';
  if (messageType === 'ChatStateChangeMessage' || (messageType === undefined && asString(data.errorMessage) !== undefined)) {
    const chat = decodeGwsChat(data.chat);
    const referenceId = asNumber(data.referenceId);
    const errorMessage = asString(data.errorMessage);
    return {
      kind: 'chatState',
      notificationType: notificationType || (errorMessage !== undefined ? 'Error' : ''),
      ...(chat ? { chat } : {}),
      ...(referenceId !== undefined ? { referenceId } : {}),
      ...(errorMessage !== undefined ? { errorMessage } : {}),
    };
  }
  if (messageType === 'MessageLogUpdated') {
    const chatUri = asString(data.chatUri);
    const chatPath = asString(data.chatPath);
    const chatId = (chatUri === undefined ? undefined : chatIdFromUri(chatUri)) ?? (chatPath === undefined ? undefined : chatIdFromUri(chatPath));
    const messages = asList(data.messages)
      .flatMap((m) => message(m) ?? [])
      .sort((a, b) => a.index - b.index);
    return { kind: 'messageLog', notificationType, ...(chatId !== undefined ? { chatId } : {}), ...(chatUri !== undefined ? { chatUri } : {}), messages };
  }
  return { kind: 'ignored', reason: messageType === undefined ? 'no messageType' : `unknown messageType: ${messageType.slice(0, 64)}` };
}

/**
 * Decodes one /v2/me/chats notification: the Bayeux message's `data` object, or a whole message
 * (`{"data": {...}}`, as the Genesys docs print them).
 */
export function decodeGwsNotification(raw: unknown): GwsNotification {
  try {
    const o = asObject(raw);
    if (!o) return { kind: 'ignored', reason: 'not an object' };
    const inner = o.messageType === undefined ? asObject(o.data) : undefined;
    return decodeData(inner ?? o);
  } catch (err) {
    return { kind: 'ignored', reason: `undecodable: ${err instanceof Error ? err.message : String(err)}` };
  }
}
