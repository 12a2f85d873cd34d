// createTabsSession: one backend session for all of a visitor's tabs, as a ChatSession wrapper, so
// that neither the UI nor the backends know about tabs. The tabs of the widget's origin elect a
// leader (election.ts: Web Locks, or channelElection.ts without them); only the leader creates the
// backend's session (`create`) and holds its socket. It posts every snapshot on the tabs' channel
// (protocol.ts); the others show the latest one and hand their actions to it (methods.ts says how
// each ChatSession method crosses), and it runs them on its session (leaderSide.ts).
//
// Nothing is lost in a handover: each tab keeps what it asked for until the leader answered
// (pending.ts, also in its sessionStorage), and gives it to every new leader; the client id minted
// where a message was typed makes that idempotent. A leader that goes away says goodbye with the
// messages its session had not had stored yet, and every tab takes them over (again idempotent).
// A leader that lost its lock (it was frozen, and a follower stole it) takes its unsent messages
// over the same way before it stops its session.
import { sessionError, sessionErrorKind, type ChatSession, type SessionSnapshot } from '../../core/session';
import type { ChatView, TimelineRow } from '../../core/model';
import { safeStore, type KeyValueStore } from '../../platform/storage';
import { createChannelElection } from './channelElection';
import { browserTimers, createLockElection, type Election, type LockManagerLike, type Timers } from './election';
import { createLeaderSide, type LeaderSide } from './leaderSide';
import { FORWARDED, STATE_METHODS, type ForwardedMethod, type StateMethod } from './methods';
import { createPendingCalls, type PendingCall } from './pending';
import { tabMethods, type TabOffers } from './tabMethods';
import { channelName, tabChannel, type PendingMessage, type RemoteFiles, type TabChannel, type TabMessage } from './protocol';

/** A follower repeats its state this often; the leader forgets a tab not heard for STATE_TTL_MS. */
export const STATE_MS = 1_000;
export const STATE_TTL_MS = 3_500;

export interface SessionHooks {
  /** The session's source of client ids: the leader makes it return a forwarded message's own id. */
  newClientId: () => string;
}

export interface TabsSessionOptions {
  /** Whose session it is (the widget's key: the account, or the Genesys service): tabs with the same key share one. */
  key: string;
  /** Creates the backend's session, in the leading tab only. */
  create(hooks: SessionHooks): ChatSession | Promise<ChatSession>;
  channel?: TabChannel;
  /** The Web Locks API (default: navigator.locks); null: the BroadcastChannel election. */
  locks?: LockManagerLike | null;
  timers?: Timers;
  /** This tab's storage for its pending messages (default: sessionStorage). */
  storage?: KeyValueStore;
  tabId?: string;
  visible?: () => boolean;
  /** Subscribes to the page being left (default: pagehide). */
  onPageLeave?: (listener: () => void) => void;
  /** The optional parts the backend's session offers (so that every tab offers them): markUrgent, earlier conversations, files. */
  offers?: TabOffers;
  /** The backend's reader of structured content (ChatSession.richContent): pure code, so every tab runs its own. */
  richContent?: ChatSession['richContent'];
}

/** Whether this browser can share one session between tabs (it has BroadcastChannel). */
export const tabsSupported = () => typeof BroadcastChannel === 'function';

