// This socket's conversation-list subscriptions (cqm.SubscribeExConversations), two of them:
//   open     {stage: [OPEN]}: the open conversation (a survey in progress included), whatever the
//            history size. LivePerson's snapshot holds the *first* 1,000 conversations by date
//            (protocol reference §3.2, §11), so in one subscription of everything a visitor with
//            1,000 closed conversations would never see the open one. A DELETE from it means the
//            conversation left the filter (it closed): not a removal; `all` carries its closed state.
//   all      {convState: [OPEN, CLOSE], stage: [OPEN, CLOSE]}: the history, and every later change.
// Only notifications of the current subscriptions reach the store; those that arrive before the
// response that names their subscription are held until it does. The fresh subscriptions' snapshots
// are the truth about which conversations exist: conversations the store knows that neither
// mentions are removed (the server lost them, e.g. after a restart), so nothing subscribes to a
// dialog that no longer exists.
//
// A resume watermark on `all` (protocol reference §3.1, §10 step 3): once a round is proven complete
// (its snapshots in, and the GetClock sent after them answered), the next round asks `all` only for
// the conversations updated since then (`minLastUpdatedTime`), so a reconnect does not resend 1,000
// unchanged closed conversations. The field is documented ("Do not fetch conversation which have
// not been updated after this timestamp"); the reference suggests the newest metaDataLastUpdateTs
// seen as a resume watermark [INF]. This list takes the older of that and the GetClock answer's
// currentTime (so a timestamp far ahead cannot hide what comes later) [INF, this module's], less
// CLOCK_MARGIN_MS. Every update after the proof carries a later metaDataLastUpdateTs than any seen
// before it, so it comes again: nothing is missed, and what did not change is kept.
// A partial history cannot tell that a closed conversation is gone: its settle removes nothing,
// and when an open conversation is in neither list (lost by the server, or closed with its update
// older than the watermark) it asks for a full round instead. A first load, a forgotten store
// (ChatStore.generation), or a held dialog the server refuses (distrust()) asks for everything.
import type { Clock } from '../core/clock';
import { latestSnapshots } from '../core/conversation';
import { asObject, asTimestamp } from '../core/decodeValues';
import type { ChatStore } from '../core/store';
import type { Connection } from './connection';
import type { DecodedNotification } from './decode';
import { isRecord } from './http';
import { RequestTypes } from './wire';
import type { SubscribeExConversationsBody } from './wire';

type Notification = DecodedNotification;

export interface ConversationList {
  /**
   * Subscribes on this socket (again), both subscriptions in one flight; resolves once both are
   * answered and both snapshots are in (not waiting for anything else, so callers can pipeline).
   * Resolves to this round's settle: the snapshots are the truth, so it removes the conversations
   * neither mentioned. Call it once a round trip sent after subscribe() answered (every
   * notification sent before it has then arrived), with that round trip's GetClock answer (it dates
   * the proof, the next round's watermark). It does nothing once a newer round began (or the socket
   * closed): only the round whose snapshots were awaited may judge by them. It returns false when a
   * partial history cannot settle (an open conversation is in neither list): subscribe again then,
   * and that round asks for everything.
   */
  subscribe(): Promise<(clockAnswer?: unknown) => boolean>;
  /** A conversation-list notification: applied when it belongs to a current subscription. */
  admit(frame: Notification): void;
  /** The socket closed: its subscriptions are gone. */
  reset(): void;
  /** The server refused a held conversation's dialog: it may have lost what is held; the next round asks for everything. */
  distrust(): void;
}

export const SNAPSHOT_TIMEOUT_MS = 10_000;
/** How far before the last proof the watermark goes back [INF]: a skew between the server's clocks. */
export const CLOCK_MARGIN_MS = 5 * 60_000;
/** A server time further ahead of this page's clock is not believed (no watermark then). */
const MAX_CLOCK_AHEAD_MS = 24 * 3600_000;
/** Notifications held while a subscription's id is not known yet (a bound against floods). */
const MAX_EARLY = 500;

