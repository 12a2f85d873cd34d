// Which tab leads: the one holding the widget's Web Lock (navigator.locks), or, where the browser
// has no Web Locks, the winner of the BroadcastChannel election (channelElection.ts). Either way the
// leader beats every HEARTBEAT_MS on the tabs' channel, so that followers know who leads and see it
// freeze: a lock is released when its tab closes (a queued follower gets it at once), but a frozen or
// hung tab keeps it, so a visible follower that hears no beat for FREEZE_MS steals the lock
// (`steal: true`), after a random pause that lets one follower win when several noticed. The tab it
// was taken from learns so (its lock request rejects) and follows again.
import type { TabChannel } from './protocol';

export const HEARTBEAT_MS = 400;
/** No beat for this long: the leader is gone or frozen (a hidden tab's timers run once a second). */
export const FREEZE_MS = 1_500;
/** How often a follower looks whether the leader went quiet (a comparison of two times). */
export const CHECK_MS = 100;
/** A follower waits up to this long (random) before stealing, and listens meanwhile. */
export const STEAL_JITTER_MS = 150;

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
  now(): number;
  random(): number;
}

export const browserTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
  now: () => Date.now(),
  random: () => Math.random(),
};

/** The part of the Web Locks API the election uses. */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal; steal?: boolean }, callback: (lock: unknown) => Promise<unknown>): Promise<unknown>;
  query?(): Promise<{ held?: Array<{ name?: string; clientId?: string }> }>;
}

export interface ElectionEvents {
  /** This tab became the leader (true) or stopped being it (false). */
  onLeading(leading: boolean): void;
  /** Another tab leads now (a beat from a tab not heard leading before). */
  onLeader(leaderId: string): void;
}

export interface Election {
  start(): void;
  /** Resigns (releases the lock) and stops listening. */
  stop(): void;
  /**
   * Whether this tab still leads, asked of the lock manager itself: a tab that hung (or was frozen)
   * learns only later that its lock was stolen, and must not act as the leader meanwhile. False
   * makes it follow at once.
   */
  confirm(): Promise<boolean>;
  readonly leading: boolean;
  /** The tab that leads, as last heard (this tab's id while it leads). */
  readonly leaderId: string | undefined;
}

export interface ElectionOptions extends ElectionEvents {
  name: string;
  tabId: string;
  channel: TabChannel;
  timers?: Timers;
  /** Whether this tab is visible (only a visible tab steals a frozen leader's lock). */
  visible?: () => boolean;
}

/** Follows the leader's beats: who leads, and whether it went quiet (shared by both elections). */
export function createBeatWatch(timers: Timers, onLeader: (id: string) => void) {
  let leaderId: string | undefined;
  let lastBeat = -Infinity;
  return {
    get leaderId() {
      return leaderId;
    },
    heard(from: string) {
      lastBeat = timers.now();
      if (from === leaderId) return;
      leaderId = from;
      onLeader(from);
    },
    /** This tab leads (its id), or another is yet to be heard (undefined): either way, quiet only FREEZE_MS from now. */
    set(id: string | undefined) {
      leaderId = id;
      lastBeat = timers.now();
    },
    quiet: () => timers.now() - lastBeat > FREEZE_MS,
  };
}

/** The Web Locks election. */
export function createLockElection(locks: LockManagerLike, options: ElectionOptions): Election {
  const timers = options.timers ?? browserTimers;
  const visible = options.visible ?? (() => true);
  const { channel, tabId } = options;
  const watch = createBeatWatch(timers, (id) => options.onLeader(id));
  let leading = false;
  let stopped = true;
  let queued: AbortController | undefined;
  /** The request whose lock this tab holds. */
  let holder: object | undefined;
  /** The lock manager's id of this tab's lock, learnt when it was granted (undefined without query()). */
  let heldBy: string | undefined;
  let release: (() => void) | undefined;
  let beat: unknown;
  let check: unknown;
  let stealing: unknown;

  const lead = (granted: boolean) => {
    if (granted === leading) return;
    leading = granted;
    timers.clearInterval(beat);
    if (granted) {
      watch.set(tabId);
      channel.post({ t: 'beat', from: tabId });
      beat = timers.setInterval(() => channel.post({ t: 'beat', from: tabId }), HEARTBEAT_MS);
    } else watch.set(undefined);
    options.onLeading(granted);
  };

  /** Asks for the lock: queued behind the holder, or taking it from a frozen one. */
  const request = (steal: boolean) => {
    queued?.abort();
    const controller = new AbortController();
    queued = steal ? undefined : controller;
    const mine = {};
    const held = locks.request(options.name, steal ? { steal: true } : { signal: controller.signal }, () => {
      if (stopped) return Promise.resolve();
      if (queued === controller) queued = undefined;
      holder = mine;
      heldBy = undefined;
      void locks.query?.().then(
        (state) => {
          if (holder === mine) heldBy = state.held?.find((l) => l.name === options.name)?.clientId;
        },
        () => undefined,
      );
      lead(true);
      return new Promise<void>((resolve) => (release = resolve));
    });
    held.then(
      () => undefined,
      () => {
        // Aborted while queued (we steal instead, or stopped): nothing. Stolen from us while we led: follow again.
        if (holder !== mine || stopped) return;
        holder = undefined;
        release = undefined;
        lead(false);
        request(false);
      },
    );
  };

  /** This tab found it does not hold the lock any more: follow, and queue for it again. */
  const lost = () => {
    if (!leading || stopped) return;
    holder = undefined;
    release?.(); // in case it still held it after all
    release = undefined;
    lead(false);
    request(false);
  };

  const confirm = async (): Promise<boolean> => {
    if (!leading) return false;
    const mine = holder;
    const state = await locks.query?.().catch(() => undefined);
    const holds = state && heldBy !== undefined ? state.held?.some((l) => l.name === options.name && l.clientId === heldBy) === true : leading;
    if (holder !== mine) return false;
    if (!holds) lost();
    return holds && leading;
  };

  const onQuiet = () => {
    if (stopped || leading || !watch.quiet() || !visible() || stealing !== undefined) return;
    stealing = timers.setTimeout(() => {
      stealing = undefined;
      if (!stopped && !leading && watch.quiet()) request(true);
    }, timers.random() * STEAL_JITTER_MS);
  };

  let unlisten = () => {};
  return {
    start() {
      if (!stopped) return;
      stopped = false;
      unlisten = channel.listen((m) => {
        if (m.t !== 'beat' || m.from === tabId) return;
        // Another tab beats while this one thinks it leads: it stole the lock from this (hung) tab.
        if (leading) void confirm();
        else watch.heard(m.from);
      });
      // A leader has FREEZE_MS to be heard; the queued request is granted at once when nobody holds the lock.
      watch.set(undefined);
      request(false);
      check = timers.setInterval(onQuiet, CHECK_MS);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      unlisten();
      timers.clearInterval(check);
      timers.clearTimeout(stealing);
      stealing = undefined;
      queued?.abort();
      queued = undefined;
      release?.();
      release = undefined;
      holder = undefined;
      if (leading) lead(false);
    },
    confirm,
    get leading() {
      return leading;
    },
    get leaderId() {
      return watch.leaderId;
    },
  };
}
