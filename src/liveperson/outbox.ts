// The visitor's outgoing actions on LivePerson, on core's ordered queue (src/core/outboxQueue.ts:
// order, drained only while online, i.e. resubscribed; attempts and backoff; "Not sent" and Retry;
// restoring what an earlier page of the tab left unsent): messages (typed, quick-reply choices,
// uploaded files) and the end of the conversation. This module supplies LivePerson's hooks: what
// each item sends (outboxPublish.ts), what a failure means (errors.ts classify()), and at most once
// by ExternalId = client id: a message the server may have (no answer, or restored from an earlier
// page) is looked for in the replayed history before it is published again. Unsent messages are
// kept in sessionStorage (outboxStorage.ts).
import { createOutboxQueue, type OutboxFailure, type QueuedOutboxItem } from '../core/outboxQueue';
import type { OutgoingFile } from '../core/model';
import type { Clock } from '../core/clock';
import type { SessionErrorKind } from '../core/session';
import { createBackoff } from './backoff';
import { classify, ConnectionClosedError, RequestFailedError, sessionErrorKindOf } from './errors';
import { createPublisher, type PublisherDeps, type ReplyChoice } from './outboxPublish';
import type { OutboxStorage, ReplyField } from './outboxStorage';
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

/** How long an uncertain message waits for the replayed history before it is published again. */
export const UNCERTAIN_GRACE_MS = 300;
/** Attempts (counted failures included) before a message shows "Not sent". */
export const MAX_ATTEMPTS = 4;

/** A stored file's bubble while it waits to be published. */
export function outgoingFile(file: HostedFileMessage): OutgoingFile {
  return { name: file.caption, caption: file.caption, fileType: file.fileType, ...(file.preview ? { preview: file.preview } : {}) };
}

/** What a failed attempt means to the queue, from the one classifier (errors.ts). */
export function outboxFailureOf(error: unknown): { failure: OutboxFailure; minDelayMs?: number; kind: SessionErrorKind } {
  const kind = sessionErrorKindOf(error);
  switch (classify(error)) {
    case 'closed':
      return { failure: 'offline', kind };
    case 'timeout':
      // No answer: the request may have been carried out.
      return { failure: 'uncertain', kind };
    case 'retryable':
      return { failure: 'retryable', minDelayMs: error instanceof RequestFailedError && error.code === 429 ? 1_000 : 0, kind };
    default:
      return { failure: 'refused', kind };
  }
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { connection, store, clock } = deps;
  const publisher = createPublisher(deps);

  const publish = async (message: Extract<QueuedOutboxItem<ReplyField>, { kind: 'message' }>) => {
    if (!publisher.reconcile(message.clientId) && message.uncertain) {
      // Notifications may arrive out of order, even after later responses: give the replayed
      // history a moment to bring the message before publishing it again.
      await clock.sleep(UNCERTAIN_GRACE_MS, deps.stopped);
      if (!deps.isOnline() || deps.stopped.aborted) throw new ConnectionClosedError('ms.PublishEvent');
    }
    if (!publisher.reconcile(message.clientId)) await publisher.publishMessage(message);
  };

  const queue = createOutboxQueue<ReplyField>(
    {
      store,
      clock,
      newClientId: deps.newClientId,
      isOnline: deps.isOnline,
      stopped: deps.stopped,
      maxAttempts: deps.maxAttempts ?? MAX_ATTEMPTS,
      backoff: createBackoff({ baseMs: 1_000, capMs: 15_000, ...(deps.random ? { random: deps.random } : {}) }),
      perform: (item) => (item.kind === 'message' ? publish(item) : publisher.endConversation()),
      classify: outboxFailureOf,
      onUncertain() {
        // Sending it again on this socket could store it twice; a new socket's resubscribe replays
        // the history (and the conversation state), which tells.
        connection.reconnect('a request got no answer');
        return 'wait';
      },
      storedAlready: (message) => publisher.reconcile(message.clientId),
      fileOf: (message) => (message.file ? outgoingFile(message.file) : undefined),
      ...(deps.storage ? { persist: (messages) => deps.storage?.save(messages) } : {}),
    },
    deps.storage?.load() ?? [],
  );

  return {
    send: (text) => queue.send(text, {}),
    sendFile: (message) => queue.sendShown(message),
    choose: (text, reply) => queue.send(text, { reply }),
    retry: (clientId) => queue.retry(clientId),
    end: () => queue.end(publisher.target() !== undefined),
    pump: queue.pump,
    ensureConversation: () => publisher.ensureConversation(),
  };
}
