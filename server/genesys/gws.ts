// GWS Chat API v2, the agent side: the /v2/me/chats topic over CometD at /api/v2/notifications
// (long-polling; the handshake is authenticated by the JSESSIONID cookie) and the chat operations
// of POST /api/v2/me/chats/{id} (../shared/reference/genesys-cometd.md §1).
import type { IncomingMessage } from 'node:http';
import { BayeuxEndpoint, type BayeuxOptions, type CometDServer, type ServerSession } from './bayeux';
import type { Chat, Entry, GenesysChats, Visibility } from './chats';
import { GwsAuth, type GwsAgent } from './gwsAuth';
import { gwsChat, gwsMessage, type GwsChatState } from './gwsRender';
import type { Timers } from '../timers';

export const GWS_NOTIFICATIONS_PATH = '/api/v2/notifications';
export const CHATS_TOPIC = '/v2/me/chats';
/** The longest text an agent may send (characters). [INF] GWS documents no limit. */
const MAX_TEXT = 16 * 1024;

/** A refused operation: HTTP status, GWS statusCode (> 0) and statusMessage. [INF] the codes. */
export class GwsRefusal extends Error {
  constructor(
    readonly http: number,
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

const notAllowed = (op: string, state: string | undefined) => new GwsRefusal(400, 1, `${op} is not allowed in the chat's state (${state ?? 'not offered'})`);
const badField = (field: string, expected: string) => new GwsRefusal(400, 1, `Invalid ${field}: expected ${expected}`);

type Body = Record<string, unknown>;

function text(b: Body, key: string, optional = false): string | undefined {
  const v = b[key];
  if (v === undefined && optional) return undefined;
  if (typeof v !== 'string' || v.trim() === '') throw badField(key, 'a non-empty string');
  if (v.length > MAX_TEXT) throw badField(key, `at most ${MAX_TEXT} characters`);
  return v;
}

const FINAL: ReadonlySet<GwsChatState> = new Set(['Completed', 'Revoked']);

export class GwsService {
  readonly endpoint: BayeuxEndpoint;
  readonly auth = new GwsAuth();
  /** Bayeux session id → the agent it was handshaken for. */
  private readonly agentOf = new Map<string, GwsAgent>();
  /** Bayeux sessions subscribed to /v2/me/chats. */
  private readonly subscribed = new Set<string>();
  /** chat id → agent id → the state last notified (until it was final). */
  private readonly notified = new Map<string, Map<string, GwsChatState>>();
  private referenceId: number | undefined;
  private referenceCounter = 0;

  constructor(
    private readonly chats: GenesysChats,
    options: BayeuxOptions,
    timers: Timers,
    private readonly baseUrl: () => string,
  ) {
    this.endpoint = new BayeuxEndpoint('GWS', options, timers, (server) => this.install(server));
    chats.listen({
      entry: (chat, entry) => this.onEntry(chat, entry),
      state: (chat) => this.refresh(chat),
    });
  }

  private install(server: CometDServer): void {
    this.agentOf.clear();
    this.subscribed.clear();
    server.policy = {
      canHandshake: (session, _message, callback) => {
        const req = (server.context as { request?: IncomingMessage }).request;
        const gws = req ? this.auth.fromCookie(req) : undefined;
        if (gws) this.agentOf.set(session.id, gws.agent);
        else console.warn('stand-in genesys: GWS handshake without a valid JSESSIONID refused');
        callback(undefined, gws !== undefined);
      },
      canCreate: (_session, _message, name, callback) => callback(undefined, name.startsWith('/meta/') || name === CHATS_TOPIC),
      canSubscribe: (_session, _message, channel, callback) => callback(undefined, channel.name === CHATS_TOPIC),
      // Agents act through REST; nothing is published by clients.
      canPublish: (_session, _message, _channel, callback) => callback(undefined, false),
    };
    server.createServerChannel(CHATS_TOPIC);
    server.addListener('subscribed', (channel: { name: string }, session: ServerSession) => {
      if (channel.name === CHATS_TOPIC) this.subscribed.add(session.id);
    });
    server.addListener('unsubscribed', (channel: { name: string }, session: ServerSession) => {
      if (channel.name === CHATS_TOPIC) this.subscribed.delete(session.id);
    });
    server.addListener('sessionRemoved', (session: ServerSession) => {
      this.subscribed.delete(session.id);
      this.agentOf.delete(session.id);
    });
  }

  /** Sends a /v2/me/chats notification to every subscribed session of an agent. */
  private notify(agentId: string, data: Record<string, unknown>): void {
    for (const id of this.subscribed) {
      if (this.agentOf.get(id)?.id === agentId) this.endpoint.deliver(id, CHATS_TOPIC, data);
    }
  }

  /** The agent's view of a chat. */
  stateFor(chat: Chat, agentId: string): GwsChatState {
    const p = this.chats.participantOf(chat, agentId);
    if (chat.state === 'Completed') return 'Completed';
    if (p?.present) return 'Chatting';
    if (p) return 'Completed';
    return chat.state === 'WaitingForAgent' ? 'Ringing' : 'Revoked';
  }

  /** The chats an agent has now: offered to it, or in which it chats. */
  chatsOf(agentId: string): Chat[] {
    return this.chats.all().filter((c) => {
      const s = this.stateFor(c, agentId);
      return s === 'Ringing' || s === 'Chatting' || this.notified.get(c.id)?.get(agentId) !== undefined;
    });
  }

  view(chat: Chat, agentId: string) {
    return gwsChat(chat, this.stateFor(chat, agentId), this.baseUrl());
  }

  private stateChange(agentId: string, chat: Chat, notificationType: string, state = this.stateFor(chat, agentId)): void {
    const data: Record<string, unknown> = { messageType: 'ChatStateChangeMessage', notificationType, chat: gwsChat(chat, state, this.baseUrl()) };
    if (this.referenceId !== undefined) data.referenceId = this.referenceId;
    this.notify(agentId, data);
  }

  /** StatusChange to every agent whose view of the chat changed. */
  private refresh(chat: Chat): void {
    let seen = this.notified.get(chat.id);
    for (const agent of this.auth.agents) {
      const state = this.stateFor(chat, agent.id);
      const before = seen?.get(agent.id);
      if (before === state || (before === undefined && FINAL.has(state))) continue;
      this.stateChange(agent.id, chat, 'StatusChange', state);
      if (!seen) this.notified.set(chat.id, (seen = new Map()));
      if (FINAL.has(state)) seen.delete(agent.id);
      else seen.set(agent.id, state);
    }
  }

  private onEntry(chat: Chat, entry: Entry): void {
    const joinedOrLeft = entry.type === 'ParticipantJoined' || entry.type === 'ParticipantLeft';
    if (joinedOrLeft) this.refresh(chat);
    const data = { messageType: 'MessageLogUpdated', notificationType: 'NewMessages', messages: [gwsMessage(entry)], chatUri: `${this.baseUrl()}/api/v2/chats/${chat.id}` };
    for (const agent of this.auth.agents) {
      if (this.stateFor(chat, agent.id) !== 'Chatting' && !(entry.type === 'ParticipantLeft' && entry.from.agentId === agent.id)) continue;
      if (joinedOrLeft) this.stateChange(agent.id, chat, 'ParticipantsUpdated');
      this.notify(agent.id, data);
    }
  }

  /** Runs one REST operation of an agent on a chat (operationName in the body). */
  operate(agent: GwsAgent, chat: Chat, body: Body): void {
    const op = body.operationName;
    if (typeof op !== 'string' || !Object.hasOwn(this.ops, op)) throw new GwsRefusal(400, 1, `Unsupported operationName: ${String(op).slice(0, 64)}`);
    this.referenceId = ++this.referenceCounter;
    try {
      (this.ops[op] as Op)(agent, chat, body, Date.now());
    } finally {
      this.referenceId = undefined;
    }
  }

  private chatting(op: string, agent: GwsAgent, chat: Chat) {
    const state = this.stateFor(chat, agent.id);
    const p = this.chats.participantOf(chat, agent.id);
    if (state !== 'Chatting' || !p) throw notAllowed(op, state);
    return p;
  }

  private say(agent: GwsAgent, chat: Chat, op: string, type: Entry['type'], now: number, extra: { text?: string; url?: string; visibility?: Visibility }): void {
    this.chats.add(chat, { type, from: this.chatting(op, agent, chat), ...extra }, now);
  }

  private readonly ops: Record<string, Op> = {
    Accept: (agent, chat, b, now) => {
      const state = this.stateFor(chat, agent.id);
      if (state !== 'Ringing') throw notAllowed('Accept', state);
      const nickname = text(b, 'nickname', true) ?? agent.nickname;
      this.chats.join(chat, { nickname, kind: agent.role === 'manager' ? 'Supervisor' : 'Agent', agentId: agent.id }, now);
      this.chats.setState(chat, 'Chatting');
    },
    SendMessage: (agent, chat, b, now) => this.say(agent, chat, 'SendMessage', 'Message', now, { text: text(b, 'text') }),
    // [INF] the body of SendToAgents (a capability in GWS's lists) is taken to be SendMessage's.
    SendToAgents: (agent, chat, b, now) => this.say(agent, chat, 'SendToAgents', 'Message', now, { text: text(b, 'text'), visibility: 'Agents' }),
    SendStartTypingNotification: (agent, chat, _b, now) => this.say(agent, chat, 'SendStartTypingNotification', 'TypingStarted', now, {}),
    SendStopTypingNotification: (agent, chat, _b, now) => this.say(agent, chat, 'SendStopTypingNotification', 'TypingStopped', now, {}),
    SendUrl: (agent, chat, b, now) => {
      const url = text(b, 'url') as string;
      if (!/^https?:\/\/[^\s]+$/i.test(url)) throw badField('url', 'an http(s) URL');
      this.say(agent, chat, 'SendUrl', 'PushUrl', now, { url });
    },
    SendCustomNotice: (agent, chat, b, now) => this.say(agent, chat, 'SendCustomNotice', 'CustomNotice', now, { text: text(b, 'noticeText') }),
    UpdateUserData: (agent, chat, b, now) => this.userData('UpdateUserData', agent, chat, b, now),
    AttachUserData: (agent, chat, b, now) => this.userData('AttachUserData', agent, chat, b, now),
    Leave: (agent, chat, b, now) => {
      const p = this.chatting('Leave', agent, chat);
      const goodbye = text(b, 'text', true);
      if (goodbye !== undefined) this.chats.add(chat, { type: 'Message', from: p, text: goodbye }, now);
      // [D] ChatLeave 8.6.0: the agent gets LeftChat, then Completed.
      this.stateChange(agent.id, chat, 'StatusChange', 'LeftChat');
      this.chats.leave(chat, p, now);
      // [INF] with no agent left, a chat the visitor is still in is offered again.
      if (!chat.participants.some((x) => x.present && x.agentId !== undefined)) this.chats.setState(chat, chat.ended ? 'Completed' : 'WaitingForAgent');
    },
    Complete: (agent, chat, b, now) => {
      const p = this.chatting('Complete', agent, chat);
      const goodbye = text(b, 'text', true);
      if (goodbye !== undefined) this.chats.add(chat, { type: 'Message', from: p, text: goodbye }, now);
      this.chats.leave(chat, p, now);
      this.chats.end(chat);
      this.chats.setState(chat, 'Completed');
    },
  };

  /** [INF] the body: `userData`, an object of string values, merged into the chat's. */
  private userData(op: string, agent: GwsAgent, chat: Chat, b: Body, _now: number): void {
    this.chatting(op, agent, chat);
    const data = b.userData;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw badField('userData', 'an object of strings');
    for (const [k, v] of Object.entries(data)) if (typeof v !== 'string') throw badField(`userData.${k.slice(0, 32)}`, 'a string');
    Object.assign(chat.userData, data);
    for (const a of this.auth.agents) if (this.stateFor(chat, a.id) === 'Chatting') this.stateChange(a.id, chat, 'PropertiesUpdated');
  }
}

type Op = (agent: GwsAgent, chat: Chat, body: Body, now: number) => void;
