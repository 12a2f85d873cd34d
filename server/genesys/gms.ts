// GMS Chat API v2 over CometD, the visitor side: operations published on /service/chatV2/{service}
// and the deliveries GMS sends back on the same channel to that session only
// (../shared/reference/genesys-cometd.md §2.2).
import { BayeuxEndpoint, type BayeuxOptions, type CometDServer, type ServerSession } from './bayeux';
import { GenesysChats, type Chat, type Entry } from './chats';
import type { Timers } from '../timers';

export const GMS_PATH = '/genesys/cometd';
const SERVICE_CHANNEL = /^\/service\/chatV2\/([A-Za-z0-9_.-]{1,64})$/;
/** The longest text a visitor may send (characters). [INF] GMS documents no limit. */
export const MAX_TEXT = 16 * 1024;

export interface GmsMessage {
  from: { nickname: string; participantId: number; type: string };
  index: number;
  type: string;
  text?: string;
  utcTime: number;
}

export interface GmsDelivery {
  chatEnded: boolean;
  statusCode: 0;
  alias: string;
  secureKey: string;
  userId: string;
  chatId: string;
  nextPosition: number;
  messages: GmsMessage[];
}

/**
 * An error delivery. statusCode 1 is recoverable, 2 fatal ([D] for the eServices Web API that GMS
 * replaced; [INF] that GMS uses the same codes). `errors[]` is what GMS clients test for ([C]);
 * the `code` values and the texts are the stand-in's own [INF].
 */
export interface GmsError {
  statusCode: 1 | 2;
  chatEnded?: boolean;
  errors: Array<{ code: number; message: string }>;
}

export const GmsErrors = {
  notAnObject: { code: 400, message: 'The message data must be an object' },
  unknownOperation: (op: string) => ({ code: 400, message: `Unknown operation: ${op.slice(0, 64)}` }),
  missing: (field: string, expected: string) => ({ code: 400, message: `Invalid ${field}: expected ${expected}` }),
  tooLong: (field: string) => ({ code: 400, message: `${field} is longer than ${MAX_TEXT} characters` }),
  badSecureKey: { code: 401, message: 'Invalid secureKey: no such chat in this service' },
  chatEnded: { code: 409, message: 'The chat has ended' },
  internal: { code: 500, message: 'Internal error' },
} as const;

class OpError extends Error {
  constructor(
    readonly error: { code: number; message: string },
    readonly statusCode: 1 | 2 = 2,
  ) {
    super(error.message);
  }
}

function gmsMessage(e: Entry): GmsMessage {
  const m: GmsMessage = {
    from: { nickname: e.from.nickname, participantId: e.from.number, type: e.from.kind },
    index: e.index,
    type: e.type,
    utcTime: e.time,
  };
  // PushUrl carries its URL in `text` [INF]; the others their text when they have one.
  const text = e.type === 'PushUrl' ? e.url : e.text;
  if (text !== undefined) m.text = text;
  return m;
}

export function gmsDelivery(chat: Chat, entries: Entry[]): GmsDelivery {
  return {
    chatEnded: chat.ended,
    statusCode: 0,
    alias: chat.alias,
    secureKey: chat.secureKey,
    userId: chat.userId,
    chatId: chat.id,
    nextPosition: chat.transcript.length + 1,
    messages: entries.filter((e) => e.visibility === 'All').map(gmsMessage),
  };
}

type Data = Record<string, unknown>;

const optString = (d: Data, key: string): string | undefined => {
  const v = d[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new OpError(GmsErrors.missing(key, 'a string'));
  if (v.length > MAX_TEXT) throw new OpError(GmsErrors.tooLong(key));
  return v;
};

const requiredString = (d: Data, key: string): string => {
  const v = optString(d, key);
  if (v === undefined || v.trim() === '') throw new OpError(GmsErrors.missing(key, 'a non-empty string'));
  return v;
};

function userDataOf(d: Data): Record<string, string> {
  const v = d.userData;
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new OpError(GmsErrors.missing('userData', 'an object of strings'));
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Data)) {
    if (typeof x !== 'string') throw new OpError(GmsErrors.missing(`userData.${k.slice(0, 32)}`, 'a string'));
    out[k] = x;
  }
  return out;
}

export class GmsService {
  readonly endpoint: BayeuxEndpoint;
  private readonly ops: Record<string, (session: ServerSession, service: string, d: Data, channel: string) => void>;

