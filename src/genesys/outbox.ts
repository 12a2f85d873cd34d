// The visitor's outgoing GMS operations: an ordered queue drained only while the session is online
// (handshaken and resynced): messages, then the end of the chat, so an end asked for while offline
// goes out after the messages typed before it. The first message opens the chat (requestChat).
// GMS does not deduplicate and has no client ids: a message counts as stored once the transcript
// shows the visitor's Message with its text at or after the position it was sent from. A message
// whose fate is unknown (no echo: the connection dropped, or no answer) is reconciled against the
// replayed transcript (requestNotifications) before it is published again.
import { sessionError, type SessionErrorKind } from '../core/session';
import { addToOutbox } from '../core/outboxAdd';
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import { createSerialPump } from '../core/serialPump';
import type { GmsMessage } from './gmsDecode';

/** How long a published message waits for its echo before the transcript is asked for again. */
export const ECHO_TIMEOUT_MS = 8_000;
/** Attempts before a message shows "Not sent" (a refusal fails it at once). */
export const MAX_ATTEMPTS = 3;

/** Thrown while the session went offline: the entry stays queued for the next online period. */
export class OfflineError extends Error {}

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
}

interface MessageEntry {
  kind: 'message';
  clientId: string;
  text: string;
  createdAt: number;
  attempts: number;
  /** The transcript position it was last published from (set: its fate is unknown until echoed). */
  sentFrom?: number;
  resolve: () => void;
  reject: (error: Error) => void;
}
interface EndEntry {
  kind: 'end';
  resolve: () => void;
  reject: (error: Error) => void;
}
type Entry = MessageEntry | EndEntry;

export interface GenesysOutbox {
  send(text: string): Promise<void>;
  retry(clientId: string): Promise<void>;
  end(): Promise<void>;
  /** Drains the queue (call whenever the session comes online). */
  pump(): void;
  /** Matches queued messages with the transcript (call after every delivery). */
  reconcile(): void;
  /** An error delivery: the operation in flight was refused. */
  refused(message: string): void;
  /** The chat ended: an end in flight is done. */
  ended(): void;
}

