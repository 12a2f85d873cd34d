// The backend-neutral half of an outbox: one ordered queue of the visitor's messages and the end of
// the chat, drained one item at a time while the session is online, so an end asked for while
// offline goes out after the messages typed before it. It keeps each item's attempts and the
// backoff between retryable failures, turns a message that failed for good into "Not sent"
// (outboxFailed) and sends it again on Retry (outboxRetried), restores what an earlier page of the
// tab left unsent, and hands every change of the unsent set to `persist`. What an item sends, and
// what a failure means, are the backend's hooks (`perform`, `classify`, `onUncertain`,
// `storedAlready`, `fileOf`). Both backends' outboxes are this queue. No I/O of its own.
import { sessionError, sessionErrorKind, type SessionErrorKind } from './session';
import { addToOutbox } from './outboxAdd';
import type { OutgoingFile } from './model';
import type { ChatStore } from './store';
import type { Clock } from './clock';
import { createSerialPump } from './serialPump';

/**
 * What a failed attempt means:
 * - `offline`: the session went offline; the item stays first in the queue and is not counted.
 * - `uncertain`: no definite answer, the item may be stored; counted; `onUncertain` says what next.
 * - `retryable`: the server said "later" (429, 5xx); counted; retried after the backoff.
 * - `refused`: the server refused it; it fails at once.
 */
export type OutboxFailure = 'offline' | 'uncertain' | 'retryable' | 'refused';

/** A message as it is kept between pages: `X` holds the backend's own fields (e.g. a quick reply). */
export type PersistedOutboxMessage<X extends object = object> = X & {
  clientId: string;
  text: string;
  createdAt: number;
  /** It had failed for good ("Not sent"): it waits for the visitor's Retry. */
  failed?: boolean;
};

export type QueuedOutboxMessage<X extends object = object> = X & {
  kind: 'message';
  clientId: string;
  text: string;
  createdAt: number;
  attempts: number;
  /** A publish of it went out without a definite answer (or an earlier page's may have): it may be stored already. */
  uncertain: boolean;
};
export interface QueuedOutboxEnd {
  kind: 'end';
  attempts: number;
}
export type QueuedOutboxItem<X extends object = object> = QueuedOutboxMessage<X> | QueuedOutboxEnd;

/** The delay before the next retry of a retryable failure (each call counts one), and its reset after a success. */
export interface RetryBackoff {
  next(): number;
  reset(): void;
}

export interface OutboxQueueDeps<X extends object> {
  store: ChatStore;
  clock: Clock;
  newClientId: () => string;
  isOnline: () => boolean;
  /** Aborted when the session stops: everything queued is rejected. */
  stopped: AbortSignal;
  /** Attempts (counted failures included) before a message shows "Not sent". */
  maxAttempts: number;
  backoff?: RetryBackoff;
  /** Stores a message (reconciling first: it may be stored already), or ends the chat. */
  perform(item: QueuedOutboxItem<X>): Promise<void>;
  /** What a failure of `perform` means, the least wait before a retryable one is retried, and the kind a rejection carries (default: the error's own, else `network`). */
  classify(error: unknown): { failure: OutboxFailure; minDelayMs?: number; kind?: SessionErrorKind };
  /** After an uncertain failure: `retry` at once (perform reconciles first), or `wait` for the next online period. Default `retry`. */
  onUncertain?(item: QueuedOutboxItem<X>): 'retry' | 'wait';
  /** The server has this "Not sent" message after all (checked while online): it is marked stored there. */
  storedAlready?(message: PersistedOutboxMessage<X>): boolean;
  /** The file a restored message stands for (its bubble shows the file, not the text); none for a text. */
  fileOf?(message: PersistedOutboxMessage<X>): OutgoingFile | undefined;
  /** The unsent messages, queued and failed, in order, after every change. */
  persist?(messages: PersistedOutboxMessage<X>[]): void;
}

export interface OutboxQueue<X extends object> {
  /** Checks the text, shows it pending at once, and queues it; resolves once stored. */
  send(text: string, extra: X): Promise<void>;
  /** Queues a message whose bubble is shown already (e.g. an uploaded file, under its client id); resolves once stored. */
  sendShown(message: PersistedOutboxMessage<X>): Promise<void>;
  retry(clientId: string): Promise<void>;
  /** Queues the end of the chat behind everything queued; `nothingToEnd` when no chat is open or coming. */
  end(chatOpen: boolean): Promise<void>;
  /** Drains the queue (call whenever the session comes online). */
  pump(): void;
  /** The item in flight (the first in the queue), if any. */
  head(): QueuedOutboxItem<X> | undefined;
  /** Saves the unsent set again (after a backend field of a queued message changed). */
  persistNow(): void;
}

type Waiting<X extends object> = QueuedOutboxItem<X> & { resolve: () => void; reject: (error: Error) => void };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : 'unknown error');

