// What the visitor's GMS operations do, on core's ordered queue (src/core/outboxQueue.ts: order,
// attempts, "Not sent" and Retry, restoring after a reload): the first message opens the chat
// (requestChat), then sendMessage; the end of the chat is disconnect.
// GMS does not deduplicate and has no client ids: a message counts as stored once the transcript
// shows the visitor's Message with its text at or after the position it was published from. That
// position is kept with the message (also in sessionStorage, so a reload knows it): a message that
// has one may be stored already, and is looked for in the replayed transcript (requestNotifications
// from that position) before it is published again. At most once, whatever was lost in between.
import { sessionError, sessionErrorKind } from '../core/session';
import { createOutboxQueue, type OutboxFailure, type PersistedOutboxMessage, type QueuedOutboxItem } from '../core/outboxQueue';
import { asObject, type Obj } from '../core/decodeValues';
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import type { OutboxStorage } from '../platform/outboxStorage';
import type { GmsMessage } from './gmsDecode';

/** How long a published message waits for its echo before the transcript is asked for again. */
export const ECHO_TIMEOUT_MS = 8_000;
/** Attempts without an echo before a message shows "Not sent" (a refusal fails it at once; offline periods do not count). */
export const MAX_ATTEMPTS = 3;

/** Thrown while the session went offline: the entry stays queued for the next online period. */
export class OfflineError extends Error {}
/** No echo came in time: the message may be stored; the transcript tells before it is sent again. */
class NoEchoError extends Error {}

/** Genesys' field of a queued or saved message: where it was last published, in which chat. */
export interface SentFrom {
  sentFrom?: { chatId: string; position: number };
}
export type GenesysOutboxStorage = OutboxStorage<SentFrom>;

/** Reads the saved `sentFrom` back (anything malformed: as never published). */
export function decodeSentFrom(item: Obj): SentFrom {
  const s = asObject(item.sentFrom);
  const { chatId, position } = s ?? {};
  if (typeof chatId !== 'string' || chatId === '' || chatId.length > 128) return {};
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) return {};
  return { sentFrom: { chatId, position } };
}

export interface GenesysOutboxDeps {
  store: ChatStore;
  clock: Clock;
  newClientId: () => string;
  isOnline: () => boolean;
  /** Aborted when the current online period ends (or the session stops). */
  onlineSignal: () => AbortSignal;
  stopped: AbortSignal;
  /** The open chat: its transcript (the visitor's messages are matched there) and where it stands. */
  chat: () => { chatId: string; messages: ReadonlyMap<number, GmsMessage>; nextPosition: number } | undefined;
  /** requestChat, resolved once the chat's keys arrived. */
  openChat: () => Promise<void>;
  /** Publishes an operation on the chat (its secureKey added); rejects when the server did not take it. */
  publish: (operation: string, fields?: Record<string, unknown>) => Promise<void>;
  /** requestNotifications from `position`; resolves with the delivery it brought. */
  resync: (position: number) => Promise<void>;
  /** Where unsent messages survive a reload (restored when the outbox is created). */
  storage?: GenesysOutboxStorage;
}

export interface GenesysOutbox {
  send(text: string): Promise<void>;
  retry(clientId: string): Promise<void>;
  end(): Promise<void>;
  /** Drains the queue (call whenever the session comes online). */
  pump(): void;
  /** Matches the message in flight with the transcript (call after every delivery). */
  reconcile(): void;
  /** An error delivery: the operation in flight was refused. */
  refused(message: string): void;
  /** The chat ended: an end in flight is done. */
  ended(): void;
}

type Item = QueuedOutboxItem<SentFrom>;
type Message = Extract<Item, { kind: 'message' }> | PersistedOutboxMessage<SentFrom>;