export function createGenesysOutbox(deps: GenesysOutboxDeps): GenesysOutbox {
  const { store, clock } = deps;
  const queue: Entry[] = [];
  const failed = new Map<string, { text: string; createdAt: number }>();
  /** Transcript indices already matched to a queued message, per chat. */
  const claimed = new Set<string>();
  let waiter: { entry: Entry; done: () => void; fail: (e: Error) => void } | undefined;

  const claimKey = (chatId: string, index: number) => `${chatId}:${index}`;

  /** The visitor's Message in the transcript that stores `entry`, claimed and reported to the store. */
  const match = (entry: MessageEntry): boolean => {
    const chat = deps.chat();
    if (!chat || entry.sentFrom === undefined) return false;
    const echo = [...chat.messages.values()]
      .filter((m) => m.type === 'Message' && m.from.type === 'Client' && m.index >= (entry.sentFrom ?? 0) && m.text === entry.text)
      .filter((m) => !claimed.has(claimKey(chat.chatId, m.index)))
      .sort((a, b) => a.index - b.index)[0];
    if (!echo) return false;
    claimed.add(claimKey(chat.chatId, echo.index));
    store.dispatch([{ type: 'outboxStored', clientId: entry.clientId, dialogId: chat.chatId, sequence: echo.index }]);
    return true;
  };

  /** Waits for `entry` to be settled by reconcile()/ended() or refused(); rejects when going offline or after `ms`. */
  const settle = (entry: Entry, ms: number): Promise<'done' | 'timeout'> =>
    new Promise((resolve, reject) => {
      const signal = deps.onlineSignal();
      const finish = () => {
        clock.clearTimeout(timer);
        signal.removeEventListener('abort', offline);
        if (waiter?.entry === entry) waiter = undefined;
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
        entry,
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

  const sendMessage = async (entry: MessageEntry): Promise<void> => {
    if (!deps.chat()) await deps.openChat();
    const chat = deps.chat();
    if (!chat) throw new OfflineError('no chat');
    if (entry.sentFrom !== undefined) {
      // Its fate is unknown: the replayed transcript tells whether GMS has it.
      await deps.resync(entry.sentFrom);
      if (match(entry)) return;
    }
    while (entry.attempts < MAX_ATTEMPTS) {
      entry.attempts += 1;
      entry.sentFrom = deps.chat()?.nextPosition ?? chat.nextPosition;
      const echoed = settle(entry, ECHO_TIMEOUT_MS);
      echoed.catch(() => undefined);
      // A publish the server did not acknowledge may still have been stored: reconciled when online again.
      await deps.publish('sendMessage', { message: entry.text }).catch((error: unknown) => {
        throw new OfflineError(error instanceof Error ? error.message : 'offline');
      });
      if (match(entry)) {
        waiter?.done();
        return;
      }
      if ((await echoed) === 'done') return;
      await deps.resync(entry.sentFrom);
      if (match(entry)) return;
    }
    throw sessionError('network', 'GMS did not confirm the message');
  };

  const endChat = async (entry: EndEntry): Promise<void> => {
    if (!deps.chat()) return;
    const over = settle(entry, ECHO_TIMEOUT_MS);
    over.catch(() => undefined);
    await deps.publish('disconnect');
    if (deps.chat()) await over;
    else waiter?.done();
  };

  const fail = (entry: Entry, error: unknown) => {
    const reason = error instanceof Error ? error.message : 'unknown error';
    const kind: SessionErrorKind = (error as { kind?: SessionErrorKind }).kind ?? 'network';
    if (entry.kind === 'end') return entry.reject(sessionError(kind, `The chat could not be ended: ${reason}`, { cause: error }));
    failed.set(entry.clientId, { text: entry.text, createdAt: entry.createdAt });
    store.dispatch([{ type: 'outboxFailed', clientId: entry.clientId, reason, at: clock.now() }]);
    entry.reject(sessionError(kind, `Message not sent: ${reason}`, { cause: error }));
  };

  const drain = async () => {
    while (queue.length > 0 && deps.isOnline() && !deps.stopped.aborted) {
      const entry = queue[0] as Entry;
      try {
        if (entry.kind === 'message') await sendMessage(entry);
        else await endChat(entry);
        queue.shift();
        entry.resolve();
      } catch (error) {
        if (deps.stopped.aborted) return;
        if (error instanceof OfflineError || !deps.isOnline()) return; // resumes when online again
        queue.shift();
        fail(entry, error);
      }
    }
  };

  const pump = createSerialPump(drain, () => queue.length > 0 && deps.isOnline() && !deps.stopped.aborted);

  const enqueue = (m: { clientId: string; text: string; createdAt: number }) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ kind: 'message', ...m, attempts: 0, resolve, reject });
      pump();
    });

  deps.stopped.addEventListener('abort', () => {
    for (const entry of queue.splice(0)) entry.reject(sessionError('stopped', 'The chat session stopped'));
  });

  return {
    send(text) {
      const queued = addToOutbox(deps, text, deps.stopped.aborted);
      return 'error' in queued ? Promise.reject(queued.error) : enqueue(queued);
    },
    retry(clientId) {
      const message = failed.get(clientId);
      if (message === undefined) return Promise.reject(sessionError('notFound', 'There is no failed message with that id'));
      failed.delete(clientId);
      store.dispatch([{ type: 'outboxRetried', clientId, at: clock.now() }]);
      return enqueue({ clientId, ...message });
    },
    end() {
      if (deps.stopped.aborted) return Promise.reject(sessionError('stopped', 'The chat session stopped'));
      if (!deps.chat() && !queue.some((e) => e.kind === 'message')) return Promise.reject(sessionError('nothingToEnd', 'There is no open chat to end'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ kind: 'end', resolve, reject });
        pump();
      });
    },
    pump,
    reconcile() {
      const head = waiter?.entry;
      if (head?.kind === 'message' && match(head)) waiter?.done();
    },
    refused(message) {
      waiter?.fail(sessionError('refused', message));
    },
    ended() {
      if (waiter?.entry.kind === 'end') waiter.done();
    },
  };
}
