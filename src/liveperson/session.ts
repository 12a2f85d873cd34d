// createLivePersonSession: the ChatSession (src/core/session.ts) over LivePerson's Messaging Window
// API. Wires the identity, the connection, the resubscribe recipe, the outbox, receipts, typing and
// agent profiles around one ChatStore. The only conversation data kept in browser storage is the
// outbox of unsent messages (sessionStorage, per account, until stored).
import { MESSAGE_MAX_LENGTH, sessionError, type ChatSession } from '../core/session';
import type { ConnectionView } from '../core/model';
import { createBackoff } from './backoff';
import { createChatStore } from '../core/store';
import { latestSnapshots, messagingDialogs } from '../core/conversation';
import { clientIdOfRow } from '../core/timeline';
import { createClock, type TimerFunctions } from '../core/clock';
import { createComposingOut } from './composingOut';
import { createConversationFields } from './conversationFields';
import { normalizeConfig, type ParleyConfig } from './config';
import { createConnection, type ConnectionOptions, type ConnectionState, type WebSocketClass } from './connection';
import { endpointsFor, resolveDomains, type Endpoints } from './domains';
import { defaultFetch, type FetchLike } from './http';
import { createFileUrls } from './fileUrls';
import type { SwiftPut } from './swiftPut';
import { createVisitorFiles, filePolicyOf } from './visitorFiles';
import { createIdentity } from './identity';
import { createOutbox } from './outbox';
import { createOutboxStorage } from './outboxStorage';
import { createProfileLookup } from './profiles';
import { browserWhenBack, browserWhenOffline, type WhenBack } from './reachability';
import { createReceiptsOut } from './receiptsOut';
import { createSendLiveness } from './sendLiveness';
import { createSubscriber } from './resubscribe';
import { safeStore, type StorageLike } from '../platform/storage';
import { clickMetadata } from './outboxPublish';
import { RequestTypes } from './wire';
import { clientProperties } from './clientProperties';
import { loadRichContentReader } from './decodeMessaging';

export { FEATURES, FILE_FEATURES, PARLEY_VERSION } from './clientProperties';
/** Back online with the socket still up: it must answer a GetClock this fast, or it is replaced. */
export const BACK_PROBE_MS = 2000;

export interface LivePersonSessionDeps {
  WebSocket?: WebSocketClass;
  fetch?: FetchLike;
  storage?: StorageLike;
  /** Where unsent messages survive a reload (default: the browser's sessionStorage). */
  sessionStorage?: StorageLike;
  now?: () => number;
  setTimeout?: TimerFunctions['setTimeout'];
  clearTimeout?: TimerFunctions['clearTimeout'];
  random?: () => number;
  /** When to try again by itself after the token source could not be reached (default: the browser's online / visible moments). */
  whenBack?: WhenBack;
  /** When the browser says it is offline (default: its offline event). */
  whenOffline?: WhenBack;
  /** The PUT of uploaded files to the storage (default: XMLHttpRequest, or fetch where there is none). */
  put?: SwiftPut;
  /** Where the client ids (ExternalId) of the visitor's messages come from (default: random UUIDs). One tab's session sends the messages typed in every tab under the ids minted there (src/embed/tabs). */
  newClientId?: () => string;
  /** Tuning (tests): request timeout, keep-alive period, backoff, auth-failure bound. */
  connection?: Pick<ConnectionOptions, 'requestTimeoutMs' | 'keepAliveMs' | 'stableMs' | 'maxAuthFailures' | 'backoff'>;
}

function clientIdFactory(now: () => number): () => string {
  let counter = 0;
  return () => {
    const uuid = (globalThis.crypto as Crypto | undefined)?.randomUUID?.();
    if (uuid) return uuid;
    counter += 1;
    return `parley-${now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${counter}`;
  };
}