const randomId = () => globalThis.crypto?.randomUUID?.() ?? `tab-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

const EMPTY_CHAT: ChatView = { stage: 'none', timeline: [], unread: 0, names: {} };

const browserLocks = (): LockManagerLike | null => (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks ?? null;
const browserVisible = () => typeof document === 'undefined' || document.visibilityState === 'visible';
const browserPageLeave = (listener: () => void) => globalThis.addEventListener?.('pagehide', listener);

/** `next` with every row equal to `previous`'s under its key replaced by that row (a snapshot from another tab is a fresh copy: the UI's per-row memo then still holds). */
function reuseRows(previous: ChatView | undefined, next: ChatView): ChatView {
  if (!previous) return next;
  const before = new Map<string, { row: TimelineRow; json: string }>(previous.timeline.map((row) => [row.key, { row, json: JSON.stringify(row) }]));
  return { ...next, timeline: next.timeline.map((row) => (before.get(row.key)?.json === JSON.stringify(row) ? (before.get(row.key)?.row ?? row) : row)) };
}

export function createTabsSession(options: TabsSessionOptions): ChatSession {
  const tabId = options.tabId ?? randomId();
  const timers = options.timers ?? browserTimers;
  const channel = options.channel ?? tabChannel(new BroadcastChannel(channelName(options.key)));
  const listeners = new Set<(snapshot: SessionSnapshot) => void>();
  const own = Object.fromEntries(STATE_METHODS.map((m) => [m, false])) as Record<StateMethod, boolean>;
  let started = false;
  let stopped = false;
  /** The backend's session, while this tab leads and it was created. */
  let inner: ChatSession | undefined;
  let leader: LeaderSide | undefined;
  let unsubscribeInner = () => {};
  let generation = 0;
  /** The last snapshot a leader posted (or this tab's own session had, after it lost the lead). */
  let remote: SessionSnapshot | undefined;
  /** The leader said goodbye and no other was heard yet. */
  let noLeader = false;
  /** Calls of other tabs that came while this tab's session was being created. */
  let early: Array<Extract<TabMessage, { t: 'call' }>> = [];
  /** The earlier conversations this tab shows. */
  let ownEarlier: string[] = [];
  /** The leader's files, as its last snapshot said (this tab's own, while it leads: leader.files()). */
  let remoteFiles: RemoteFiles | undefined;
  let shownFiles: RemoteFiles | undefined;
  const fileListeners = new Set<() => void>();
  /** What this tab posted last as the leader: posted again only when it changed. */
  let posted: { inner: SessionSnapshot; files: RemoteFiles | undefined } | undefined;
  const lastHeard = new Map<string, number>();
  let presetId: string | undefined;
  const hooks: SessionHooks = {
    newClientId() {
      const id = presetId ?? randomId();
      presetId = undefined;
      return id;
    },
  };
  let calls = 0;
  const nextCallId = () => `${tabId}:${++calls}`;

  const base = (): SessionSnapshot => {
    if (inner) {
      const s = inner.getSnapshot();
      // A new leader's session starts empty: show the conversation the tabs had until it rebuilt it.
      return s.connection.status !== 'online' && s.chat.timeline.length === 0 && remote ? { chat: remote.chat, connection: s.connection } : s;
    }
    if (!remote) return { chat: EMPTY_CHAT, connection: { status: started ? 'connecting' : 'idle' } };
    return noLeader ? { chat: remote.chat, connection: { status: 'reconnecting' } } : remote;
  };
  const compute = (): SessionSnapshot => {
    const b = base();
    const extra = pending.overlay(b.chat.timeline, b.chat.consumerId ?? '');
    return extra.length === 0 ? b : { ...b, chat: { ...b.chat, timeline: [...b.chat.timeline, ...extra] } };
  };
  let snapshot: SessionSnapshot = { chat: EMPTY_CHAT, connection: { status: 'idle' } };
  const postSnapshot = () => {
    if (!inner || !leader) return;
    const files = leader.files();
    posted = { inner: inner.getSnapshot(), files };
    channel.post({ t: 'snapshot', from: tabId, snapshot: base(), ...(files ? { files } : {}) });
  };
  const changed = () => {
    if (stopped) return;
    const next = compute();
    const files = leader ? leader.files() : remoteFiles;
    // Posted only while another tab is heard: a lone tab clones nothing (a snapshot is the whole conversation).
    if (inner && leader && election.leading && lastHeard.size > 0 && (posted?.inner !== inner.getSnapshot() || posted.files !== files)) postSnapshot();
    if (files !== shownFiles) {
      shownFiles = files;
      for (const listener of [...fileListeners]) listener();
    }
    if (next === snapshot) return;
    snapshot = next;
    for (const listener of [...listeners]) listener(snapshot);
  };
  const pending = createPendingCalls(options.storage ?? safeStore(undefined, 'sessionStorage'), options.key, changed);

  const settle = (call: PendingCall, outcome: { ok: true; value?: unknown } | { ok: false; error: Error }) => {
    if (!pending.take(call.id)) return;
    // An end that a second leader found nothing to do for was done by the first.
    if (!outcome.ok && call.method === 'endConversation' && call.deliveries > 1 && sessionErrorKind(outcome.error) === 'nothingToEnd') return call.resolve(undefined);
    if (outcome.ok) call.resolve(outcome.value);
    else call.reject(outcome.error);
  };

  const runHere = (call: PendingCall) => {
    const side = leader;
    if (!side) return;
    call.deliveries += 1;
    pending.setLocal(call, true);
    side.run(call.method, call.args, call.message).then(
      (value) => settle(call, { ok: true, value }),
      (error: unknown) => {
        // This tab lost the lead meanwhile (its session stopped): the next leader gets the call.
        if (side !== leader) return;
        settle(call, { ok: false, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  };

  const deliver = (call: PendingCall) => {
    if (leader) return runHere(call);
    const to = election.leaderId;
    if (election.leading || to === undefined || noLeader) return; // kept for the next leader
    call.deliveries += 1;
    channel.post({ t: 'call', from: tabId, to, id: call.id, method: call.method, args: call.args, ...(call.message ? { message: call.message } : {}) });
  };

  const enqueue = (method: ForwardedMethod, args: unknown[], message?: PendingMessage) =>
    new Promise<unknown>((resolve, reject) => {
      const call: PendingCall = { id: nextCallId(), method, args, resolve, reject, deliveries: 0, ...(message ? { message } : {}) };
      pending.add(call);
      deliver(call);
    });

  /** Messages another tab handed over (or this tab's own session had not sent): kept like this tab's own. */
  const adopt = (messages: readonly PendingMessage[]) => {
    for (const message of messages) {
      if (pending.has(message.clientId)) continue;
      const reply = message.quickReply;
      void enqueue(reply ? 'chooseQuickReply' : 'send', reply ? [reply.rowKey, reply.option] : [message.text], message).catch(() => undefined);
    }
  };

  const postState = () => {
    if (!election.leading) channel.post({ t: 'state', from: tabId, states: { ...own }, earlier: ownEarlier });
  };

  const serve = (m: Extract<TabMessage, { t: 'call' }>) => leader?.serve(m, (result) => channel.post(result), tabId);

  const becomeLeader = async () => {
    const mine = ++generation;
    noLeader = false;
    let created: ChatSession;
    try {
      created = await options.create(hooks);
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return;
    }
    if (mine !== generation || stopped || !election.leading) return created.stop();
    inner = created;
    leader = createLeaderSide(created, (id) => (presetId = id), () => election.confirm(), changed);
    unsubscribeInner = created.subscribe(changed);
    for (const method of STATE_METHODS) leader.setState(tabId, method, own[method]);
    leader.setEarlier(tabId, ownEarlier);
    if (started) created.start();
    changed();
    for (const call of pending.values()) runHere(call);
    const waiting = early;
    early = [];
    for (const m of waiting) serve(m);
  };

  const becomeFollower = () => {
    generation += 1;
    early = [];
    if (!inner || !leader) return changed();
    const unsent = leader.unsent();
    remote = { chat: inner.getSnapshot().chat, connection: { status: 'reconnecting' } };
    noLeader = true;
    const session = inner;
    leader.dispose();
    unsubscribeInner();
    inner = undefined;
    leader = undefined;
    session.stop();
    for (const call of pending.values()) pending.setLocal(call, false);
    adopt(unsent);
    changed();
  };

  const onLeader = () => {
    noLeader = false;
    channel.post({ t: 'hello', from: tabId });
    postState();
    for (const call of pending.values()) deliver(call);
    changed();
  };

  const locks = options.locks === undefined ? browserLocks() : options.locks;
  const electionOptions = {
    name: channelName(options.key),
    tabId,
    channel,
    timers,
    visible: options.visible ?? browserVisible,
    onLeading: (leading: boolean) => (leading ? void becomeLeader() : becomeFollower()),
    onLeader,
  };
  const election: Election = locks ? createLockElection(locks, electionOptions) : createChannelElection(electionOptions);

  const onMessage = (m: TabMessage) => {
    if (m.from === tabId || stopped) return;
    switch (m.t) {
      case 'snapshot':
        if (inner || m.from !== election.leaderId) return;
        remote = { connection: m.snapshot.connection, chat: reuseRows(remote?.chat, m.snapshot.chat) };
        if (JSON.stringify(m.files) !== JSON.stringify(remoteFiles)) remoteFiles = m.files;
        noLeader = false;
        return changed();
      case 'hello':
        lastHeard.set(m.from, timers.now());
        // A tab that just opened: it learns who leads and shows the conversation at once.
        if (!inner || !leader || !election.leading) return;
        channel.post({ t: 'beat', from: tabId });
        postSnapshot();
        return;
      case 'call':
        if (m.to !== tabId || !election.leading) return;
        if (leader) serve(m);
        else early.push(m);
        return;
      case 'result': {
        if (m.to !== tabId) return;
        const call = pending.values().find((c) => c.id === m.id);
        if (call) settle(call, m.ok ? { ok: true, value: m.value } : { ok: false, error: Object.assign(sessionError('network', m.error.message), { kind: m.error.kind ?? 'network' }) });
        return;
      }
      case 'state': {
        const known = lastHeard.has(m.from);
        lastHeard.set(m.from, timers.now());
        // A tab heard again (it was frozen past STATE_TTL_MS, or its hello was missed): it gets the snapshot now.
        if (!known && election.leading) postSnapshot();
        for (const method of STATE_METHODS) if (typeof m.states[method] === 'boolean') leader?.setState(m.from, method, m.states[method]);
        leader?.setEarlier(m.from, m.earlier ?? []);
        return;
      }
      case 'bye':
        lastHeard.delete(m.from);
        for (const method of STATE_METHODS) leader?.setState(m.from, method, undefined);
        leader?.setEarlier(m.from, undefined);
        if (m.leader && m.from === election.leaderId) {
          noLeader = true;
          changed();
        }
        adopt(m.pending);
        return;
      default:
        return;
    }
  };

  /** The follower's heartbeat of its state; the leader forgets tabs gone quiet. */
  const tick = () => {
    postState();
    const now = timers.now();
    for (const [from, at] of lastHeard) {
      if (now - at <= STATE_TTL_MS) continue;
      lastHeard.delete(from);
      for (const method of STATE_METHODS) leader?.setState(from, method, undefined);
      leader?.setEarlier(from, undefined);
    }
  };
  let ticker: unknown;
  let unlisten = () => {};

  const goodbye = () => {
    const mine = pending.values().flatMap((c) => (c.message && FORWARDED[c.method] === 'message' ? [c.message] : []));
    const unsent = leader?.unsent() ?? [];
    channel.post({ t: 'bye', from: tabId, leader: election.leading, pending: [...mine, ...unsent.filter((u) => !mine.some((m) => m.clientId === u.clientId))] });
  };
  (options.onPageLeave ?? browserPageLeave)(() => {
    if (started && !stopped) goodbye();
  });

  for (const { message, method, args } of pending.restore()) {
    void enqueue(method, args, message).catch(() => undefined);
  }

  const session: Record<string, unknown> = {
    start() {
      if (stopped) return;
      if (started) return void enqueue('start', []).catch(() => undefined);
      started = true;
      unlisten = channel.listen(onMessage);
      ticker = timers.setInterval(tick, STATE_MS);
      election.start();
      channel.post({ t: 'hello', from: tabId });
      changed();
    },
    stop() {
      if (stopped) return;
      if (started) goodbye();
      unlisten();
      timers.clearInterval(ticker);
      election.stop(); // a leader becomes a follower first: its session stops
      stopped = true;
      for (const call of pending.values()) call.reject(sessionError('stopped', 'The chat session stopped'));
      channel.close();
      listeners.clear();
    },
    getSnapshot: () => snapshot,
    subscribe(listener: (s: SessionSnapshot) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ...(options.richContent ? { richContent: options.richContent } : {}),
  };
  Object.assign(
    session,
    tabMethods(
      {
        enqueue,
        stopped: () => stopped,
        timeline: () => snapshot.chat.timeline,
        newClientId: hooks.newClientId,
        now: () => timers.now(),
        setState(method, value) {
          own[method] = value;
          if (leader) leader.setState(tabId, method, value);
          else postState();
        },
        setEarlier(conversationIds) {
          ownEarlier = conversationIds;
          if (leader) leader.setEarlier(tabId, ownEarlier);
          else postState();
        },
        files: {
          policy: () => (leader ? inner?.files?.policy() : remoteFiles?.policy),
          progress: (clientId) => (leader ? inner?.files?.progress(clientId) : remoteFiles?.progress[clientId]),
          subscribe(listener) {
            fileListeners.add(listener);
            return () => fileListeners.delete(listener);
          },
        },
      },
      options.offers,
    ),
  );
  return session as unknown as ChatSession;
}
