// The resubscribe recipe (protocol reference §10), run after EVERY open: subscriptions do not
// survive a reconnect. Conversation list first (wait for its snapshot), then the active messaging
// dialog of the open conversation from the last sequence held + 1. Follows dialog changes
// (a post-conversation survey opens a new dialog with its own sequences).
import { activeDialog, currentConversation } from '../core/conversation';
import type { ChatState } from '../core/state';
import type { ChatStore } from './chat-store';
import type { Connection } from './connection';
import { isRecord } from './http';
import { RequestTypes } from './wire';
import type { SubscribeExConversationsBody, SubscribeMessagingEventsBody } from './wire';

export interface Subscriber {
  /** Resolves once the conversation list snapshot is in and the active dialog is subscribed. */
  resubscribe(): Promise<void>;
  /** Subscribes to a dialog's events unless this socket already is. */
  ensureDialog(dialogId: string, conversationId: string): Promise<void>;
  /** Subscribes to the active dialog if it changed (cheap; call on every state change). */
  follow(): void;
  /** The socket closed: its subscriptions are gone. */
  reset(): void;
}

export interface ActiveTarget {
  conversationId: string;
  dialogId: string;
}

/** The open conversation's active messaging dialog (MAIN, or the open POST_SURVEY). */
export function activeTarget(state: ChatState): ActiveTarget | undefined {
  const snap = currentConversation(state);
  const dialog = snap && activeDialog(snap);
  return snap && dialog ? { conversationId: snap.id, dialogId: dialog.id } : undefined;
}

/** The sequence to subscribe from: one past the highest sequence held for the dialog (0 when none). */
export function nextSequence(state: ChatState, dialogId: string): number {
  let last = -1;
  for (const event of [...Object.values(state.messages), ...Object.values(state.receipts)]) {
    if (event.dialogId === dialogId && event.sequence > last) last = event.sequence;
  }
  return last + 1;
}

export const SNAPSHOT_TIMEOUT_MS = 10_000;

export function createSubscriber(connection: Connection, store: ChatStore, timers: { setTimeout: (fn: () => void, ms: number) => unknown; clearTimeout: (h: unknown) => void }): Subscriber {
  const dialogs = new Map<string, Promise<void>>();
  const seenSubscriptions = new Set<string>();
  let waiter: { id: string; resolve: () => void; fail: () => void } | undefined;
  let online = false;
  /** This socket's conversation-list subscription (replaced when the recipe runs again on it). */
  let listSubscription: string | undefined;

  connection.on('notification', (frame) => {
    if (frame.subscriptionId === undefined) return;
    seenSubscriptions.add(frame.subscriptionId);
    if (waiter?.id === frame.subscriptionId) waiter.resolve();
  });

  const snapshotOf = (subscriptionId: string) =>
    new Promise<void>((resolve, reject) => {
      if (seenSubscriptions.has(subscriptionId)) return resolve();
      const timer = timers.setTimeout(() => {
        waiter = undefined;
        reject(new Error('The conversation list did not arrive in time'));
      }, SNAPSHOT_TIMEOUT_MS);
      waiter = {
        id: subscriptionId,
        resolve: () => {
          timers.clearTimeout(timer);
          waiter = undefined;
          resolve();
        },
        fail: () => {
          timers.clearTimeout(timer);
          waiter = undefined;
          reject(new Error('The connection closed before the conversation list arrived'));
        },
      };
    });

  const ensureDialog = (dialogId: string, conversationId: string): Promise<void> => {
    const existing = dialogs.get(dialogId);
    if (existing) return existing;
    const body: SubscribeMessagingEventsBody = { dialogId, conversationId, fromSeq: nextSequence(store.state, dialogId) };
    const subscribed = connection.request(RequestTypes.SubscribeMessagingEvents, body).then(() => undefined);
    dialogs.set(dialogId, subscribed);
    subscribed.catch(() => {
      if (dialogs.get(dialogId) === subscribed) dialogs.delete(dialogId);
    });
    return subscribed;
  };

  return {
    async resubscribe() {
      online = false;
      seenSubscriptions.clear();
      const body: SubscribeExConversationsBody = { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'] };
      const response = await connection.request(RequestTypes.SubscribeExConversations, body);
      const subscriptionId = isRecord(response.body) ? response.body.subscriptionId : undefined;
      if (typeof subscriptionId !== 'string' && typeof subscriptionId !== 'number') {
        throw new Error('The conversation subscription returned no subscriptionId');
      }
      const previous = listSubscription;
      listSubscription = String(subscriptionId);
      if (previous !== undefined && previous !== listSubscription) {
        connection.request(RequestTypes.UnsubscribeExConversations, { subscriptionId: previous }).catch(() => undefined);
      }
      await snapshotOf(listSubscription);
      const target = activeTarget(store.state);
      if (target) await ensureDialog(target.dialogId, target.conversationId);
      // The server handles a socket's requests in order, so once this answers, the history replay
      // of the subscription above has been received: pending messages can be reconciled with it.
      await connection.request(RequestTypes.GetClock);
      online = true;
    },
    ensureDialog,
    follow() {
      if (!online) return;
      const target = activeTarget(store.state);
      if (target && !dialogs.has(target.dialogId)) {
        ensureDialog(target.dialogId, target.conversationId).catch(() => undefined);
      }
    },
    reset() {
      online = false;
      listSubscription = undefined;
      dialogs.clear();
      seenSubscriptions.clear();
      waiter?.fail();
    },
  };
}