export function createLivePersonSession(config: ParleyConfig, deps: LivePersonSessionDeps = {}): ChatSession {
  const cfg = normalizeConfig(config);
  const clock = createClock(deps);
  const fetchFn = deps.fetch ?? defaultFetch();
  const store = createChatStore(clock);
  const stop = new AbortController();
  let endpoints: Endpoints | undefined;
  let lookingUp: Promise<Endpoints> | undefined;
  const resolveEndpoints = (): Promise<Endpoints> => {
    if (endpoints) return Promise.resolve(endpoints);
    lookingUp ??= resolveDomains(cfg, fetchFn)
      .then((domains) => (endpoints = endpointsFor(cfg, domains)))
      .finally(() => (lookingUp = undefined));
    return lookingUp;
  };

  // A replaced anonymous identity (legacy signup after it expired; v3 past its refresh window):
  // the visitor is told that the earlier conversation cannot be continued, not restarted silently.
  let notice: ConnectionView['notice'];
  const onNewVisitor = () => {
    notice = 'conversationLost';
    setStatus(store.getSnapshot().connection);
  };
  const filePolicy = filePolicyOf(cfg);
  const identity = createIdentity(cfg, () => resolveEndpoints().then((e) => e.idpBase), { fetch: fetchFn, store: safeStore(deps.storage), now: clock.now, onNewVisitor });
  const connection = createConnection({
    ...deps.connection,
    url: () => resolveEndpoints().then((e) => e.socketUrl),
    identity,
    clientProperties: clientProperties(filePolicy !== undefined),
    ...(deps.WebSocket ? { WebSocket: deps.WebSocket } : {}),
    clock,
    ...(deps.random ? { random: deps.random } : {}),
  });

  let online = false;
  let generation = 0;
  const isOnline = () => online && !stop.signal.aborted;
  const subscriber = createSubscriber(connection, store, clock);
  const outboxStorage = createOutboxStorage(safeStore(deps.sessionStorage, 'sessionStorage'), cfg.account, MESSAGE_MAX_LENGTH);
  const outbox = createOutbox({
    connection, store, subscriber, clock,
    account: cfg.account,
    ...(cfg.lang ? { lang: cfg.lang } : {}),
    newClientId: deps.newClientId ?? clientIdFactory(clock.now),
    isOnline,
    stopped: stop.signal,
    ...(deps.random ? { random: deps.random } : {}),
    storage: outboxStorage,
    rebuild() {
      console.warn('Parley: the conversation list contradicts the server; rebuilding it from the server');
      store.forget();
      subscriber.forget();
      connection.reconnect('rebuilding the state from the server');
    },
  });
  const receipts = createReceiptsOut({ connection, store, clock, isOnline });
  const sendLiveness = createSendLiveness({ connection, store, clock, isOnline });
  const composing = createComposingOut({ connection, store, clock, isOnline });
  const fields = createConversationFields({ connection, store });
  const files = createFileUrls({ connection, swiftBase: () => resolveEndpoints().then((e) => e.swiftBase), now: clock.now });
  const uploads = createVisitorFiles({
    connection, store, outbox, clock, isOnline,
    newClientId: clientIdFactory(clock.now),
    swiftBase: () => resolveEndpoints().then((e) => e.swiftBase),
    ...(deps.put ? { put: deps.put } : {}),
    stopped: stop.signal,
    policy: filePolicy,
  });
  const profiles = createProfileLookup({ store, fetch: fetchFn, profileBase: () => endpoints?.profileBase, stopped: stop.signal });

  const setStatus = (view: ConnectionView) => store.setConnection(notice ? { ...view, notice } : view);
  const statusOf: Record<ConnectionState, ConnectionView['status']> = {
    idle: 'idle', connecting: 'connecting', authenticating: 'connecting', open: 'connecting', reconnecting: 'reconnecting', error: 'error', closed: 'idle',
  };

  // Notifications reach the store through the subscriber, which admits only its own subscriptions' ones.
  // After giving up because the token source could not be reached, the next online / visible moment
  // tries once more by itself (bounded again); a refusal waits for the visitor's Retry.
  let retryWhenBack = false;
  // Back online: connect at once rather than after the backoff (or probe a socket that stayed up).
  const stopWatchingBack = (deps.whenBack ?? browserWhenBack)(() => {
    if (stop.signal.aborted) return;
    if (retryWhenBack) {
      retryWhenBack = false;
      connection.retry();
    } else if (online) {
      connection.request(RequestTypes.GetClock, undefined, { timeoutMs: BACK_PROBE_MS }).catch(() => connection.reconnect('no answer after the network came back'));
    } else connection.wakeUp();
  });
  // Offline: the socket is gone even if it has not noticed (that takes a keep-alive timeout): drop it
  // now, so the status says so and what the visitor sends waits in the outbox.
  const stopWatchingOffline = (deps.whenOffline ?? browserWhenOffline)(() => {
    if (!stop.signal.aborted) connection.reconnect('the browser is offline');
  });
  const stopWatching = () => {
    stopWatchingBack();
    stopWatchingOffline();
  };
  connection.on('state', ({ state, error, kind, unreachable }) => {
    if (state === 'open' || state === 'authenticating') return; // online only once the resubscribe finished
    if (state === 'error') retryWhenBack = unreachable === true;
    if (state === 'error' || !online) setStatus(error ? { status: statusOf[state], error, ...(kind ? { errorKind: kind } : {}) } : { status: statusOf[state] });
  });
  connection.on('close', () => {
    online = false;
    subscriber.reset();
    if (!stop.signal.aborted) setStatus({ status: 'reconnecting' });
  });
  connection.on('open', ({ consumerId }) => {
    store.setConsumerId(consumerId);
    const mine = ++generation;
    const retries = createBackoff({ baseMs: 500, capMs: 5_000, ...(deps.random ? { random: deps.random } : {}) });
    const attempt = async (): Promise<void> => {
      for (let tries = 1; ; tries += 1) {
        try {
          await subscriber.resubscribe();
          return;
        } catch (error) {
          if (mine !== generation || stop.signal.aborted || tries >= 3) throw error;
          await clock.sleep(retries.next(), stop.signal);
        }
      }
    };
    attempt().then(
      () => {
        if (mine !== generation || stop.signal.aborted) return;
        online = true;
        connection.healthy();
        setStatus({ status: 'online' });
        outbox.pump();
        uploads.pump();
        receipts.schedule();
        profiles.lookUpNewAgents();
      },
      () => {
        if (mine === generation && !stop.signal.aborted) connection.reconnect('resubscribe failed');
      },
    );
  });
  store.watch(() => {
    sendLiveness.check();
    subscriber.subscribeNewDialogs();
    receipts.schedule();
    profiles.lookUpNewAgents();
  });

  let started = false;
  const session: ChatSession = {
    start() {
      if (stop.signal.aborted) return;
      if (started) {
        connection.retry(); // only acts after status 'error'
        return;
      }
      started = true;
      setStatus({ status: 'connecting' });
      connection.start();
    },
    stop() {
      if (stop.signal.aborted) return;
      online = false;
      stop.abort();
      outboxStorage.release(); // the next session of this page (or tab) may send what is left
      stopWatching();
      receipts.dispose();
      sendLiveness.dispose();
      connection.close();
      store.dispose();
    },
    getSnapshot: () => store.getSnapshot(),
    subscribe: (listener) => store.subscribe(listener),
    send: (text) => outbox.send(text),
    retry(rowKey) {
      const clientId = clientIdOfRow(store.getSnapshot().chat.timeline, rowKey);
      if (clientId === undefined) return Promise.reject(sessionError('notFound', 'There is no failed message with that key'));
      return uploads.retry(clientId) ?? outbox.retry(clientId);
    },
    chooseQuickReply(rowKey, option) {
      const row = store.getSnapshot().chat.timeline.find((r) => r.key === rowKey);
      if (row?.kind !== 'message' || row.dialogId === undefined || row.sequence === undefined) {
        return Promise.reject(sessionError('notFound', 'There is no stored message with that key to answer'));
      }
      return outbox.choose(option.text, { dialogId: row.dialogId, sequence: row.sequence, metadata: clickMetadata(option.metadata) });
    },
    endConversation: () => outbox.end(),
    fileUrl: (path) => files.url(path),
    richContent: loadRichContentReader,
    files: uploads,
    setComposing: (value) => composing.setComposing(value),
    markSeen: (rowKeys) => receipts.markSeen(rowKeys),
    rateConversation: (stars) => fields.rate(stars),
    openEarlier(conversationId) {
      // Its messaging dialogs (MAIN, and a survey's), each subscribed from what is held: 0 the first time.
      const snap = latestSnapshots(store.state).find((c) => c.id === conversationId);
      const dialogIds = snap ? messagingDialogs(snap).map((d) => d.id) : [];
      const loaded = snap
        ? Promise.all(dialogIds.map((id) => subscriber.ensureDialog(id, conversationId))).then(() => connection.request(RequestTypes.GetClock)).then(() => undefined)
        : Promise.reject(sessionError('notFound', 'There is no such earlier conversation'));
      loaded.catch(() => undefined); // the caller may not wait for it
      return { loaded, close: () => dialogIds.forEach((id) => subscriber.release(id)) };
    },
  };
  if (cfg.markUrgent === true) session.markUrgent = () => fields.markUrgent();
  return session;
}
