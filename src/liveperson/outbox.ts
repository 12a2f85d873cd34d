// The visitor's outgoing actions: an ordered queue drained only while the session is online
// (resubscribed): messages (typed, or quick-reply choices) and the end of the conversation, so an
// end asked for while offline goes out after the messages typed before it. What each item sends is
// in outboxPublish.ts. Retries 429/5xx with backoff; after repeated failures a message shows
// "Not sent". Unsent messages are kept in sessionStorage (outboxStorage.ts) and restored by the
// next page of the tab.
import { sessionError } from '../core/session';
import { addToOutbox } from '../core/outboxAdd';
import type { OutgoingFile } from '../core/model';
import type { Clock } from '../core/clock';
import { createSerialPump } from '../core/serialPump';
import { createBackoff } from './backoff';
import { classify, ConnectionClosedError, isRetryable, RequestFailedError, sessionErrorKindOf } from './errors';
import { createPublisher, type OutgoingMessage, type PublisherDeps, type ReplyChoice } from './outboxPublish';
import type { OutboxStorage, PersistedMessage } from './outboxStorage';
import type { DialogTarget } from '../core/conversation';
import type { HostedFileMessage } from './wire';

export interface OutboxDeps extends PublisherDeps {
  clock: Clock;
  newClientId: () => string;
  isOnline: () => boolean;
  /** Aborted when the session stops. */
  stopped: AbortSignal;
  maxAttempts?: number;
  random?: () => number;
  /** Where unsent messages survive a reload (restored when the outbox is created). */
  storage?: OutboxStorage;
}

export interface Outbox {
  send(text: string): Promise<void>;
  /**
   * Publishes an uploaded file (its bubble was added when the upload began, under `clientId`):
   * queued like a message, at most once (ExternalId).
   */
  sendFile(message: { clientId: string; text: string; createdAt: number; file: HostedFileMessage }): Promise<void>;
  /** Sends a quick-reply choice: its ACTION receipt, then its text (both with the click metadata). */
  choose(text: string, reply: ReplyChoice): Promise<void>;
  retry(clientId: string): Promise<void>;
  /** Ends the open conversation after everything queued before; resolves once done (or nothing is open any more). */
  end(): Promise<void>;
  /** Drains the queue (call whenever the session comes online). */
  pump(): void;
  /** The open conversation, creating it when none is (once, even when asked concurrently). */
  ensureConversation(): Promise<DialogTarget>;
}

type Entry = (({ kind: 'message'; createdAt: number } & OutgoingMessage) | { kind: 'end'; clientId: string; uncertain: boolean }) & {
  attempts: number;
  resolve: () => void;
  reject: (error: Error) => void;
};

/** What a queued message holds (and what is kept of it in storage). */
interface Queued {
  clientId: string;
  text: string;
  createdAt: number;
  reply?: ReplyChoice;
  file?: HostedFileMessage;
}

/** How long an uncertain message waits for the replayed history before it is published again. */
export const UNCERTAIN_GRACE_MS = 300;