type Role = 'open' | 'all';
const LIST_FILTERS: Readonly<Record<Role, SubscribeExConversationsBody>> = {
  open: { stage: ['OPEN'] },
  all: { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'] },
};

interface Subscription {
  id: string;
  snapshotSeen: boolean;
  waiter?: { resolve: () => void; fail: () => void } | undefined;
}

export function createConversationList(connection: Connection, store: ChatStore, clock: Clock): ConversationList {
  const current = new Map<Role, Subscription>();
  let requesting = 0;
  let early: Notification[] = [];
  /** Conversation ids the current subscriptions' notifications mentioned (UPSERT or DELETE). */
  let mentioned = new Set<string>();
  /** Bumped by every subscribe() and reset(): a settle of an older round does nothing. */
  let round = 0;
  /** The time as of which the held conversations were proven complete, and for which store generation. */
  let proven: { at: number; generation: number } | undefined;

  const roleOf = (subscriptionId: string): Role | undefined => {
    for (const [role, sub] of current) if (sub.id === subscriptionId) return role;
    return undefined;
  };

  const apply = (role: Role, frame: Notification) => {
    for (const id of frame.conversationIds ?? []) mentioned.add(id);
    store.dispatch(role === 'open' ? frame.events.filter((e) => e.type !== 'conversationRemoved') : frame.events);
    const sub = current.get(role);
    if (!sub) return;
    sub.snapshotSeen = true;
    sub.waiter?.resolve();
  };

  const snapshotOf = (sub: Subscription) =>
    new Promise<void>((resolve, reject) => {
      if (sub.snapshotSeen) return resolve();
      const timer = clock.setTimeout(() => {
        sub.waiter = undefined;
        reject(new Error('The conversation list did not arrive in time'));
      }, SNAPSHOT_TIMEOUT_MS);
      const done = (ok: boolean) => {
        clock.clearTimeout(timer);
        sub.waiter = undefined;
        if (ok) resolve();
        else reject(new Error('The connection closed before the conversation list arrived'));
      };
      sub.waiter = { resolve: () => done(true), fail: () => done(false) };
    });

  const request = async (role: Role, since: number | undefined): Promise<string> => {
    requesting += 1;
    try {
      const filter = role === 'all' && since !== undefined ? { ...LIST_FILTERS.all, minLastUpdatedTime: since } : LIST_FILTERS[role];
      const response = await connection.request(RequestTypes.SubscribeExConversations, filter);
      const id = isRecord(response.body) ? response.body.subscriptionId : undefined;
      if (typeof id !== 'string' && typeof id !== 'number') throw new Error('The conversation subscription returned no subscriptionId');
      return String(id);
    } finally {
      requesting -= 1;
    }
  };

  const subscribeOne = async (role: Role, mine: number, since: number | undefined): Promise<void> => {
    const id = await request(role, since);
    if (mine !== round) return;
    const previous = current.get(role);
    const sub: Subscription = { id, snapshotSeen: false };
    current.set(role, sub);
    const held = early.filter((frame) => frame.subscriptionId === id);
    early = early.filter((frame) => frame.subscriptionId !== id);
    for (const frame of held) apply(role, frame);
    if (previous !== undefined && previous.id !== id) {
      connection.request(RequestTypes.UnsubscribeExConversations, { subscriptionId: previous.id }).catch(() => undefined);
    }
    await snapshotOf(sub);
  };

  return {
    async subscribe() {
      const mine = ++round;
      mentioned = new Set();
      if (proven !== undefined && proven.generation !== store.generation) proven = undefined;
      const since = proven === undefined ? undefined : Math.max(0, proven.at - CLOCK_MARGIN_MS);
      await Promise.all((['open', 'all'] as const).map((role) => subscribeOne(role, mine, since)));
      let settled = false;
      return (clockAnswer) => {
        if (settled || mine !== round || current.size < 2) return true;
        settled = true;
        const held = latestSnapshots(store.state);
        const unlisted = held.filter((c) => !mentioned.has(c.id));
        if (since !== undefined && unlisted.some((c) => c.stage === 'open')) {
          proven = undefined;
          return false;
        }
        if (since === undefined) store.dispatch(unlisted.map((c) => ({ type: 'conversationRemoved', conversationId: c.id })));
        const serverTime = asTimestamp(asObject(clockAnswer)?.currentTime, clock.now() + MAX_CLOCK_AHEAD_MS);
        const newest = held.reduce((most, c) => Math.max(most, c.updatedAt), 0);
        proven = serverTime === undefined || newest <= 0 ? undefined : { at: Math.min(serverTime, newest), generation: store.generation };
        return true;
      };
    },
    admit(frame) {
      const id = frame.subscriptionId;
      if (id === undefined) return;
      const role = roleOf(id);
      if (role !== undefined) return apply(role, frame);
      if (requesting === 0) return; // not a subscription of this socket
      early.push(frame);
      if (early.length > MAX_EARLY) early.shift();
    },
    reset() {
      round += 1;
      early = [];
      mentioned = new Set();
      for (const sub of current.values()) sub.waiter?.fail();
      current.clear();
    },
    distrust() {
      proven = undefined;
    },
  };
}
