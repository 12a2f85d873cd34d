// The visitor's receipts: ACCEPT for agent content as it arrives, READ for the messages the visitor
// saw (the UI reports the timeline rows that were on screen: markSeen).
// Coalesced adaptively: a lone message is acknowledged QUIET_MS after it arrived; a burst is
// acknowledged once it pauses for QUIET_MS, but never later than MAX_WAIT_MS after the first
// message it owes for, in one sequenceList per dialog and status. While a burst goes on (a change
// comes within MAX_WAIT_MS of the last acknowledgement), that longest wait doubles, up to
// MAX_BURST_WAIT_MS; after a pause it is MAX_WAIT_MS again. History that was already
// acknowledged (by this client, or in the replayed history) is never acknowledged again.
import { receiptKey, receiptsToPublish } from '../core/receipts';
import { storedKeysOf } from '../core/unread';
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import type { Connection } from './connection';
import { RequestTypes } from './wire';
import type { PublishEventBody } from './wire';

/** After a failed publish (rate limit, server error), look again this much later. */
const RETRY_MS = 1_000;
/** A change is acknowledged once no other change came for this long… */
export const QUIET_MS = 25;
/** …or at the latest this long after the first change not acknowledged yet. */
export const MAX_WAIT_MS = 300;
/** …which grows, while a burst goes on, up to this. */
export const MAX_BURST_WAIT_MS = 1_000;

export interface ReceiptsOut {
  /** Looks again soon (call on state changes and when going online): see QUIET_MS and MAX_WAIT_MS. */
  schedule(): void;
  /** The visitor saw these timeline rows (by row key): READ for the agent messages among them. */
  markSeen(rowKeys: readonly string[]): void;
  dispose(): void;
}

export interface ReceiptsOutDeps {
  connection: Connection;
  store: ChatStore;
  clock: Clock;
  isOnline: () => boolean;
}

export function createReceiptsOut(deps: ReceiptsOutDeps): ReceiptsOut {
  const { connection, store, clock } = deps;
  const sent = { accept: new Set<string>(), read: new Set<string>() };
  /** receiptKey of every stored message the visitor saw. */
  const seen = new Set<string>();
  let timer: unknown;
  /** When the first change not acknowledged yet came (undefined while nothing waits). */
  let waitingSince: number | undefined;
  let maxWait = MAX_WAIT_MS;
  let flushedAt: number | undefined;
  let disposed = false;

  const flush = () => {
    timer = undefined;
    waitingSince = undefined;
    flushedAt = clock.now();
    const consumerId = store.consumerId;
    if (disposed || !deps.isOnline() || consumerId === undefined) return;
    const owed = receiptsToPublish(store.state, { consumerId, seen, sent });
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
        retryLater();
      });
    }
  };

  function schedule() {
    if (disposed) return;
    const now = clock.now();
    if (waitingSince === undefined) {
      waitingSince = now;
      const burst = flushedAt !== undefined && now - flushedAt < MAX_WAIT_MS;
      maxWait = burst ? Math.min(2 * maxWait, MAX_BURST_WAIT_MS) : MAX_WAIT_MS;
    }
    clock.clearTimeout(timer);
    timer = clock.setTimeout(flush, Math.max(0, Math.min(QUIET_MS, waitingSince + maxWait - now)));
  }

  function retryLater() {
    if (disposed || timer !== undefined) return;
    timer = clock.setTimeout(flush, RETRY_MS);
  }

  return {
    schedule,
    markSeen(rowKeys) {
      const before = seen.size;
      for (const key of storedKeysOf(store.getSnapshot().chat.timeline, rowKeys)) seen.add(key);
      if (seen.size !== before) schedule();
    },
    dispose() {
      disposed = true;
      clock.clearTimeout(timer);
    },
  };
}