/** A stored file's bubble while it waits to be published. */
export function outgoingFile(file: HostedFileMessage): OutgoingFile {
  return { name: file.caption, caption: file.caption, fileType: file.fileType, ...(file.preview ? { preview: file.preview } : {}) };
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { connection, store, clock } = deps;
  const maxAttempts = deps.maxAttempts ?? 4;
  const backoff = createBackoff({ baseMs: 1_000, capMs: 15_000, ...(deps.random ? { random: deps.random } : {}) });
  const publisher = createPublisher(deps);
  const queue: Entry[] = [];
  const failed = new Map<string, PersistedMessage>();

  const persisted = (m: Queued): PersistedMessage => ({
    clientId: m.clientId,
    text: m.text,
    createdAt: m.createdAt,
    ...(m.reply ? { reply: m.reply } : {}),
    ...(m.file ? { file: m.file } : {}),
  });

  const persist = () => {
    const pending = queue.flatMap((e) => (e.kind === 'message' ? [persisted(e)] : []));
    deps.storage?.save([...pending, ...[...failed.values()].map((m) => ({ ...m, failed: true }))]);
  };

  /** A "Not sent" message that the server has after all (e.g. restored after a reload) is no longer failed. */
  const reconcileFailed = () => {
    let changed = false;
    for (const message of [...failed.values()]) {
      if (publisher.reconcile(message.clientId)) changed = failed.delete(message.clientId);
    }
    if (changed) persist();
  };

  const fail = (entry: Entry, error: unknown) => {
    const reason = error instanceof Error ? error.message : 'unknown error';
    const kind = sessionErrorKindOf(error);
    if (entry.kind === 'end') return entry.reject(sessionError(kind, `The conversation could not be ended: ${reason}`, { cause: error }));
    failed.set(entry.clientId, { ...persisted(entry) });
    persist();
    store.dispatch([{ type: 'outboxFailed', clientId: entry.clientId, reason, at: clock.now() }]);
    entry.reject(sessionError(kind, `Message not sent: ${reason}`, { cause: error }));
  };

  const perform = async (entry: Entry) => {
    if (entry.kind === 'end') return publisher.endConversation();
    if (!publisher.reconcile(entry.clientId) && entry.uncertain) {
      // Notifications may arrive out of order, even after later responses: give the replayed
      // history a moment to bring the message before publishing it again.
      await clock.sleep(UNCERTAIN_GRACE_MS, deps.stopped);
      if (!deps.isOnline() || deps.stopped.aborted) throw new ConnectionClosedError('ms.PublishEvent');
    }
    if (!publisher.reconcile(entry.clientId)) await publisher.publishMessage(entry);
  };

  const drain = async () => {
    if (deps.isOnline()) reconcileFailed();
    while (queue.length > 0 && deps.isOnline() && !deps.stopped.aborted) {
      const entry = queue[0] as Entry;
      try {
        await perform(entry);
        queue.shift();
        persist();
        backoff.reset();
        entry.resolve();
      } catch (error) {
        const failure = classify(error);
        if (deps.stopped.aborted || failure === 'closed' || !deps.isOnline()) return; // resumes when online again
        entry.attempts += 1;
        if (failure === 'timeout' && entry.attempts < maxAttempts) {
          // No answer: the request may have been stored. Sending it again on this socket could store it
          // twice; a new socket's resubscribe replays the history (and the conversation state), which tells.
          connection.reconnect('a request got no answer');
          return;
        }
        if (isRetryable(error) && entry.attempts < maxAttempts) {
          const floor = error instanceof RequestFailedError && error.code === 429 ? 1_000 : 0;
          await clock.sleep(Math.max(floor, backoff.next()), deps.stopped);
          continue;
        }
        queue.shift();
        fail(entry, error);
      }
    }
  };

  const pump = createSerialPump(drain, () => queue.length > 0 && deps.isOnline() && !deps.stopped.aborted);

  const enqueue = (message: Queued) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ kind: 'message', ...message, attempts: 0, uncertain: false, resolve, reject });
      persist();
      pump();
    });

  const accept = (text: string, reply?: ReplyChoice): Promise<void> => {
    const queued = addToOutbox(deps, text, deps.stopped.aborted);
    if ('error' in queued) return Promise.reject(queued.error);
    return enqueue({ ...queued, ...(reply ? { reply } : {}) });
  };

  // Messages an earlier page of this tab could not send: shown again at once, sent (or reconciled
  // with the replayed history) once online; nobody awaits them any more.
  const restored = deps.storage?.load() ?? [];
  store.dispatch(restored.map((m) => ({ type: 'outboxAdded' as const, clientId: m.clientId, text: m.text, createdAt: m.createdAt, ...(m.file ? { file: outgoingFile(m.file) } : {}) })));
  const failures = restored.filter((m) => m.failed);
  for (const message of failures) failed.set(message.clientId, persisted(message));
  store.dispatch(failures.map((m) => ({ type: 'outboxFailed' as const, clientId: m.clientId, reason: 'not sent before the page was left', at: m.createdAt })));
  // The earlier page may have published these: uncertain.
  for (const message of restored) {
    if (!message.failed) queue.push({ kind: 'message', ...persisted(message), attempts: 0, uncertain: true, resolve: () => undefined, reject: () => undefined });
  }

  deps.stopped.addEventListener('abort', () => {
    for (const entry of queue.splice(0)) entry.reject(sessionError('stopped', 'The chat session stopped'));
  });

  return {
    send: (text) => accept(text),
    sendFile: (message) => (deps.stopped.aborted ? Promise.reject(sessionError('stopped', 'The chat session stopped')) : enqueue(message)),
    choose: (text, reply) => accept(text, reply),
    retry(clientId) {
      const message = failed.get(clientId);
      if (message === undefined) return Promise.reject(sessionError('notFound', 'There is no failed message with that id'));
      failed.delete(clientId);
      store.dispatch([{ type: 'outboxRetried', clientId, at: clock.now() }]);
      return enqueue(persisted(message));
    },
    end() {
      if (deps.stopped.aborted) return Promise.reject(sessionError('stopped', 'The chat session stopped'));
      if (!publisher.target() && !queue.some((e) => e.kind === 'message')) return Promise.reject(sessionError('nothingToEnd', 'There is no open conversation to end'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ kind: 'end', clientId: deps.newClientId(), uncertain: false, attempts: 0, resolve, reject });
        pump();
      });
    },
    pump,
    ensureConversation: () => publisher.ensureConversation(),
  };
}
