// The stand-in's chats in GWS's shapes: the chat resource and the messages of /v2/me/chats
// (the seed ../shared/seeds/genesys-cometd-chat-notifications.txt and genesys-cometd.md §1.2).
import type { Chat, Entry, Participant } from './chats';

/** An agent's view of a chat. `Ringing` (offered, not yet accepted) is [INF]: GWS documents no name for it. */
export type GwsChatState = 'Ringing' | 'Chatting' | 'LeftChat' | 'Completed' | 'Revoked';

export interface GwsParticipant {
  nickname: string;
  type: string;
  participantId: string;
}

export interface GwsChat {
  id: string;
  uri: string;
  state: GwsChatState;
  capabilities: string[];
  participants: GwsParticipant[];
  userData: Record<string, string>;
}

export interface GwsMessage {
  index: number;
  from: GwsParticipant;
  type: string;
  text?: string;
  url?: string;
  noticeText?: string;
  visibility: string;
  timestamp: string;
  timestampSeconds: number;
}

/** [D] capabilities from the Accept and ChatMessageType pages. */
const CHATTING = [
  'Complete',
  'Leave',
  'SendMessage',
  'SendStartTypingNotification',
  'SendStopTypingNotification',
  'SendToAgents',
  'SendUrl',
  'SendCustomNotice',
  'AttachUserData',
  'UpdateUserData',
];

export function capabilitiesOf(state: GwsChatState): string[] {
  if (state === 'Ringing') return ['Accept'];
  if (state === 'Chatting') return [...CHATTING];
  return [];
}

function participant(p: Participant): GwsParticipant {
  return { nickname: p.nickname, type: p.kind === 'Client' ? 'Customer' : p.kind, participantId: p.hexId };
}

export function gwsChat(chat: Chat, state: GwsChatState, baseUrl: string): GwsChat {
  return {
    id: chat.id,
    uri: `${baseUrl}/api/v2/chats/${chat.id}`,
    state,
    capabilities: capabilitiesOf(state),
    participants: chat.participants.filter((p) => p.present).map(participant),
    userData: { ...chat.userData },
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** GWS's timestamp text ("2014-01-09 11:58:12.035+0200"), in UTC. */
export function gwsTimestamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`;
}

export function gwsMessage(e: Entry): GwsMessage {
  const m: GwsMessage = {
    index: e.index,
    from: participant(e.from),
    // GMS's text type is Message; GWS's is Text.
    type: e.type === 'Message' ? 'Text' : e.type,
    visibility: e.visibility,
    timestamp: gwsTimestamp(e.time),
    // [D] milliseconds, despite the name.
    timestampSeconds: e.time,
  };
  if (e.type === 'PushUrl') m.url = e.url;
  else if (e.type === 'CustomNotice' || e.type === 'NicknameUpdated') m.noticeText = e.text ?? '';
  else if (e.text !== undefined) m.text = e.text;
  return m;
}
