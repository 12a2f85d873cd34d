// This socket's conversation-list subscription (cqm.SubscribeExConversations). Only notifications of
// the current subscription reach the store; those that arrive before the response that names the
// subscription are held until it does. The fresh subscription's snapshot is the truth about which
// conversations exist: conversations the store knows that it does not mention are removed (the
// server lost them, e.g. after a restart), so nothing subscribes to a dialog that no longer exists.
import type { TimerFunctions } from '../core/clock';
import type { ChatStore } from '../core/store';
import type { Connection } from './connection';
import type { DecodedNotification } from './decode';
import { isRecord } from './http';
import { RequestTypes } from './wire';
import type { SubscribeExConversationsBody } from './wire';

type Notification = DecodedNotification;

export interface ConversationList {
  /** Subscribes on this socket (again); resolves once the snapshot is in and applied as the truth. */
  subscribe(): Promise<void>;
  /** A conversation-list notification: applied when it belongs to the current subscription. */
  admit(frame: Notification): void;
  /** The socket closed: its subscription is gone. */
  reset(): void;
}

export const SNAPSHOT_TIMEOUT_MS = 10_000;
/** Notifications held while the subscription's id is not known yet (a bound against floods). */
const MAX_EARLY = 500;

export function createConversationList(
  connection: Connection,
  store: ChatStore,
  timers: TimerFunctions,
): ConversationList {
  let current: string | undefined;
  let requesting = 0;
  let early: Notification[] = [];
  /** Conversation ids the current subscription's notifications mentioned (UPSERT or DELETE). */
  let mentioned = new Set<string>();
  let snapshotSeen = false;
  let waiter: { resolve: () => void; fail: () => void } | undefined;

  const apply = (frame: Notification) => {
    for (const id of frame.conversationIds ?? []) mentioned.add(id);
    store.dispatch(frame.events);
    snapshotSeen = true;
    waiter?.resolve();
  };

  const snapshot = () =>
    new Promise<void>((resolve, reject) => {
      if (snapshotSeen) return resolve();
      const timer = timers.setTimeout(() => {
        waiter = undefined;
        reject(new Error('The conversation list did not arrive in time'));
      }, SNAPSHOT_TIMEOUT_MS);
      const done = (ok: boolean) => {
        timers.clearTimeout(timer);
        waiter = undefined;
        if (ok) resolve();
        else reject(new Error('The connection closed before the conversation list arrived'));
      };
      waiter = { resolve: () => done(true), fail: () => done(false) };
    });

  const request = async (): Promise<string> => {
    const body: SubscribeExConversationsBody = { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'] };
    requesting += 1;
    try {
      const response = await connection.request(RequestTypes.SubscribeExConversations, body);
      const id = isRecord(response.body) ? response.body.subscriptionId : undefined;
      if (typeof id !== 'string' && typeof id !== 'number') throw new Error('The conversation subscription returned no subscriptionId');
      return String(id);
    } finally {
      requesting -= 1;
    }
  };

  return {
    async subscribe() {
      const id = await request();
      const previous = current;
      current = id;
      mentioned = new Set();
      snapshotSeen = false;
      const held = early;
      early = [];
      for (const frame of held) if (frame.subscriptionId === id) apply(frame);
      if (previous !== undefined && previous !== id) {
        connection.request(RequestTypes.UnsubscribeExConversations, { subscriptionId: previous }).catch(() => undefined);
      }
      await snapshot();
      // One round trip later every notification sent before it has arrived: the snapshot too, even
      // when a later notification of the subscription overtook it.
      await connection.request(RequestTypes.GetClock);
      if (current !== id) return;
      const gone = Object.keys(store.state.snapshots).filter((conversationId) => !mentioned.has(conversationId));
      store.dispatch(gone.map((conversationId) => ({ type: 'conversationRemoved', conversationId })));
    },
    admit(frame) {
      const id = frame.subscriptionId;
      if (id === undefined) return;
      if (id === current) return apply(frame);
      if (requesting === 0) return; // not a subscription of this socket
      early.push(frame);
      if (early.length > MAX_EARLY) early.shift();
    },
    reset() {
      current = undefined;
      early = [];
      mentioned = new Set();
      snapshotSeen = false;
      waiter?.fail();
    },
  };
}
