// Which tab leads: the one holding the widget's Web Lock (navigator.locks), or, where the browser
// has no Web Locks, the winner of the BroadcastChannel election (channelElection.ts). Either way the
// leader beats every HEARTBEAT_MS on the tabs' channel, so that followers know who leads and see it
// freeze: a lock is released when its tab closes (a queued follower gets it at once), but a frozen or
// hung tab keeps it, so a visible follower that hears no beat for FREEZE_MS steals the lock
// (`steal: true`), after a random pause that lets one follower win when several noticed. The tab it
// was taken from learns so (its lock request rejects) and follows again.
import type { Clock } from '../../core/clock';
import type { TabChannel, TabMessage } from './protocol';

export const HEARTBEAT_MS = 400;
/** No beat for this long: the leader is gone or frozen (a hidden tab's timers run once a second). */
export const FREEZE_MS = 1_500;
/** How often a follower looks whether the leader went quiet (a comparison of two times). */
export const CHECK_MS = 100;
/** A follower waits up to this long (random) before stealing, and listens meanwhile. */
export const STEAL_JITTER_MS = 150;

/** The core Clock's time and timers, plus what the tabs add: intervals and the steal jitter's randomness. */
export interface Timers extends Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'> {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
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

/**
 * Who leads, as this tab knows it (shared by both elections): its own lead, with its beat every
 * HEARTBEAT_MS while it lasts, or the leader whose beats it hears, and whether those went quiet.
 */
export function createLeadership(options: ElectionOptions, timers: Timers) {
  const { channel, tabId } = options;
  let leaderId: string | undefined;
  let lastBeat = -Infinity;
  let leading = false;
  let beat: unknown;
  const beatNow = () => channel.post({ t: 'beat', from: tabId });
  /** Nobody heard yet: a leader has FREEZE_MS from now to be. */
  const reset = () => {
    leaderId = undefined;
    lastBeat = timers.now();
  };
  return {
    get leading() {
      return leading;
    },
    get leaderId() {
      return leaderId;
    },
    heard(from: string) {
      lastBeat = timers.now();
      if (from === leaderId) return;
      leaderId = from;
      options.onLeader(from);
    },
    reset,
    quiet: () => timers.now() - lastBeat > FREEZE_MS,
    lead(value: boolean) {
      if (value === leading) return;
      leading = value;
      timers.clearInterval(beat);
      if (value) {
        leaderId = tabId;
        lastBeat = timers.now();
        beatNow();
        beat = timers.setInterval(beatNow, HEARTBEAT_MS);
      } else reset();
      options.onLeading(value);
    },
  };
}

export type Leadership = ReturnType<typeof createLeadership>;

/** What makes an election: its handling of other tabs' messages, its periodic look, its own start and stop, and confirm. */
export interface ElectionParts {
  /** A message of another tab (beats, claims, goodbyes). */
  onMessage(message: TabMessage): void;
  /** Every CHECK_MS while it runs. */
  onCheck(): void;
  /** Listening started (and nobody heard yet). */
  begin(): void;
  /** Stopping, before this tab stops leading. */
  end(): void;
  confirm(): Promise<boolean>;
}

/** An election's run (listening, the periodic look, leading off at the end) around its parts. */
export function electionOf(me: Leadership, options: ElectionOptions, timers: Timers, parts: ElectionParts): Election {
  let running = false;
  let unlisten = () => {};
  let check: unknown;
  return {
    start() {
      if (running) return;
      running = true;
      unlisten = options.channel.listen((m) => {
        if (m.from !== options.tabId) parts.onMessage(m);
      });
      me.reset();
      parts.begin();
      check = timers.setInterval(() => parts.onCheck(), CHECK_MS);
    },
    stop() {
      if (!running) return;
      running = false;
      unlisten();
      timers.clearInterval(check);
      parts.end();
      me.lead(false);
    },
    confirm: () => parts.confirm(),
    get leading() {
      return me.leading;
    },
    get leaderId() {
      return me.leaderId;
    },
  };
}

/** The Web Locks election. */
export function createLockElection(locks: LockManagerLike, options: ElectionOptions): Election {
  const timers = options.timers ?? browserTimers;
  const visible = options.visible ?? (() => true);
  const me = createLeadership(options, timers);
  let stopped = true;
  let queued: AbortController | undefined;
  /** The request whose lock this tab holds. */
  let holder: object | undefined;
  /** The lock manager's id of this tab's lock, learnt when it was granted (undefined without query()). */
  let heldBy: string | undefined;
  let release: (() => void) | undefined;
  let stealing: unknown;

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
      me.lead(true);
      return new Promise<void>((resolve) => (release = resolve));
    });
    held.then(
      () => undefined,
      () => {
        // Aborted while queued (we steal instead, or stopped): nothing. Stolen from us while we led: follow again.
        if (holder !== mine || stopped) return;
        holder = undefined;
        release = undefined;
        me.lead(false);
        request(false);
      },
    );
  };

  /** This tab found it does not hold the lock any more: follow, and queue for it again. */
  const lost = () => {
    if (!me.leading || stopped) return;
    holder = undefined;
    release?.(); // in case it still held it after all
    release = undefined;
    me.lead(false);
    request(false);
  };

  const confirm = async (): Promise<boolean> => {
    if (!me.leading) return false;
    const mine = holder;
    const state = await locks.query?.().catch(() => undefined);
    const holds = state && heldBy !== undefined ? state.held?.some((l) => l.name === options.name && l.clientId === heldBy) === true : me.leading;
    if (holder !== mine) return false;
    if (!holds) lost();
    return holds && me.leading;
  };

  const onQuiet = () => {
    if (stopped || me.leading || !me.quiet() || !visible() || stealing !== undefined) return;
    stealing = timers.setTimeout(() => {
      stealing = undefined;
      if (!stopped && !me.leading && me.quiet()) request(true);
    }, timers.random() * STEAL_JITTER_MS);
  };

  return electionOf(me, options, timers, {
    onMessage(m) {
      if (m.t !== 'beat') return;
      // Another tab beats while this one thinks it leads: it stole the lock from this (hung) tab.
      if (me.leading) void confirm();
      else me.heard(m.from);
    },
    onCheck: onQuiet,
    begin() {
      stopped = false;
      // A leader has FREEZE_MS to be heard; the queued request is granted at once when nobody holds the lock.
      request(false);
    },
    end() {
      stopped = true;
      timers.clearTimeout(stealing);
      stealing = undefined;
      queued?.abort();
      queued = undefined;
      release?.();
      release = undefined;
      holder = undefined;
    },
    confirm,
  });
}
