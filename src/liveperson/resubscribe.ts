// The resubscribe recipe (protocol reference §10), run after EVERY open: subscriptions do not
// survive a reconnect. Conversation list first (its snapshot is the truth, conversationList.ts),
// then the dialogs to watch from where the unbroken run of sequences held ends (resumePoint.ts): the open conversation's active
// messaging dialog, or, when the latest conversation is closed, its messaging dialogs read-only (so
// a reload shows its history). Follows dialog changes (a post-conversation survey opens a new dialog
// with its own sequences). Notifications come raw from the connection and are decoded here, with
// the session's consumer id. Messaging notifications reach the store only for dialogs subscribed
// here (§5.2 "Filter by dialogId"); a dialog the server refuses (4xx) is skipped, not fatal.
import { watchedDialogs, type DialogTarget } from '../core/conversation';
import type { Clock } from '../core/clock';
import type { ChatStore } from '../core/store';
import type { Connection } from './connection';
import { createConversationList } from './conversationList';
import { decodeNotification } from './decode';
import { isRefused } from './errors';
import { nextSequence, replayFloor } from './resumePoint';
import { RequestTypes } from './wire';
import type { SubscribeMessagingEventsBody } from './wire';

export interface Subscriber {
  /** Resolves once the conversation list is in and the dialogs to watch are subscribed (history replayed). */
  resubscribe(): Promise<void>;
  /** Subscribes to a dialog's events unless this socket already is. */
  ensureDialog(dialogId: string, conversationId: string): Promise<void>;
  /** Subscribes to the dialogs to watch if they changed (cheap; call on every state change). */
  subscribeNewDialogs(): void;
  /**
   * Stops taking a dialog's notifications (an earlier conversation's transcript was closed). No
   * request: a consumer ms.UnsubscribeMessagingEvents is not documented (protocol reference §5.1),
   * and a closed conversation's dialog gets no new events; the subscription ends with the socket,
   * and a resubscribe asks only for the dialogs watched. Dialogs the visitor watches are kept.
   */
  release(dialogId: string): void;
  /** The socket closed: its subscriptions are gone. */
  reset(): void;
  /** The store was forgotten (ChatStore.forget): the floors earlier replays proved no longer hold. */
  forget(): void;
}

