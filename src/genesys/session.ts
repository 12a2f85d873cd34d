// createGenesysSession: the ChatSession (src/core/session.ts) over GMS Chat API v2 with CometD, the
// official `cometd` client. Listeners are registered once, before the handshake. After every
// successful handshake (a reestablish after a server restart, or the first one after a reload) the
// session asks for the transcript from its position (requestNotifications) and is online only once
// that came. Deliveries build the transcript (a set keyed by index) that gmsDecode.ts folds into
// the store. A server-sent /meta/disconnect or chatEnded ends the chat visibly and never starts a
// reconnect loop. Only the session keys are kept in localStorage (keys.ts), and the unsent
// messages in sessionStorage until GMS has them (outbox.ts).
// GMS has no receipts: the visitor's messages are pending, then sent once echoed with an index.
import { CometD, type Message } from 'cometd';
import { MESSAGE_MAX_LENGTH, sessionError, type ChatSession } from '../core/session';
import { createChatStore } from '../core/store';
import { clientIdOfRow } from '../core/timeline';
import { createClock, type TimerFunctions } from '../core/clock';
import { createTypingThrottle } from '../core/typingThrottle';
import { safeStore, type StorageLike } from '../platform/storage';
import { createOutboxStorage } from '../platform/outboxStorage';
import { DEFAULT_NICKNAME, normalizeGenesysConfig, type GenesysConfig } from './config';
import { decodeDelivery, mergeMessages, transcriptEvents, type GmsDelivery, type GmsMessage } from './gmsDecode';
import { createKeyStore, keyStoreKey, type SessionKeys } from './keys';
import { createGenesysOutbox, decodeSentFrom } from './outbox';

/** How long requestChat and requestNotifications wait for their delivery. */
export const REPLY_TIMEOUT_MS = 10_000;

export interface GenesysSessionDeps {
  /** Makes the CometD client (tests: one adapted to Node). */
  createCometD?: () => CometD;
  /** localStorage: the session keys. */
  storage?: StorageLike;
  /** sessionStorage: the unsent messages, so that a reload of the tab keeps them. */
  sessionStorage?: StorageLike;
  /** How long a publish, requestChat or requestNotifications waits for its answer (default REPLY_TIMEOUT_MS). */
  replyTimeoutMs?: number;
  now?: () => number;
  setTimeout?: TimerFunctions['setTimeout'];
  clearTimeout?: TimerFunctions['clearTimeout'];
}

let clientCounter = 0;
const newClientId = () => globalThis.crypto?.randomUUID?.() ?? `parley-${Date.now().toString(36)}-${++clientCounter}`;