export function createGenesysOutbox(deps: GenesysOutboxDeps): GenesysOutbox {
  const { store, clock } = deps;
  /** Transcript indices already matched to a message of this page, per chat. */
  const claimed = new Set<string>();
  /** The client ids of this page's messages found in the transcript (an attempt in flight may end after that). */
  const matched = new Set<string>();
  let waiter: { item: Item; done: () => void; fail: (e: Error) => void } | undefined;

  const claimKey = (chatId: string, index: number) => `${chatId}:${index}`;

  /** The visitor's Message in the transcript that stores `message`, claimed and reported to the store. */
  const match = (message: Message): boolean => {
    if (matched.has(message.clientId)) return true;
    const chat = deps.chat();
    const from = message.sentFrom;
    if (!chat || from?.chatId !== chat.chatId) return false;
    const echo = [...chat.messages.values()]
      .filter((m) => m.type === 'Message' && m.from.type === 'Client' && m.index >= from.position && m.text === message.text)
      .filter((m) => !claimed.has(claimKey(chat.chatId, m.index)))
      .sort((a, b) => a.index - b.index)[0];
    if (!echo) return false;
    claimed.add(claimKey(chat.chatId, echo.index));
    matched.add(message.clientId);
    store.dispatch([{ type: 'outboxStored', clientId: message.clientId, dialogId: chat.chatId, sequence: echo.index }]);
    return true;
  };

  /** Waits for `item` to be settled by reconcile()/ended() or refused(); rejects when going offline; 'timeout' after `ms`. */
  const settle = (item: Item, ms: number): Promise<'done' | 'timeout'> =>
    new Promise((resolve, reject) => {
      const signal = deps.onlineSignal();
      const finish = () => {
        clock.clearTimeout(timer);
        signal.removeEventListener('abort', offline);
        if (waiter?.item === item) waiter = undefined;
      };
      const offline = () => {
        finish();
        reject(new OfflineError('offline'));
      };
      const timer = clock.setTimeout(() => {
        finish();
        resolve('timeout');
      }, ms);
      if (signal.aborted) return offline();
      signal.addEventListener('abort', offline, { once: true });
      waiter = {
        item,
        done: () => {
          finish();
          resolve('done');
        },
        fail: (e) => {
          finish();
          reject(e);
        },
      };
    });

  const sendMessage = async (message: Extract<Item, { kind: 'message' }>): Promise<void> => {
    if (!deps.chat()) await deps.openChat();
    const chat = deps.chat();
    if (!chat) throw new OfflineError('no chat');
    if (message.sentFrom?.chatId === chat.chatId) {
      // It may be stored already: the replayed transcript tells whether GMS has it.
      if (match(message)) return;
      await deps.resync(message.sentFrom.position);
      if (match(message)) return;
    }
    message.sentFrom = { chatId: chat.chatId, position: chat.nextPosition };
    queue.persistNow();
    const echoed = settle(message, ECHO_TIMEOUT_MS);
    echoed.catch(() => undefined);
    // A publish the server did not acknowledge may still have been stored: its sentFrom tells the
    // next attempt to look for it first (after a failure the session is offline: that attempt waits).
    const publishing = deps.publish('sendMessage', { message: message.text }).then(() => 'published' as const);
    publishing.catch(() => undefined);
    // The echo may come before the publish's answer (or instead of it, when that is lost).
    if ((await Promise.race([publishing, echoed])) === 'done') return;
    if (match(message)) return waiter?.done();
    if ((await echoed) === 'timeout') throw new NoEchoError('GMS did not confirm the message');
  };

  const endChat = async (item: Item): Promise<void> => {
    if (!deps.chat()) return;
    const over = settle(item, ECHO_TIMEOUT_MS);
    over.catch(() => undefined);
    await deps.publish('disconnect');
    // Taken by the server: the chat ends with its chatEnded delivery (or the wait runs out).
    if (deps.chat()) await over;
    else waiter?.done();
  };

  const classify = (error: unknown): { failure: OutboxFailure } => {
    if (error instanceof OfflineError || !deps.isOnline()) return { failure: 'offline' };
    if (sessionErrorKind(error) === 'refused') return { failure: 'refused' };
    // No echo, or no answer to a publish, requestChat or requestNotifications: its fate is unknown.
    return { failure: 'uncertain' };
  };

  const queue = createOutboxQueue<SentFrom>(
    {
      store,
      clock,
      newClientId: deps.newClientId,
      isOnline: deps.isOnline,
      stopped: deps.stopped,
      maxAttempts: MAX_ATTEMPTS,
      perform: (item) => (item.kind === 'message' ? sendMessage(item) : endChat(item)),
      classify,
      storedAlready: match,
      ...(deps.storage ? { persist: (messages: PersistedOutboxMessage<SentFrom>[]) => deps.storage?.save(messages) } : {}),
    },
    deps.storage?.load() ?? [],
  );

  return {
    send: (text) => queue.send(text, {}),
    retry: (clientId) => queue.retry(clientId),
    end: () => queue.end(deps.chat() !== undefined),
    pump: queue.pump,
    reconcile() {
      const head = waiter?.item;
      if (head?.kind === 'message' && match(head)) waiter?.done();
    },
    refused(message) {
      waiter?.fail(sessionError('refused', message));
    },
    ended() {
      if (waiter?.item.kind === 'end') waiter.done();
    },
  };
}
