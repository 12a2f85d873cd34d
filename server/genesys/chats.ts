// The Genesys chats the stand-in holds, per chat service: participants and one transcript, in a
// neutral form that gms.ts renders as GMS chatV2 deliveries and gws.ts as GWS /v2/me/chats notifications.
import { randomBytes } from 'node:crypto';

export type ParticipantKind = 'Client' | 'Agent' | 'Supervisor' | 'External';
export type Visibility = 'All' | 'Agents' | 'Supervisors';

/** Transcript entry types. GMS calls the text type `Message`, GWS `Text` (the renderers translate). */
export type EntryType =
  | 'Message'
  | 'ParticipantJoined'
  | 'ParticipantLeft'
  | 'TypingStarted'
  | 'TypingStopped'
  | 'CustomNotice'
  | 'PushUrl'
  | 'NicknameUpdated';

export interface Participant {
  /** GMS numbers participants within a chat (the visitor is 1). */
  number: number;
  /** GWS names participants by a hex string ("007352CE982D031B"). */
  hexId: string;
  nickname: string;
  kind: ParticipantKind;
  /** The stand-in agent's GWS user id; undefined for the visitor. */
  agentId?: string;
  present: boolean;
}

export interface Entry {
  /** 1, 2, 3… over the whole transcript (a visitor may see gaps where entries were not for All). */
  index: number;
  type: EntryType;
  from: Participant;
  text?: string;
  url?: string;
  visibility: Visibility;
  /** ms since the epoch. */
  time: number;
}

/**
 * The chat's agent-side state: waiting for an agent, chatting, or over (what one agent's GWS view
 * shows of it is gwsRender.ts's GwsChatState).
 */
export type GenesysChatState = 'WaitingForAgent' | 'Chatting' | 'Completed';

export interface Chat {
  id: string;
  service: string;
  secureKey: string;
  userId: string;
  alias: string;
  subject: string | undefined;
  userData: Record<string, string>;
  state: GenesysChatState;
  /** Over for the visitor: it disconnected, or an agent completed the chat. */
  ended: boolean;
  participants: Participant[];
  transcript: Entry[];
  /** The Bayeux session the visitor last published from: where GMS deliveries go. */
  visitorSession: string | undefined;
  createdAt: number;
}

export interface ChatListener {
  entry?(chat: Chat, entry: Entry): void;
  state?(chat: Chat): void;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();

/** Chat ids shaped like GMS's ("00048aAPEQJ8000U"): 16 characters. */
const chatId = () => randomBytes(12).toString('base64url').slice(0, 16);

export class GenesysChats {
  private readonly services = new Map<string, Map<string, Chat>>();
  private readonly listeners = new Set<ChatListener>();
  private aliasCounter = 117;

  listen(l: ChatListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private notify(run: (l: ChatListener) => void): void {
    for (const l of [...this.listeners]) {
      try {
        run(l);
      } catch (e) {
        console.error('stand-in genesys: a chat listener failed', e);
      }
    }
  }

  of(service: string): Map<string, Chat> {
    let chats = this.services.get(service);
    if (!chats) {
      chats = new Map();
      this.services.set(service, chats);
    }
    return chats;
  }

  /** Every chat of every service. */
  all(): Chat[] {
    return [...this.services.values()].flatMap((m) => [...m.values()]);
  }

  find(id: string): Chat | undefined {
    for (const m of this.services.values()) {
      const chat = m.get(id);
      if (chat) return chat;
    }
    return undefined;
  }

  bySecureKey(service: string, secureKey: string): Chat | undefined {
    for (const chat of this.of(service).values()) if (chat.secureKey === secureKey) return chat;
    return undefined;
  }

  create(service: string, visitor: { nickname: string; subject?: string; userData: Record<string, string> }, now: number): Chat {
    const chat: Chat = {
      id: chatId(),
      service,
      secureKey: randomBytes(8).toString('hex'),
      userId: hex(8),
      alias: String(this.aliasCounter++),
      subject: visitor.subject,
      userData: visitor.userData,
      state: 'WaitingForAgent',
      ended: false,
      participants: [],
      transcript: [],
      visitorSession: undefined,
      createdAt: now,
    };
    this.of(service).set(chat.id, chat);
    this.join(chat, { nickname: visitor.nickname, kind: 'Client' }, now);
    this.notify((l) => l.state?.(chat));
    return chat;
  }

  visitor(chat: Chat): Participant {
    return chat.participants[0] as Participant;
  }

  /** The participant of an agent (present or not), if the agent was ever in the chat. */
  participantOf(chat: Chat, agentId: string): Participant | undefined {
    return chat.participants.find((p) => p.agentId === agentId);
  }

  add(chat: Chat, e: Omit<Entry, 'index' | 'time' | 'visibility'> & { visibility?: Visibility }, now: number): Entry {
    const entry: Entry = { visibility: 'All', ...e, index: chat.transcript.length + 1, time: now };
    chat.transcript.push(entry);
    this.notify((l) => l.entry?.(chat, entry));
    return entry;
  }

  join(chat: Chat, who: { nickname: string; kind: ParticipantKind; agentId?: string }, now: number): Participant {
    let p = who.agentId === undefined ? undefined : this.participantOf(chat, who.agentId);
    if (p) {
      p.present = true;
      p.nickname = who.nickname;
    } else {
      p = { number: chat.participants.length + 1, hexId: hex(8), present: true, ...who };
      chat.participants.push(p);
    }
    this.add(chat, { type: 'ParticipantJoined', from: p }, now);
    return p;
  }

  leave(chat: Chat, p: Participant, now: number): void {
    if (!p.present) return;
    p.present = false;
    this.add(chat, { type: 'ParticipantLeft', from: p }, now);
  }

  setState(chat: Chat, state: GenesysChatState): void {
    if (chat.state === state) return;
    chat.state = state;
    this.notify((l) => l.state?.(chat));
  }

  /** The chat is over for the visitor (chatEnded); agents still see it until they Complete it. */
  end(chat: Chat): void {
    if (chat.ended) return;
    chat.ended = true;
    this.notify((l) => l.state?.(chat));
  }

  /** The visitor's transcript: only what is visible to All. */
  static forVisitor(chat: Chat, from = 0): Entry[] {
    return chat.transcript.filter((e) => e.visibility === 'All' && e.index >= from);
  }
}
