// The visitor's receipts: ACCEPT for agent content as it arrives, READ while the chat is viewed.
// A burst is acknowledged in one sequenceList per dialog and status (debounced); history that was
// already acknowledged (by this client, or in the replayed history) is never acknowledged again.
import { receiptKey, receiptsToPublish } from '../core/receipts';
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import type { Connection } from './connection';
import { RequestTypes } from './wire';
import type { PublishEventBody } from './wire';

/** After a failed publish (rate limit, server error), look again this much later. */
const RETRY_MS = 1_000;

export interface ReceiptsOut {
  /** Looks again after a short debounce (call on state changes and when going online). */
  schedule(): void;
  setViewing(viewing: boolean): void;
  dispose(): void;
}

export interface ReceiptsOutDeps {
  connection: Connection;
  store: ChatStore;
  clock: Clock;
  isOnline: () => boolean;
  debounceMs?: number;
}

export function createReceiptsOut(deps: ReceiptsOutDeps): ReceiptsOut {
  const { connection, store, clock } = deps;
  const debounceMs = deps.debounceMs ?? 25;
  const sent = { accept: new Set<string>(), read: new Set<string>() };
  let viewing = false;
  let timer: unknown;
  let disposed = false;

  const flush = () => {
    timer = undefined;
    const consumerId = store.consumerId;
    if (disposed || !deps.isOnline() || consumerId === undefined) return;
    const owed = receiptsToPublish(store.state, { consumerId, viewing, sent });
    for (const receipt of owed) {
      const keys = receipt.sequences.map((sequence) => receiptKey(receipt.dialogId, sequence));
      const ledger = receipt.status === 'read' ? sent.read : sent.accept;
      // Counted as sent while in flight, so that the next look does not send them twice.
      for (const key of keys) ledger.add(key);
      const conversationId = store.state.dialogConversation[receipt.dialogId];
      const body: PublishEventBody = {
        dialogId: receipt.dialogId,
        ...(conversationId ? { conversationId } : {}),
        event: { type: 'AcceptStatusEvent', status: receipt.status === 'read' ? 'READ' : 'ACCEPT', sequenceList: receipt.sequences },
      };
      connection.request(RequestTypes.PublishEvent, body).catch(() => {
        // Not acknowledged after all: owed again on the next look (e.g. after the reconnect).
        for (const key of keys) ledger.delete(key);
        schedule(RETRY_MS);
      });
    }
  };

  function schedule(delayMs = debounceMs) {
    if (disposed || timer !== undefined) return;
    timer = clock.setTimeout(flush, delayMs);
  }

  return {
    schedule: () => schedule(),
    setViewing(next) {
      if (next === viewing) return;
      viewing = next;
      schedule();
    },
    dispose() {
      disposed = true;
      clock.clearTimeout(timer);
    },
  };
}
