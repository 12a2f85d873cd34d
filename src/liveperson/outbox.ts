// The visitor's outgoing messages: an ordered queue drained only while the session is online
// (resubscribed). Creates the conversation on the first message, publishes with the client id as
// ExternalId metadata, reconciles with the echo or the replayed history, retries 429/5xx with
// backoff, and marks a message "Not sent" after repeated failures. Unsent messages are kept in
// sessionStorage (outbox-storage.ts) and restored by the next page of the tab.
import { MESSAGE_MAX_LENGTH } from '../core/session';
import type { ChatStore } from './chat-store';
import type { Clock } from './clock';
import type { Connection } from './connection';
import { createBackoff } from './backoff';
import { ConnectionClosedError, RequestFailedError, RequestTimeoutError, isRetryable } from './errors';
import { isRecord } from './http';
import type { OutboxStorage, PersistedMessage } from './outbox-storage';
import { activeTarget, type ActiveTarget, type Subscriber } from './resubscribe';
import { RequestTypes } from './wire';
import type { ConsumerRequestConversationBody, PublishEventBody } from './wire';

export interface OutboxDeps {
  connection: Connection;
  store: ChatStore;
  subscriber: Subscriber;
  clock: Clock;
  account: string;
  lang?: string;
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
  retry(clientId: string): Promise<void>;
  /** Drains the queue (call whenever the session comes online). */
  pump(): void;
  /** The open conversation, creating it when none is (once, even when asked concurrently). */
  ensureConversation(): Promise<ActiveTarget>;
}

