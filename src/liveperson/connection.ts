// The consumer messaging connection: one logical connection over reconnecting-websocket.
// Nothing goes out before InitConnection (the library's own send buffer is off); requests are
// correlated by reqId; GetClock keeps the socket alive; 4401/4407 closes renew the token before
// reconnecting; other closes back off with full jitter. Frames from the network never throw.
import ReconnectingWebSocket from 'reconnecting-websocket';
import type { ConnectionErrorKind } from '../core/model';
import type { ClientPropertiesHeader, Metadata } from './wire';
import { CloseCodes, RequestTypes } from './wire';
import { createBackoff, type BackoffOptions } from './backoff';
import { consumerIdOf, isRefusal, type Identity } from './identity';
import { ConnectionClosedError, RequestFailedError, RequestTimeoutError } from './errors';
import { createRequestTracker, type RequestTracker, type ResponseResult } from './requests';
import { createClock, type Clock } from '../core/clock';
import { defaultWebSocket, guarded, type WebSocketClass } from './websocket';

export type { WebSocketClass } from './websocket';
import { decodeFrame, parseFrame, type DecodedFrame } from './decode';
import { createEmitter, type Emitter } from './emitter';

export type ConnectionState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'error' | 'closed';

export interface ConnectionEvents {
  /** InitConnection succeeded on a new socket: subscriptions must be made again. */
  open: { consumerId: string };
  close: { code: number; reason: string };
  /** A decoded notification (its CoreEvents, and which subscription / dialogs it concerns). */
  notification: Extract<DecodedFrame, { kind: 'notification' }>;
  /**
   * `unreachable` (with state 'error'): the last failures were failures to reach the token source
   * (network, getJwt throwing, IdP 5xx), not a refusal: trying again once the network is back may work.
   */
  state: { state: ConnectionState; error?: string; kind?: ConnectionErrorKind; unreachable?: boolean };
}

export interface ConnectionOptions {
  /** The socket URL, or how to find it (asked before every attempt until it succeeds). */
  url: string | (() => Promise<string>);
  identity: Identity;
  clientProperties: ClientPropertiesHeader;
  WebSocket?: WebSocketClass;
  clock?: Clock;
  random?: () => number;
  requestTimeoutMs?: number;
  keepAliveMs?: number;
  /** A connection open this long resets the backoff. */
  stableMs?: number;
  /** Consecutive authentication failures before giving up with state 'error'. */
  maxAuthFailures?: number;
  backoff?: BackoffOptions;
}

export interface RequestOptions {
  metadata?: Metadata[];
  timeoutMs?: number;
}

export interface Connection extends Pick<Emitter<ConnectionEvents>, 'on'> {
  readonly state: ConnectionState;
  start(): void;
  request(type: string, body?: unknown, options?: RequestOptions): Promise<ResponseResult>;
  /** After state 'error': clears the failure counters and connects again. */
  retry(): void;
  /** Drops the current socket and connects again (with backoff), e.g. when it stopped answering. */
  reconnect(reason: string): void;
  /** The socket proved usable (the session subscribed on it): the next drop reconnects without a long wait. */
  healthy(): void;
  /** The network is back: a backoff wait in progress ends now and the next attempt starts at once. */
  wakeUp(): void;
  close(): void;
}

