// LivePerson's saved outbox (per account): the shared sessionStorage outbox (src/platform/outboxStorage.ts,
// which explains the reload and duplicated-tab rules) with LivePerson's own field, the quick-reply
// choice a message answers. The new session reconciles restored messages by ExternalId.
import { asObject } from '../core/decodeValues';
import type { PersistedOutboxMessage } from '../core/outboxQueue';
import { browserPageEvents, createOutboxStorage as createSharedOutboxStorage, type OutboxStorage as SharedOutboxStorage, type PageEvents } from '../platform/outboxStorage';
import type { KeyValueStore } from '../platform/storage';
import { clickMetadata, type ReplyChoice } from './outboxPublish';

export { MAX_RESTORED, type PageEvents } from '../platform/outboxStorage';

/** LivePerson's field of a saved message: a quick-reply choice publishes its ACTION receipt first (unless the history has it). */
export interface ReplyField {
  reply?: ReplyChoice;
}
export type PersistedMessage = PersistedOutboxMessage<ReplyField>;
export type OutboxStorage = SharedOutboxStorage<ReplyField>;

export function outboxKey(account: string): string {
  return `parley:${account}:outbox`;
}

function decodeReply(value: unknown): ReplyChoice | undefined {
  const reply = asObject(value);
  if (!reply) return undefined;
  const { dialogId, sequence, metadata } = reply;
  if (typeof dialogId !== 'string' || dialogId === '' || dialogId.length > 128) return undefined;
  if (typeof sequence !== 'number' || !Number.isInteger(sequence) || sequence < 0) return undefined;
  return { dialogId, sequence, metadata: clickMetadata(metadata) };
}

export function createOutboxStorage(store: KeyValueStore, account: string, maxLength: number, pageEvents: PageEvents = browserPageEvents): OutboxStorage {
  return createSharedOutboxStorage<ReplyField>(
    store,
    outboxKey(account),
    maxLength,
    (item) => {
      const reply = decodeReply(item.reply);
      return reply ? { reply } : {};
    },
    pageEvents,
  );
}