export function createGenesysSession(config: GenesysConfig, deps: GenesysSessionDeps = {}): ChatSession {
  const cfg = normalizeGenesysConfig(config);
  const clock = createClock(deps);
  const replyTimeoutMs = deps.replyTimeoutMs ?? REPLY_TIMEOUT_MS;
  const store = createChatStore(clock);
  const keyStore = createKeyStore(safeStore(deps.storage), cfg.gms, cfg.service);
  const outboxStorage = createOutboxStorage(safeStore(deps.sessionStorage, 'sessionStorage'), `${keyStoreKey(cfg.gms, cfg.service)}:outbox`, MESSAGE_MAX_LENGTH, decodeSentFrom);
  const stop = new AbortController();
  const cometd = deps.createCometD?.() ?? new CometD();
  if (cfg.transport === 'long-polling') cometd.unregisterTransport('websocket');
  // No worker scheduler: it runs from a blob: URL, which the frame's CSP (script-src 'self') refuses.
  cometd.configure({ url: cfg.url, logLevel: 'warn', useWorkerScheduler: false });

  let keys: SessionKeys | undefined = keyStore.load();
  const transcripts = new Map<string, Map<number, GmsMessage>>();
  const positions = new Map<string, number>();
  const ended = new Set<string>();
  let online = false;
  let onlinePeriod = new AbortController();
  let handshaken = false;
  let disconnectedByServer = false;
  let stopping = false;
  /** Waiting for the delivery that answers requestChat / requestNotifications. */
  let replyWaiters: Array<{ want: 'keys' | 'any'; resolve: () => void }> = [];

  const isOnline = () => online && !stop.signal.aborted;
  const transcriptOf = (chatId: string) => {
    let t = transcripts.get(chatId);
    if (!t) transcripts.set(chatId, (t = new Map()));
    return t;
  };
  const nextPosition = (chatId: string) => {
    const t = transcriptOf(chatId);
    const highest = [...t.keys()].reduce((max, i) => Math.max(max, i), 0);
    return Math.max(positions.get(chatId) ?? 0, highest + 1);
  };
  const fold = (chatId: string) => store.dispatch(transcriptEvents({ chatId, messages: transcriptOf(chatId), ended: ended.has(chatId) }));

  const goOnline = () => {
    if (online || stop.signal.aborted || disconnectedByServer) return;
    online = true;
    store.setConnection({ status: 'online' });
    outbox.pump();
  };
  const goOffline = () => {
    if (stop.signal.aborted) return;
    if (online) {
      online = false;
      onlinePeriod.abort();
      onlinePeriod = new AbortController();
    }
    if (!disconnectedByServer) store.setConnection({ status: 'reconnecting' });
  };

  const waitReply = (want: 'keys' | 'any'): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = { want, resolve: () => (clock.clearTimeout(timer), resolve()) };
      const timer = clock.setTimeout(() => {
        replyWaiters = replyWaiters.filter((x) => x !== w);
        reject(new Error('GMS did not answer'));
      }, replyTimeoutMs);
      replyWaiters.push(w);
    });
  const answered = (hadKeys: boolean) => {
    const ready = replyWaiters.filter((w) => w.want === 'any' || hadKeys);
    replyWaiters = replyWaiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  };

  const publish = (operation: string, fields: Record<string, unknown> = {}): Promise<void> =>
    new Promise((resolve, reject) => {
      const data = { operation, ...(keys && operation !== 'requestChat' ? { secureKey: keys.secureKey } : {}), ...fields };
      // The client may never call back (a chaos run saw a publish made during a re-handshake never
      // leave): after the timeout its fate is unknown, as after a failure, and whoever waits moves on.
      let settled = false;
      const timer = clock.setTimeout(() => {
        settled = true;
        reject(new Error(`GMS ${operation}: no answer`));
      }, replyTimeoutMs);
      cometd.publish(cfg.channel, data, (reply: Message) => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(timer);
        if (reply.successful) return resolve();
        // A Bayeux failure (402::session_unknown after a restart, a network error): its fate is
        // unknown, and the session is offline until the next handshake or connect.
        goOffline();
        reject(new Error(`GMS ${operation}: ${reply.error ?? 'failed'}`));
      });
    });

  const endChat = (chatId: string) => {
    ended.add(chatId);
    if (keys?.chatId === chatId) {
      keys = undefined;
      keyStore.clear();
    }
    fold(chatId);
    outbox.ended();
  };

  const resync = async (position: number): Promise<void> => {
    if (!keys) return;
    const reply = waitReply('any');
    reply.catch(() => undefined);
    await publish('requestNotifications', { transcriptPosition: position });
    await reply;
  };

  const onDelivery = (m: Message) => {
    const d: GmsDelivery | undefined = decodeDelivery(m.data);
    if (!d) return;
    if (d.statusCode !== 0 || d.errors.length > 0) {
      const message = d.errors.map((e) => e.message).join('; ') || `GMS error ${d.statusCode}`;
      console.warn(`Parley: GMS refused: ${message}`);
      // A secureKey GMS no longer knows (401 [INF] code) or an ended chat: this chat is over.
      if (keys && (d.chatEnded || d.errors.some((e) => e.code === 401))) endChat(keys.chatId);
      outbox.refused(message);
      answered(false);
      return;
    }
    const chatId = d.chatId ?? keys?.chatId;
    if (!chatId) return;
    const fresh = d.secureKey !== undefined && !ended.has(chatId) && keys?.chatId !== chatId;
    if (fresh && d.secureKey) {
      keys = { chatId, secureKey: d.secureKey, userId: d.userId ?? '', alias: d.alias ?? '' };
      keyStore.save(keys);
    }
    mergeMessages(transcriptOf(chatId), d.messages);
    if (d.nextPosition !== undefined) positions.set(chatId, Math.max(positions.get(chatId) ?? 0, d.nextPosition));
    if (d.chatEnded && !ended.has(chatId)) endChat(chatId);
    else fold(chatId);
    outbox.reconcile();
    answered(keys !== undefined);
  };

  const onHandshake = (m: Message) => {
    if (!m.successful || stop.signal.aborted) return goOffline();
    handshaken = true;
    if (!keys) return goOnline();
    // Rebuild from the server: everything after what this page has (all of it after a reload).
    const chatId = keys.chatId;
    resync(transcriptOf(chatId).size > 0 ? nextPosition(chatId) : 0).then(goOnline, () => {
      if (!stop.signal.aborted && cometd.getStatus() !== 'disconnected') onHandshake(m);
    });
  };

  /** The server ended the Bayeux session: the chat ends visibly; a new message starts over. */
  const onServerDisconnect = () => {
    if (stopping || stop.signal.aborted || disconnectedByServer) return;
    disconnectedByServer = true;
    goOffline();
    handshaken = false;
    if (keys) endChat(keys.chatId);
    store.setConnection({ status: 'idle' });
  };

  // Listeners once, before the first handshake (they survive every re-handshake).
  cometd.addListener('/meta/handshake', onHandshake);
  cometd.addListener('/meta/connect', (m: Message) => {
    if (!m.successful) return goOffline();
    if (m.advice?.reconnect === 'none') return onServerDisconnect();
    if (handshaken && !online && replyWaiters.length === 0) goOnline();
  });
  cometd.addListener('/meta/disconnect', onServerDisconnect);
  cometd.addListener(cfg.channel, onDelivery);

  const connect = () => {
    disconnectedByServer = false;
    store.setConnection({ status: 'connecting' });
    cometd.handshake();
  };

  const outbox = createGenesysOutbox({
    store,
    clock,
    newClientId,
    isOnline,
    onlineSignal: () => onlinePeriod.signal,
    stopped: stop.signal,
    chat: () => (keys && !ended.has(keys.chatId) ? { chatId: keys.chatId, messages: transcriptOf(keys.chatId), nextPosition: nextPosition(keys.chatId) } : undefined),
    async openChat() {
      const reply = waitReply('keys');
      reply.catch(() => undefined);
      await publish('requestChat', {
        nickname: cfg.nickname ?? ([cfg.firstName, cfg.lastName].filter(Boolean).join(' ') || DEFAULT_NICKNAME),
        ...(cfg.firstName ? { firstName: cfg.firstName } : {}),
        ...(cfg.lastName ? { lastName: cfg.lastName } : {}),
        ...(cfg.email ? { emailAddress: cfg.email } : {}),
        ...(cfg.subject ? { subject: cfg.subject } : {}),
        ...(cfg.userData ? { userData: cfg.userData } : {}),
      });
      await reply;
    },
    publish,
    resync,
    storage: outboxStorage,
  });

  const typing = createTypingThrottle({
    clock,
    publish(composing) {
      if (!isOnline() || !keys || ended.has(keys.chatId)) return false;
      publish(composing ? 'startTyping' : 'stopTyping').catch(() => undefined);
      return true;
    },
  });

  let started = false;
  const restartIfDisconnected = () => {
    if (started && disconnectedByServer && !stop.signal.aborted) connect();
  };

  return {
    start() {
      if (stop.signal.aborted || started) return restartIfDisconnected();
      started = true;
      connect();
    },
    stop() {
      if (stop.signal.aborted) return;
      stopping = true;
      online = false;
      stop.abort();
      onlinePeriod.abort();
      outboxStorage.release(); // the next session of this page (or tab) may send what is left
      if (!cometd.isDisconnected()) cometd.disconnect();
      store.dispose();
    },
    getSnapshot: () => store.getSnapshot(),
    subscribe: (listener) => store.subscribe(listener),
    send(text) {
      restartIfDisconnected();
      return outbox.send(text);
    },
    retry(rowKey) {
      const clientId = clientIdOfRow(store.getSnapshot().chat.timeline, rowKey);
      if (clientId === undefined) return Promise.reject(sessionError('notFound', 'There is no failed message with that key'));
      restartIfDisconnected();
      return outbox.retry(clientId);
    },
    chooseQuickReply(rowKey, option) {
      // GMS offers no quick replies; a choice is sent as its text.
      const row = store.getSnapshot().chat.timeline.find((r) => r.key === rowKey);
      if (row?.kind !== 'message') return Promise.reject(sessionError('notFound', 'There is no stored message with that key to answer'));
      return outbox.send(option.text);
    },
    endConversation: () => outbox.end(),
    setComposing: (value) => typing.setComposing(value),
    // GMS has no read receipts: nothing to publish.
    markSeen: () => undefined,
  };
}
