// Accounts (tenants): agents, conversations, settings and change listeners. Created on first use.
import { createHash } from 'node:crypto';
import { Errors, Refusal } from '../errors';
import type { Conversation, Dialog, StoredEvent } from './model';
import type { MessagingEventChange } from '../../src/liveperson/wire';
import type { ParticipantsFormat, ResponseTypes } from './variants';

export interface Agent {
  id: string;
  nickname: string;
  fullName: string;
  role: 'agent' | 'manager' | 'bot';
  /** The login name on the agent side (server/agent/login.ts): the lower-case nickname it was created with. */
  username: string;
}

export interface Settings {
  /** The assigned agent marks consumer messages ACCEPT then READ automatically. */
  autoReceipts: boolean;
  /** A consumer closing the MAIN dialog (DialogChange) gets the post-conversation survey. */
  survey: boolean;
  /**
   * The account's welcome message (LivePerson's auto messages): it answers a conversation's first
   * consumer message (within 10 s of its creation) for clients that announced AUTO_MESSAGES; null:
   * none. Quick replies are button titles.
   */
  welcome: Welcome | null;
  /** Consumers may mark their conversation urgent (cm.UpdateConversationField TTRField URGENT; default on); refused (403) when off. */
  urgent: boolean;
  // What real LivePerson sends (server/state/variants.ts), off by default:
  /** `participants` (default), `both` (plus `participantsPId`), or `participantsPId` alone. */
  participantsFormat: ParticipantsFormat;
  /** Closed conversations leave the stream this long after closing, with a DELETE (0: never). */
  closedRetentionMs: number;
  /** `documented` (default) or `variants`: the other response type names of the docs. */
  responseTypes: ResponseTypes;
  /** A request's notifications go out before its response. */
  notificationsFirst: boolean;
  /** The site setting `messaging.file.sharing.enabled` (protocol reference §7): consumers may upload files. */
  fileSharing: boolean;
  /** The file types consumers may upload (GenerateURLForUploadFile's `fileType`). */
  fileTypes: string[];
}

export interface Welcome {
  text: string;
  quickReplies?: string[];
}

export const defaultSettings = (): Settings => ({
  autoReceipts: false,
  survey: false,
  welcome: null,
  urgent: true,
  participantsFormat: 'participants',
  closedRetentionMs: 0,
  responseTypes: 'documented',
  notificationsFirst: false,
  fileSharing: true,
  fileTypes: ['JPG', 'JPEG', 'PNG', 'GIF'],
});

/** What happened, for the consumer hub, the survey bot, auto receipts and the console stream. */
export interface AccountListener {
  conversation?(conv: Conversation): void;
  /** A stored event (with a sequence) or a transient ChatStateEvent (`stored` undefined). */
  event?(conv: Conversation, dialog: Dialog, change: MessagingEventChange, stored: StoredEvent | undefined): void;
  /** The events added inside Account.batch, in order (listeners without it get them one by one). */
  events?(added: AddedEvent[]): void;
}

export interface AddedEvent {
  conv: Conversation;
  dialog: Dialog;
  change: MessagingEventChange;
  stored: StoredEvent | undefined;
}

/** A stable UUID-shaped id derived from its parts (same input, same id). */
export function stableId(...parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Runs one listener: a listener that throws is logged and skipped. The change already happened
 * (an event is stored, a conversation changed), so its request must still succeed.
 */
function isolated(what: string, run: () => void): void {
  try {
    run();
  } catch (e) {
    console.error(`stand-in: a ${what} listener failed`, e);
  }
}

export const ACCOUNT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** The account id of a route when it is well-formed (ACCOUNT_ID); a 400 otherwise. */
export function checkedAccountId(id: string | undefined): string {
  if (id === undefined || !ACCOUNT_ID.test(id)) throw new Refusal(400, Errors.badAccount);
  return id;
}

export class Account {
  readonly agents: Agent[];
  readonly surveyBot: Agent;
  /** The account's system originator (role CONTROLLER): its auto messages come from it [INF]. */
  readonly controllerId: string;
  readonly conversations = new Map<string, Conversation>();
  readonly settings: Settings = defaultSettings();
  /** Features of each consumer's most recent authenticated connection. */
  readonly consumerFeatures = new Map<string, Set<string>>();
  private readonly listeners = new Set<AccountListener>();
  private batched: AddedEvent[] | undefined;

  constructor(readonly id: string) {
    const agent = (nickname: string, fullName: string, role: Agent['role'], username = nickname.toLowerCase()): Agent => ({
      id: stableId(id, 'agent', nickname),
      nickname,
      fullName,
      role,
      username,
    });
    this.agents = [
      agent('Dana', 'Dana Reyes', 'agent'),
      agent('Sam', 'Sam Okafor', 'agent'),
      agent('Morgan', 'Morgan Lee', 'manager'),
      // A bot user, for bots written with LivePerson's agent SDK (docs/stand-in.md, "Agent side").
      agent('Parley Bot', 'Parley Bot', 'bot', 'bot'),
    ];
    this.surveyBot = agent('Survey', 'Survey bot', 'bot');
    this.controllerId = stableId(id, 'controller');
  }

  agent(id: string): Agent | undefined {
    return this.agents.find((a) => a.id === id) ?? (id === this.surveyBot.id ? this.surveyBot : undefined);
  }

  listen(l: AccountListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  conversationChanged(conv: Conversation): void {
    for (const l of [...this.listeners]) isolated('conversation', () => l.conversation?.(conv));
  }

  eventAdded(conv: Conversation, dialog: Dialog, change: MessagingEventChange, stored: StoredEvent | undefined): void {
    if (this.batched) {
      this.batched.push({ conv, dialog, change, stored });
      return;
    }
    for (const l of [...this.listeners]) isolated('event', () => l.event?.(conv, dialog, change, stored));
  }

  /** Runs `fn`; the events it adds reach the listeners afterwards, together (e.g. a bulk send). */
  batch(fn: () => void): void {
    if (this.batched) return fn();
    const added: AddedEvent[] = [];
    this.batched = added;
    try {
      fn();
    } finally {
      this.batched = undefined;
    }
    for (const l of [...this.listeners]) {
      if (l.events) isolated('events', () => l.events?.(added));
      else for (const e of added) isolated('event', () => l.event?.(e.conv, e.dialog, e.change, e.stored));
    }
  }

  openConversationOf(consumerId: string): Conversation | undefined {
    for (const c of this.conversations.values()) if (c.consumerId === consumerId && c.stage === 'OPEN') return c;
    return undefined;
  }

  conversationsOf(consumerId: string): Conversation[] {
    return [...this.conversations.values()].filter((c) => c.consumerId === consumerId);
  }

  /** The conversation holding a dialog. */
  findByDialog(dialogId: string): { conv: Conversation; dialog: Dialog } | undefined {
    for (const conv of this.conversations.values()) {
      const dialog = conv.dialogs.find((d) => d.id === dialogId);
      if (dialog) return { conv, dialog };
    }
    return undefined;
  }
}

/** All accounts; each is created with its agents the first time it is named. */
export class Registry {
  private readonly accounts = new Map<string, Account>();
  private readonly created = new Set<(a: Account) => void>();

  get(id: string): Account {
    let a = this.accounts.get(id);
    if (!a) {
      a = new Account(id);
      this.accounts.set(id, a);
      for (const f of this.created) f(a);
    }
    return a;
  }

  /** Runs `f` for every account, now and when created later. */
  onAccount(f: (a: Account) => void): void {
    this.created.add(f);
    for (const a of this.accounts.values()) f(a);
  }
}