interface Entry {
  clientId: string;
  text: string;
  createdAt: number;
  attempts: number;
  /** A publish of it went out without a definite answer: it may be stored already. */
  uncertain: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** How long an uncertain message waits for the replayed history before it is published again. */
export const UNCERTAIN_GRACE_MS = 300;

export function createOutbox(deps: OutboxDeps): Outbox {
  const { connection, store, subscriber, clock } = deps;
  const maxAttempts = deps.maxAttempts ?? 4;
  const backoff = createBackoff({ baseMs: 1_000, capMs: 15_000, ...(deps.random ? { random: deps.random } : {}) });
  const queue: Entry[] = [];
  const failed = new Map<string, PersistedMessage>();
  let draining = false;
  let creating: Promise<ActiveTarget> | undefined;
  /** A conversation we created (for this consumer) whose metadata has not arrived yet. */
  let created: (ActiveTarget & { consumerId: string | undefined }) | undefined;

  const known = (conversationId: string) => store.state.snapshots[conversationId] !== undefined || store.state.removed[conversationId] !== undefined;

  const target = (): ActiveTarget | undefined => {
    const active = activeTarget(store.state);
    if (active) return active;
    if (!created || known(created.conversationId) || created.consumerId !== store.consumerId) return undefined;
    return { conversationId: created.conversationId, dialogId: created.dialogId };
  };

  const requestConversation = async (): Promise<ActiveTarget> => {
    const body: ConsumerRequestConversationBody = {
      brandId: deps.account,
      channelType: 'MESSAGING',
      ...(deps.lang ? { conversationContext: { type: 'SharkContext', lang: deps.lang } } : {}),
    };
    try {
      const response = await connection.request(RequestTypes.ConsumerRequestConversation, body);
      const id = isRecord(response.body) ? response.body.conversationId : undefined;
      if (typeof id !== 'string' || id === '') throw new Error('The new conversation has no id');
      created = { conversationId: id, dialogId: id, consumerId: store.consumerId }; // the MAIN dialog id is the conversation id
      return { conversationId: id, dialogId: id };
    } catch (error) {
      // One open conversation per consumer: the server names the one we do not know yet. Adopt it.
      if (!(error instanceof RequestFailedError) || error.code !== 400) throw error;
      await subscriber.resubscribe();
      const adopted = activeTarget(store.state);
      if (!adopted) throw error;
      return adopted;
    }
  };

  const ensureConversation = (): Promise<ActiveTarget> => {
    const existing = target();
    if (existing) return Promise.resolve(existing);
    creating ??= requestConversation().finally(() => {
      creating = undefined;
    });
    return creating;
  };

  const persist = () => {
    const pending = queue.map(({ clientId, text, createdAt }) => ({ clientId, text, createdAt }));
    deps.storage?.save([...pending, ...[...failed.values()].map((m) => ({ ...m, failed: true }))]);
  };

  /** The message is already stored (its echo or the replayed history carries its ExternalId). */
  const reconcile = (entry: { clientId: string }): boolean => {
    for (const message of Object.values(store.state.messages)) {
      if (message.clientId !== entry.clientId) continue;
      store.dispatch([{ type: 'outboxStored', clientId: entry.clientId, dialogId: message.dialogId, sequence: message.sequence }]);
      return true;
    }
    return false;
  };

  /** A "Not sent" message that the server has after all (e.g. restored after a reload) is no longer failed. */
  const reconcileFailed = () => {
    let changed = false;
    for (const message of [...failed.values()]) {
      if (reconcile(message)) changed = failed.delete(message.clientId);
    }
    if (changed) persist();
  };

  const publish = async (entry: Entry) => {
    const { conversationId, dialogId } = await ensureConversation();
    await subscriber.ensureDialog(dialogId, conversationId);
    if (reconcile(entry)) return;
    const body: PublishEventBody = { dialogId, conversationId, event: { type: 'ContentEvent', contentType: 'text/plain', message: entry.text } };
    entry.uncertain = true;
    const response = await connection.request(RequestTypes.PublishEvent, body, { metadata: [{ type: 'ExternalId', id: entry.clientId }] }).catch((error: unknown) => {
      if (error instanceof RequestFailedError) entry.uncertain = false; // the server answered: not stored
      throw error;
    });
    const sequence = isRecord(response.body) ? response.body.sequence : undefined;
    if (typeof sequence === 'number' && Number.isInteger(sequence) && sequence >= 0) {
      store.dispatch([{ type: 'outboxStored', clientId: entry.clientId, dialogId, sequence }]);
    }
  };

  const fail = (entry: Entry, error: unknown) => {
    failed.set(entry.clientId, { clientId: entry.clientId, text: entry.text, createdAt: entry.createdAt });
    persist();
    const reason = error instanceof Error ? error.message : 'unknown error';
    store.dispatch([{ type: 'outboxFailed', clientId: entry.clientId, reason, at: clock.now() }]);
    entry.reject(new Error(`Message not sent: ${reason}`, { cause: error }));
  };

  const drain = async () => {
    if (deps.isOnline()) reconcileFailed();
    while (queue.length > 0 && deps.isOnline() && !deps.stopped.aborted) {
      const entry = queue[0] as Entry;
      try {
        if (!reconcile(entry) && entry.uncertain) {
          // Notifications may arrive out of order, even after later responses: give the replayed
          // history a moment to bring the message before publishing it again.
          await clock.sleep(UNCERTAIN_GRACE_MS, deps.stopped);
          if (!deps.isOnline() || deps.stopped.aborted) return;
        }
        if (!reconcile(entry)) await publish(entry);
        queue.shift();
        persist();
        backoff.reset();
        entry.resolve();
      } catch (error) {
        if (deps.stopped.aborted || error instanceof ConnectionClosedError || !deps.isOnline()) return; // resumes when online again
        entry.attempts += 1;
        if (error instanceof RequestTimeoutError && entry.attempts < maxAttempts) {
          // No answer: the request may have been stored. Publishing again on this socket could store it
          // twice; a new socket's resubscribe replays the history, which tells (reconcile by ExternalId).
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

  const pump = () => {
    if (draining) return;
    draining = true;
    drain().finally(() => {
      draining = false;
      if (queue.length > 0 && deps.isOnline() && !deps.stopped.aborted) pump();
    });
  };

  const enqueue = (clientId: string, text: string, createdAt: number) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ clientId, text, createdAt, attempts: 0, uncertain: false, resolve, reject });
      persist();
      pump();
    });

  // Messages an earlier page of this tab could not send: shown again at once, sent (or reconciled
  // with the replayed history) once online; nobody awaits them any more.
  for (const message of deps.storage?.load() ?? []) {
    store.dispatch([{ type: 'outboxAdded', clientId: message.clientId, text: message.text, createdAt: message.createdAt }]);
    if (message.failed) {
      failed.set(message.clientId, { clientId: message.clientId, text: message.text, createdAt: message.createdAt });
      store.dispatch([{ type: 'outboxFailed', clientId: message.clientId, reason: 'not sent before the page was left', at: message.createdAt }]);
    } else {
      // The earlier page may have published it: uncertain.
      queue.push({ ...message, attempts: 0, uncertain: true, resolve: () => undefined, reject: () => undefined });
    }
  }

  deps.stopped.addEventListener('abort', () => {
    for (const entry of queue.splice(0)) entry.reject(new Error('The chat session stopped'));
  });

  return {
    send(text) {
      const trimmed = text.trim();
      if (trimmed === '') return Promise.reject(new Error('A message needs some text'));
      if (trimmed.length > MESSAGE_MAX_LENGTH) return Promise.reject(new Error(`A message can have at most ${MESSAGE_MAX_LENGTH} characters`));
      if (deps.stopped.aborted) return Promise.reject(new Error('The chat session stopped'));
      const clientId = deps.newClientId();
      const createdAt = clock.now();
      store.dispatch([{ type: 'outboxAdded', clientId, text: trimmed, createdAt }]);
      return enqueue(clientId, trimmed, createdAt);
    },
    retry(clientId) {
      const message = failed.get(clientId);
      if (message === undefined) return Promise.reject(new Error('There is no failed message with that id'));
      failed.delete(clientId);
      store.dispatch([{ type: 'outboxRetried', clientId, at: clock.now() }]);
      return enqueue(clientId, message.text, message.createdAt);
    },
    pump,
    ensureConversation,
  };
}