export function createSubscriber(connection: Connection, store: ChatStore, clock: Clock): Subscriber {
  const dialogs = new Map<string, Promise<void>>();
  /** Dialogs this socket's server refused to subscribe (4xx): not asked again on this socket. */
  const unusable = new Map<string, Error>();
  const list = createConversationList(connection, store, clock);
  let online = false;
  /** Per dialog, the floor its last proving replay set (see resumePoint.ts); for floorsOf's consumer only. */
  const floors = new Map<string, number>();
  let floorsOf = store.consumerId;
  /** The dialogs subscribed during this resubscribe: fromSeq and the sequences received since. */
  const replays = new Map<string, { from: number; seen: Set<number> }>();

  const floorOf = (dialogId: string): number => {
    if (store.consumerId !== floorsOf) {
      floors.clear();
      floorsOf = store.consumerId;
    }
    return floors.get(dialogId) ?? 0;
  };

  connection.on('notification', (raw) => {
    const { consumerId } = store; // the open socket's consumer (set on 'open', before any notification)
    const frame = decodeNotification(raw, { ...(consumerId ? { consumerId } : {}), receivedAt: clock.now() });
    if (frame.conversationIds !== undefined) return list.admit(frame);
    const events = frame.events.filter((e) => 'dialogId' in e && dialogs.has(e.dialogId));
    for (const e of events) if ('sequence' in e) replays.get(e.dialogId)?.seen.add(e.sequence);
    store.dispatch(events);
  });

  /** The replays are all in (a round trip after them answered): keep the floors they prove. */
  const commitReplays = () => {
    for (const [dialogId, replay] of replays) {
      const floor = replayFloor(replay.from, replay.seen);
      if (floor !== undefined && floor > floorOf(dialogId)) floors.set(dialogId, floor);
    }
    replays.clear();
  };

  const ensureDialog = (dialogId: string, conversationId: string): Promise<void> => {
    const existing = dialogs.get(dialogId);
    if (existing) return existing;
    const refusal = unusable.get(dialogId);
    if (refusal) return Promise.reject(refusal);
    const fromSeq = nextSequence(store.state, dialogId, floorOf(dialogId));
    if (!online) replays.set(dialogId, { from: fromSeq, seen: new Set() });
    const body: SubscribeMessagingEventsBody = { dialogId, conversationId, fromSeq };
    const subscribed = connection.request(RequestTypes.SubscribeMessagingEvents, body).then(() => undefined);
    dialogs.set(dialogId, subscribed);
    subscribed.catch((error: unknown) => {
      if (dialogs.get(dialogId) !== subscribed) return;
      dialogs.delete(dialogId);
      if (isRefused(error)) {
        unusable.set(dialogId, error as Error);
        list.distrust(); // the server may have lost a conversation a partial history kept
        console.warn(`Parley: the server refused to subscribe to dialog ${dialogId}; skipping it`, error);
      }
    });
    return subscribed;
  };

  const watch = (target: DialogTarget) =>
    ensureDialog(target.dialogId, target.conversationId).catch((error: unknown) => {
      if (!isRefused(error)) throw error; // a refused dialog is skipped; anything else fails the resubscribe
    });

  /** The resubscribe in flight on this socket: a second caller shares it (two rounds must never interleave). */
  let flight: Promise<void> | undefined;

  const resubscribe = async (): Promise<void> => {
    online = false;
    // One flight (the server handles a socket's requests in order, so nothing waits for an
    // answer before the next request goes out): the conversation lists, the dialogs already known
    // (a reconnect: from where the unbroken run of sequences held ends), and a GetClock whose
    // answer proves that everything those requests caused has arrived: the lists' snapshots and
    // the dialogs' history replays (protocol reference §2.1; docs/liveperson.md, "Resync in one
    // flight").
    // Sent in this order: the lists, the dialogs, then the GetClock (its answer also dates the
    // proof, the lists' next watermark: conversationList.ts).
    const listed = list.subscribe();
    const watching = Promise.all(watchedDialogs(store.state).map(watch));
    const [settle, , timeAnswer] = await Promise.all([listed, watching, connection.request(RequestTypes.GetClock)]);
    if (!settle(timeAnswer.body)) {
      // A partial history left an open conversation unexplained: one more round, of everything.
      const [full, again] = await Promise.all([list.subscribe(), connection.request(RequestTypes.GetClock)]);
      full(again.body);
    }
    // Dialogs the snapshots revealed (a first load, or what changed while away): a second flight.
    const revealed = watchedDialogs(store.state).filter((t) => !dialogs.has(t.dialogId) && !unusable.has(t.dialogId));
    if (revealed.length > 0) await Promise.all([...revealed.map(watch), connection.request(RequestTypes.GetClock)]);
    commitReplays();
    online = true;
  };

  return {
    resubscribe() {
      if (flight) return flight;
      const mine: Promise<void> = resubscribe().finally(() => {
        if (flight === mine) flight = undefined;
      });
      flight = mine;
      return mine;
    },
    ensureDialog,
    subscribeNewDialogs() {
      if (!online) return;
      for (const target of watchedDialogs(store.state)) {
        if (!dialogs.has(target.dialogId) && !unusable.has(target.dialogId)) watch(target).catch(() => undefined);
      }
    },
    release(dialogId) {
      if (!watchedDialogs(store.state).some((t) => t.dialogId === dialogId)) dialogs.delete(dialogId);
    },
    forget() {
      floors.clear();
    },
    reset() {
      online = false;
      flight = undefined;
      dialogs.clear();
      unusable.clear();
      replays.clear();
      list.reset();
    },
  };
}
