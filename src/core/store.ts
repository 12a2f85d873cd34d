// The one store of a chat session, whatever the backend: the ChatState folded by the pure reducer,
// the connection's status, and the snapshot subscribers. A burst of changes produces one snapshot
// (subscribers hear at most once per animation frame: frames.ts); the view is derived by a memoizing selector, so rows that did not
// change keep their identity from one snapshot to the next. The UI reads it with
// useSyncExternalStore (getSnapshot is stable between changes); the backend's parts watch it.
import type { ConnectionView, CoreEvent } from './model';
import type { SessionSnapshot } from './session';
import { initialState, reduce } from './reducer';
import type { ChatState } from './state';
import { createViewSelector, TYPING_TIMEOUT_MS } from './view';
import { addChanges, everything, nothing, type Changes } from './changes';
import type { Clock } from './clock';
import { frameSchedule, type Schedule } from './frames';

export interface ChatStore {
  readonly state: ChatState;
  readonly consumerId: string | undefined;
  /** Bumped whenever the store forgets what the server told (forget(), another consumer): what was proven before no longer holds. */
  readonly generation: number;
  readonly connection: ConnectionView;
  dispatch(events: readonly CoreEvent[]): void;
  /**
   * The consumer the socket authenticated as. Another consumer than before (e.g. the server forgot
   * the old identity) starts from nothing: the old consumer's conversations are not this one's; only
   * the visitor's unsent messages are kept.
   */
  setConsumerId(consumerId: string): void;
  /**
   * Forgets everything the server told, keeping only the visitor's unsent messages, so that the
   * next resubscribe rebuilds the state from the server alone (when what is held contradicts it).
   */
  forget(): void;
  setConnection(view: ConnectionView): void;
  getSnapshot(): SessionSnapshot;
  /**
   * UI subscribers: told of the current snapshot once after a burst of changes (at most once per
   * animation frame). getSnapshot() is current at any time in between.
   */
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
  /** Session internals: called synchronously after every state change. */
  watch(listener: () => void): () => void;
  dispose(): void;
}

/** `schedule`: when subscribers hear of a change (default: the next frame, frames.ts). */
export function createChatStore(clock: Clock, schedule: Schedule = frameSchedule(clock)): ChatStore {
  let state: ChatState = initialState;
  let consumerId: string | undefined;
  let connection: ConnectionView = { status: 'idle' };
  let snapshot: SessionSnapshot | undefined;
  let flushQueued = false;
  let generation = 0;
  const forgetServerState = () => {
    generation += 1;
    const unsent = Object.fromEntries(Object.entries(state.outbox).filter(([, entry]) => entry.stored === undefined));
    state = { ...initialState, outbox: unsent };
    pending = everything();
  };
  let disposed = false;
  let expiryTimer: unknown;
  const listeners = new Set<(snapshot: SessionSnapshot) => void>();
  const watchers = new Set<() => void>();
  const selectView = createViewSelector();
  /** What changed since the view was last computed (the selector patches its indexes with it). */
  let pending: Changes = everything();

  const compute = (): SessionSnapshot => {
    const chat = selectView(state, { ...(consumerId ? { consumerId } : {}), now: clock.now() }, pending);
    pending = nothing();
    clock.clearTimeout(expiryTimer);
    // "Agent is typing" expires by time alone: look again when it would.
    if (chat.agentTyping) expiryTimer = clock.setTimeout(changed, TYPING_TIMEOUT_MS + 50);
    return { chat, connection };
  };

  const flush = () => {
    flushQueued = false;
    if (disposed) return;
    snapshot ??= compute();
    const current = snapshot;
    for (const listener of [...listeners]) {
      try {
        listener(current);
      } catch (error) {
        console.error('Parley: a session subscriber failed', error);
      }
    }
  };

  function changed() {
    if (disposed) return;
    snapshot = undefined;
    for (const watcher of [...watchers]) {
      try {
        watcher();
      } catch (error) {
        console.error('Parley: a session watcher failed', error);
      }
    }
    if (!flushQueued) {
      flushQueued = true;
      schedule(flush);
    }
  }

  return {
    get state() {
      return state;
    },
    get consumerId() {
      return consumerId;
    },
    get generation() {
      return generation;
    },
    get connection() {
      return connection;
    },
    dispatch(events) {
      if (events.length === 0 || disposed) return;
      const next = reduce(state, events);
      if (next === state) return;
      state = next;
      addChanges(pending, events);
      changed();
    },
    setConsumerId(id) {
      if (id === consumerId) return;
      if (consumerId !== undefined) forgetServerState();
      consumerId = id;
      changed();
    },
    forget() {
      forgetServerState();
      changed();
    },
    setConnection(view) {
      if (view.status === connection.status && view.error === connection.error && view.notice === connection.notice) return;
      connection = view;
      changed();
    },
    getSnapshot() {
      snapshot ??= compute();
      return snapshot;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    watch(watcher) {
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
      };
    },
    dispose() {
      disposed = true;
      clock.clearTimeout(expiryTimer);
      listeners.clear();
      watchers.clear();
    },
  };
}