  constructor(
    private readonly chats: GenesysChats,
    options: BayeuxOptions,
    timers: Timers,
  ) {
    this.endpoint = new BayeuxEndpoint('GMS', options, timers, (server) => this.install(server));
    this.ops = {
      requestChat: (session, service, d, channel) => this.requestChat(session, service, d, channel),
      sendMessage: (s, service, d) => this.inChat(s, service, d, (chat, now) => {
        this.chats.add(chat, { type: 'Message', from: this.chats.visitor(chat), text: requiredString(d, 'message') }, now);
      }),
      startTyping: (s, service, d) => this.inChat(s, service, d, (chat, now) => {
        this.chats.add(chat, { type: 'TypingStarted', from: this.chats.visitor(chat), text: optString(d, 'message') }, now);
      }),
      stopTyping: (s, service, d) => this.inChat(s, service, d, (chat, now) => {
        this.chats.add(chat, { type: 'TypingStopped', from: this.chats.visitor(chat) }, now);
      }),
      updateNickname: (s, service, d) => this.inChat(s, service, d, (chat, now) => {
        const visitor = this.chats.visitor(chat);
        visitor.nickname = requiredString(d, 'nickname');
        this.chats.add(chat, { type: 'NicknameUpdated', from: visitor, text: visitor.nickname }, now);
      }),
      customNotice: (s, service, d) => this.inChat(s, service, d, (chat, now) => {
        this.chats.add(chat, { type: 'CustomNotice', from: this.chats.visitor(chat), text: optString(d, 'message') ?? '' }, now);
      }),
      disconnect: (s, service, d) => this.inChat(s, service, d, (chat, now) => {
        this.chats.leave(chat, this.chats.visitor(chat), now);
        if (chat.state === 'WaitingForAgent') this.chats.setState(chat, 'Completed');
        this.chats.end(chat);
      }),
      requestNotifications: (session, service, d, channel) => {
        const chat = this.chatOf(service, d);
        const position = d.transcriptPosition;
        if (position !== undefined && (typeof position !== 'number' || !Number.isInteger(position) || position < 0)) {
          throw new OpError(GmsErrors.missing('transcriptPosition', 'an integer >= 0'));
        }
        chat.visitorSession = session.id;
        this.endpoint.deliver(session.id, channel, gmsDelivery(chat, GenesysChats.forVisitor(chat, position ?? 0)));
      },
    };
    chats.listen({
      entry: (chat, entry) => {
        if (entry.visibility === 'All') this.toVisitor(chat, [entry]);
      },
      state: (chat) => {
        if (chat.ended) this.toVisitor(chat, []);
      },
    });
  }

  private toVisitor(chat: Chat, entries: Entry[]): void {
    if (chat.visitorSession) this.endpoint.deliver(chat.visitorSession, `/service/chatV2/${chat.service}`, gmsDelivery(chat, entries));
  }

  private install(server: CometDServer): void {
    server.policy = {
      canPublish: (_session, _message, channel, callback) => callback(undefined, SERVICE_CHANNEL.test(channel.name)),
      canCreate: (_session, _message, name, callback) => callback(undefined, name.startsWith('/meta/') || SERVICE_CHANNEL.test(name)),
      // Subscribing to a /service channel is a no-op (deliveries go to the session); nothing else is offered.
      canSubscribe: (_session, _message, channel, callback) => callback(undefined, channel.name.startsWith('/service/')),
    };
    server.createServerChannel('/service/chatV2/*').addListener('message', (session: ServerSession, _ch: unknown, message: { channel: string; data?: unknown }, callback: () => void) => {
      try {
        this.onPublish(session, message.channel, message.data);
      } catch (e) {
        console.error('stand-in genesys: GMS operation failed', e);
        this.endpoint.deliver(session.id, message.channel, { statusCode: 2, errors: [GmsErrors.internal] } satisfies GmsError);
      }
      callback();
    });
  }

  private onPublish(session: ServerSession, channel: string, data: unknown): void {
    const service = SERVICE_CHANNEL.exec(channel)?.[1];
    if (service === undefined) return;
    try {
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new OpError(GmsErrors.notAnObject);
      const d = data as Data;
      const op = typeof d.operation === 'string' && Object.hasOwn(this.ops, d.operation) ? this.ops[d.operation] : undefined;
      if (!op) throw new OpError(typeof d.operation === 'string' ? GmsErrors.unknownOperation(d.operation) : GmsErrors.missing('operation', 'a string'));
      op(session, service, d, channel);
    } catch (e) {
      if (!(e instanceof OpError)) throw e;
      console.warn(`stand-in genesys: GMS ${channel}: refused: ${e.message}`);
      const error: GmsError = { statusCode: e.statusCode, errors: [e.error] };
      if (e.error === GmsErrors.chatEnded) error.chatEnded = true;
      this.endpoint.deliver(session.id, channel, error);
    }
  }

  private chatOf(service: string, d: Data): Chat {
    const key = d.secureKey;
    if (typeof key !== 'string' || key === '') throw new OpError(GmsErrors.missing('secureKey', 'a non-empty string'));
    const chat = this.chats.bySecureKey(service, key);
    if (!chat) throw new OpError(GmsErrors.badSecureKey);
    return chat;
  }

  /** An operation on a live chat: the session becomes the chat's (deliveries follow it). */
  private inChat(session: ServerSession, service: string, d: Data, run: (chat: Chat, now: number) => void): void {
    const chat = this.chatOf(service, d);
    if (chat.ended) throw new OpError(GmsErrors.chatEnded);
    chat.visitorSession = session.id;
    run(chat, Date.now());
  }

  private requestChat(session: ServerSession, service: string, d: Data, channel: string): void {
    const first = optString(d, 'firstName');
    const last = optString(d, 'lastName');
    const nickname = optString(d, 'nickname')?.trim() || [first, last].filter(Boolean).join(' ').trim();
    if (!nickname) throw new OpError(GmsErrors.missing('nickname', 'a non-empty string (or firstName and lastName)'));
    const userData = userDataOf(d);
    const email = optString(d, 'emailAddress');
    // [INF] GMS stores the e-mail address with the interaction; the stand-in keeps it as userData.
    if (email !== undefined) userData.EmailAddress = email;
    const chat = this.chats.create(service, { nickname, subject: optString(d, 'subject'), userData }, Date.now());
    chat.visitorSession = session.id;
    this.endpoint.deliver(session.id, channel, gmsDelivery(chat, GenesysChats.forVisitor(chat)));
  }
}