export function createOutboxQueue<X extends object>(deps: OutboxQueueDeps<X>, restored: readonly PersistedOutboxMessage<X>[] = []): OutboxQueue<X> {
  const { store, clock } = deps;
  const queue: Waiting<X>[] = [];
  const failed = new Map<string, PersistedOutboxMessage<X>>();

  const persisted = (m: QueuedOutboxMessage<X> | PersistedOutboxMessage<X>): PersistedOutboxMessage<X> => {
    const { kind: _kind, attempts: _attempts, uncertain: _uncertain, failed: _failed, resolve: _resolve, reject: _reject, ...rest } = m as QueuedOutboxMessage<X> &
      PersistedOutboxMessage<X> & { resolve?: unknown; reject?: unknown };
    return rest as unknown as PersistedOutboxMessage<X>;
  };
  const persist = () => {
    if (!deps.persist) return;
    const pending = queue.flatMap((e) => (e.kind === 'message' ? [persisted(e)] : []));
    deps.persist([...pending, ...[...failed.values()].map((m) => ({ ...m, failed: true }))]);
  };

  /** A "Not sent" message that the server has after all (e.g. restored after a reload) is no longer failed. */
  const reconcileFailed = () => {
    if (!deps.storedAlready) return;
    let changed = false;
    for (const [clientId, message] of [...failed]) {
      if (deps.storedAlready(message)) changed = failed.delete(clientId) || changed;
    }
    if (changed) persist();
  };

  const fail = (entry: Waiting<X>, error: unknown, kind: SessionErrorKind = sessionErrorKind(error) ?? 'network') => {
    const reason = reasonOf(error);
    if (entry.kind === 'end') return entry.reject(sessionError(kind, `The conversation could not be ended: ${reason}`, { cause: error }));
    failed.set(entry.clientId, persisted(entry));
    persist();
    store.dispatch([{ type: 'outboxFailed', clientId: entry.clientId, reason, at: clock.now() }]);
    entry.reject(sessionError(kind, `Message not sent: ${reason}`, { cause: error }));
  };

  const canDrain = () => queue.length > 0 && deps.isOnline() && !deps.stopped.aborted;
  /** An uncertain item waits for the next online period (onUncertain said so): only pump() resumes. */
  let parked = false;

  const drain = async () => {
    if (deps.isOnline()) reconcileFailed();
    while (canDrain()) {
      const entry = queue[0] as Waiting<X>;
      try {
        await deps.perform(entry);
        queue.shift();
        persist();
        deps.backoff?.reset();
        entry.resolve();
      } catch (error) {
        const { failure, minDelayMs = 0, kind } = deps.classify(error);
        if (deps.stopped.aborted || failure === 'offline' || !deps.isOnline()) return; // resumes when online again
        entry.attempts += 1;
        if (failure === 'uncertain' && entry.kind === 'message') entry.uncertain = true;
        if (failure === 'refused' || entry.attempts >= deps.maxAttempts) {
          queue.shift();
          fail(entry, error, kind);
          continue;
        }
        if (failure === 'uncertain') {
          if ((deps.onUncertain?.(entry) ?? 'retry') === 'wait') {
            parked = true;
            return;
          }
          continue;
        }
        await clock.sleep(Math.max(minDelayMs, deps.backoff?.next() ?? 0), deps.stopped);
      }
    }
  };

  const run = createSerialPump(drain, () => canDrain() && !parked);
  const pump = () => {
    parked = false;
    run();
  };

  const enqueue = (message: PersistedOutboxMessage<X>, uncertain = false) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ ...persisted(message), kind: 'message', attempts: 0, uncertain, resolve, reject } as Waiting<X>);
      persist();
      if (!parked) run();
    });

  // Messages an earlier page of this tab could not send: shown again at once, sent (or reconciled
  // with the server's history) once online; nobody awaits them any more. The earlier page may have
  // published them: uncertain.
  store.dispatch(
    restored.map((m) => {
      const file = deps.fileOf?.(m);
      return { type: 'outboxAdded' as const, clientId: m.clientId, text: m.text, createdAt: m.createdAt, ...(file ? { file } : {}) };
    }),
  );
  const failures = restored.filter((m) => m.failed);
  for (const message of failures) failed.set(message.clientId, persisted(message));
  store.dispatch(failures.map((m) => ({ type: 'outboxFailed' as const, clientId: m.clientId, reason: 'not sent before the page was left', at: m.createdAt })));
  for (const message of restored) {
    if (!message.failed) queue.push({ ...persisted(message), kind: 'message', attempts: 0, uncertain: true, resolve: () => undefined, reject: () => undefined } as Waiting<X>);
  }

  deps.stopped.addEventListener('abort', () => {
    for (const entry of queue.splice(0)) entry.reject(sessionError('stopped', 'The chat session stopped'));
  });

  return {
    send(text, extra) {
      const queued = addToOutbox(deps, text, deps.stopped.aborted);
      return 'error' in queued ? Promise.reject(queued.error) : enqueue({ ...extra, ...queued });
    },
    sendShown: (message) => (deps.stopped.aborted ? Promise.reject(sessionError('stopped', 'The chat session stopped')) : enqueue(message)),
    retry(clientId) {
      const message = failed.get(clientId);
      if (message === undefined) return Promise.reject(sessionError('notFound', 'There is no failed message with that id'));
      failed.delete(clientId);
      store.dispatch([{ type: 'outboxRetried', clientId, at: clock.now() }]);
      return enqueue(message);
    },
    end(chatOpen) {
      if (deps.stopped.aborted) return Promise.reject(sessionError('stopped', 'The chat session stopped'));
      if (!chatOpen && !queue.some((e) => e.kind === 'message')) return Promise.reject(sessionError('nothingToEnd', 'There is no open conversation to end'));
      return new Promise<void>((resolve, reject) => {
        queue.push({ kind: 'end', attempts: 0, resolve, reject });
        if (!parked) run();
      });
    },
    pump,
    head: () => queue[0],
    persistNow: persist,
  };
}