export function createConnection(options: ConnectionOptions): Connection {
  const clock = options.clock ?? createClock();
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const keepAliveMs = options.keepAliveMs ?? 30_000;
  const stableMs = options.stableMs ?? 10_000;
  const maxAuthFailures = options.maxAuthFailures ?? 3;
  const backoff = createBackoff({ ...options.backoff, random: options.random ?? options.backoff?.random });
  const emitter = createEmitter<ConnectionEvents>();
  const WebSocketImpl = options.WebSocket ?? defaultWebSocket();

  let state: ConnectionState = 'idle';
  let rws: ReconnectingWebSocket | undefined;
  let tracker: RequestTracker | undefined;
  let ready = false;
  let token: string | undefined;
  let consumerId: string | undefined;
  let needRenew = false;
  let forcedAuthClose = false;
  let authFailures = 0;
  let nextDelayMs = 0;
  let openedAt: number | undefined;
  let keepAliveTimer: unknown;
  /** Aborted when this connection's socket is given up (close, error): ends any backoff wait. */
  let halt = new AbortController();

  const setState = (next: ConnectionState, error?: string, kind?: ConnectionErrorKind, unreachable = false) => {
    if (state === next && error === undefined) return;
    state = next;
    emitter.emit('state', error === undefined ? { state } : { state, error, ...(kind ? { kind } : {}), ...(unreachable ? { unreachable } : {}) });
  };

  const giveUp = (message: string, kind: ConnectionErrorKind, unreachable = false) => {
    setState('error', message, kind, unreachable);
    halt.abort();
    const socket = rws;
    rws = undefined;
    socket?.close(1000);
  };

  /** Counts one failed authentication; gives up (state 'error') past the bound. */
  const authFailed = (unreachable = false): boolean => {
    authFailures += 1;
    if (authFailures > maxAuthFailures) {
      giveUp('Could not sign in to the chat service. Please try again later.', 'signIn', unreachable);
      return true;
    }
    return false;
  };

  /** Runs before every socket attempt: waits out the backoff and gets a (fresh) token. */
  const nextUrl = async (): Promise<string> => {
    const mine = rws;
    let url = typeof options.url === 'string' ? options.url : '';
    await clock.sleep(nextDelayMs, halt.signal);
    while (rws === mine && mine !== undefined) {
      try {
        if (typeof options.url !== 'string') url = await options.url();
      } catch {
        await clock.sleep(backoff.next(), halt.signal); // the service cannot be found (yet): keep looking
        continue;
      }
      try {
        const fresh = needRenew ? await options.identity.renew() : await options.identity.token();
        consumerId = consumerIdOf(fresh);
        token = fresh;
        needRenew = false;
        break;
      } catch (error) {
        // Every failure to get a token counts (a refusal or not): bounded, then a visible error with Retry.
        if (authFailed(!isRefusal(error))) break;
        await clock.sleep(backoff.next(), halt.signal);
      }
    }
    return url;
  };

  const send = (frame: object) => rws?.send(JSON.stringify(frame));

  const sendRequest = (type: string, body: unknown, extra: object, timeoutMs: number): Promise<ResponseResult> => {
    if (!tracker || rws?.readyState !== 1) return Promise.reject(new ConnectionClosedError(type));
    const { id, response } = tracker.open(type, timeoutMs);
    try {
      send({ kind: 'req', id, type, ...(body === undefined ? {} : { body }), ...extra });
    } catch {
      tracker.abandon(id); // e.g. the socket closed under us; the caller gets ConnectionClosedError
    }
    return response;
  };

  const scheduleKeepAlive = () => {
    clock.clearTimeout(keepAliveTimer);
    keepAliveTimer = clock.setTimeout(() => {
      if (!ready) return;
      sendRequest(RequestTypes.GetClock, undefined, {}, requestTimeoutMs).then(
        () => scheduleKeepAlive(),
        (error: unknown) => {
          // No answer to a keep-alive: the socket is dead even if the browser has not noticed.
          if (error instanceof RequestTimeoutError && ready) rws?.reconnect(1000, 'keep-alive timeout');
          else if (ready) scheduleKeepAlive();
        },
      );
    }, keepAliveMs);
  };

  const onOpen = () => {
    tracker = createRequestTracker(clock);
    openedAt = clock.now();
    const headers = [options.clientProperties, { type: '.ams.headers.ConsumerAuthentication', jwt: token ?? '' }];
    sendRequest(RequestTypes.InitConnection, undefined, { headers }, requestTimeoutMs).then(
      () => {
        ready = true;
        setState('open');
        scheduleKeepAlive();
        emitter.emit('open', { consumerId: consumerId ?? '' });
      },
      (error: unknown) => {
        if (error instanceof RequestFailedError && (error.code === 401 || error.code === 403)) {
          forcedAuthClose = true;
          rws?.reconnect(1000, 'authentication refused');
        } else if (!(error instanceof ConnectionClosedError)) {
          rws?.reconnect(1000, 'no answer to InitConnection');
        }
      },
    );
  };

  const onMessage = (event: { data: unknown }) => {
    if (typeof event.data !== 'string') return;
    const frame = decodeFrame(parseFrame(event.data), { ...(consumerId ? { consumerId } : {}), receivedAt: clock.now() });
    if (frame.kind === 'response') {
      if (tracker?.settle(frame.reqId, frame.code, frame.body) && frame.code < 400 && ready) authFailures = 0;
    } else if (frame.kind === 'notification') {
      emitter.emit('notification', frame);
    }
  };

  const onClose = (event: { code?: number; reason?: string }) => {
    const code = event.code ?? 1006;
    ready = false;
    clock.clearTimeout(keepAliveTimer);
    tracker?.failAll();
    tracker = undefined;
    const stable = openedAt !== undefined && clock.now() - openedAt >= stableMs;
    openedAt = undefined;
    if (state === 'closed' || state === 'error') return;
    emitter.emit('close', { code, reason: event.reason ?? '' });
    const auth = forcedAuthClose || code === CloseCodes.TokenExpired || code === CloseCodes.AnonymousIdentityExpired;
    forcedAuthClose = false;
    if (auth) {
      needRenew = true;
      if (authFailed()) return;
      nextDelayMs = authFailures === 1 ? 0 : backoff.next();
    } else {
      if (stable) backoff.reset();
      nextDelayMs = backoff.next();
    }
    setState('reconnecting');
  };

  const spawn = () => {
    if (!WebSocketImpl) {
      giveUp('This browser cannot open a WebSocket.', 'unsupported');
      return;
    }
    const socket = new ReconnectingWebSocket(() => nextUrl(), undefined, {
      WebSocket: guarded(WebSocketImpl),
      maxEnqueuedMessages: 0,
      minReconnectionDelay: 0,
      maxReconnectionDelay: 0,
      connectionTimeout: 10_000,
      startClosed: true,
    });
    socket.addEventListener('open', onOpen);
    socket.addEventListener('message', onMessage);
    socket.addEventListener('close', onClose);
    rws = socket;
    halt = new AbortController();
    nextDelayMs = 0;
    setState('connecting');
    socket.reconnect();
  };

  return {
    on: emitter.on,
    get state() {
      return state;
    },
    start() {
      if (state === 'idle') spawn();
    },
    request(type, body, requestOptions = {}) {
      if (!ready) return Promise.reject(new ConnectionClosedError(type));
      const extra = requestOptions.metadata ? { metadata: requestOptions.metadata } : {};
      return sendRequest(type, body, extra, requestOptions.timeoutMs ?? requestTimeoutMs);
    },
    reconnect(reason) {
      if (ready) rws?.reconnect(1000, reason);
    },
    healthy() {
      if (ready) backoff.reset();
    },
    wakeUp() {
      if (state !== 'reconnecting' && state !== 'connecting') return;
      backoff.reset();
      nextDelayMs = 0;
      const waiting = halt; // ends the sleep in nextUrl; the socket is not given up
      halt = new AbortController();
      waiting.abort();
    },
    retry() {
      if (state !== 'error') return;
      authFailures = 0;
      backoff.reset();
      spawn();
    },
    close() {
      if (state === 'closed') return;
      setState('closed');
      ready = false;
      clock.clearTimeout(keepAliveTimer);
      tracker?.failAll();
      tracker = undefined;
      const socket = rws;
      rws = undefined;
      halt.abort();
      socket?.close(1000);
      emitter.clear();
    },
  };
}
