// LivePerson's saved outbox (per account): the shared sessionStorage outbox (src/platform/outboxStorage.ts,
// which explains the reload and duplicated-tab rules) with LivePerson's own field, the quick-reply
// choice a message answers. The new session reconciles restored messages by ExternalId.
import { asObject } from '../core/decodeValues';
import type { PersistedOutboxMessage } from '../core/outboxQueue';
import { browserPageEvents, createOutboxStorage as createSharedOutboxStorage, type OutboxStorage as SharedOutboxStorage, type PageEvents } from '../platform/outboxStorage';
import type { KeyValueStore } from '../platform/storage';
import { clickMetadata, type ReplyChoice } from './outboxPublish';
import type { HostedFileMessage } from './wire';

export { MAX_RESTORED, type PageEvents } from '../platform/outboxStorage';

/** LivePerson's field of a saved message: a quick-reply choice publishes its ACTION receipt first (unless the history has it). */
export interface ReplyField {
  reply?: ReplyChoice;
  /** An uploaded file waiting to be published (its bytes are in the storage already). */
  file?: HostedFileMessage;
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

const bounded = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function decodeFile(value: unknown): HostedFileMessage | undefined {
  const file = asObject(value);
  if (!file) return undefined;
  const { caption, relativePath, fileType, preview } = file;
  if (!bounded(caption, 256) || !bounded(relativePath, 1024) || !relativePath.startsWith('/') || !bounded(fileType, 16) || fileType === '') return undefined;
  const thumbnail = bounded(preview, 40_000) && preview.startsWith('data:image/') ? { preview } : {};
  return { caption, relativePath, fileType, ...thumbnail };
}

export function createOutboxStorage(store: KeyValueStore, account: string, maxLength: number, pageEvents: PageEvents = browserPageEvents): OutboxStorage {
  return createSharedOutboxStorage<ReplyField>(
    store,
    outboxKey(account),
    maxLength,
    (item) => {
      const reply = decodeReply(item.reply);
      const file = item.file === undefined ? undefined : decodeFile(item.file);
      if (item.file !== undefined && !file) return undefined; // never restored as the text of a file
      return { ...(reply ? { reply } : {}), ...(file ? { file } : {}) };
    },
    pageEvents,
  );
}
