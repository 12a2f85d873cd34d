// The consumer messaging connection: one logical connection over reconnecting-websocket, run by
// the states table of connectionStates.ts (which says what each state takes, allows and waits).
// Nothing goes out before InitConnection (the library's own send buffer is off); requests are
// correlated by reqId; GetClock keeps the socket alive; notifications go to the subscriber as
// received (it decodes them). Frames from the network never throw.
import ReconnectingWebSocket from 'reconnecting-websocket';
import type { ConnectionErrorKind } from '../core/model';
import type { ClientPropertiesHeader, Metadata } from './wire';
import { RequestTypes } from './wire';
import { createBackoff, type BackoffOptions } from './backoff';
import { CONNECTION_STATES, initialMachine, takes, transition, type ConnectionEvent, type ConnectionState } from './connectionStates';
import { consumerIdOf, type Identity } from './identity';
import { classify, ConnectionClosedError, isRefused, RequestFailedError } from './errors';
import { createRequestTracker, type RequestTracker, type ResponseResult } from './requests';
import { createClock, type Clock } from '../core/clock';
import { defaultWebSocket, guarded, type WebSocketClass } from './websocket';

export type { WebSocketClass } from './websocket';
export type { ConnectionState } from './connectionStates';
import { decodeEnvelope, parseFrame, type RawNotification } from './decode';
import { createEmitter, type Emitter } from './emitter';

export interface ConnectionEvents {
  /** InitConnection went out on a new socket: subscriptions must be made again, and may follow it at once. */
  open: { consumerId: string };
  close: { code: number; reason: string };
  /** A notification as received (the parsed frame): the subscriber decodes it (decodeNotification). */
  notification: RawNotification;
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
  /** What the current socket says of its health (sendLiveness.ts reads it). */
  liveness(): Liveness;
  close(): void;
}

/** The current socket's health, in clock time (0 before any socket). */
export interface Liveness {
  /** The last frame from the server (or the socket's opening). */
  heardAt: number;
  /** When the first request sent since the last frame heard went out; undefined when none was sent since. */
  awaitingSince: number | undefined;
  /** The slowest answer (even an error) to a request on this socket: how slow this server is, seen from here. */
  slowestAnswerMs: number;
}

export function createConnection(options: ConnectionOptions): Connection {
  const clock = options.clock ?? createClock();
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const keepAliveMs = options.keepAliveMs ?? 30_000;
  const stableMs = options.stableMs ?? 10_000;
  const limits = { maxAuthFailures: options.maxAuthFailures ?? 3 };
  const backoff = createBackoff({ ...options.backoff, random: options.random ?? options.backoff?.random });
  const emitter = createEmitter<ConnectionEvents>();
  const WebSocketImpl = options.WebSocket ?? defaultWebSocket();

  let machine = initialMachine;
  // What belongs to the current socket (not states): the socket, its requests, its token and timers.
  let rws: ReconnectingWebSocket | undefined;
  let tracker: RequestTracker | undefined;
  let token: string | undefined;
  let consumerId: string | undefined;
  let nextDelayMs = 0;
  let openedAt: number | undefined;
  let keepAliveTimer: unknown;
  const health: Liveness = { heardAt: 0, awaitingSince: undefined, slowestAnswerMs: 0 };
  /** Aborted when this connection's socket is given up (close, error): ends any backoff wait. */
  let halt = new AbortController();

  /** The socket takes requests: state open, and its close has not begun. */
  const usable = () => CONNECTION_STATES[machine.state].requests && tracker !== undefined;

  const dropSocket = () => {
    halt.abort();
    const socket = rws;
    rws = undefined;
    socket?.close(1000);
  };

  /** Runs one event through the state table; reports a new state (or a new failure) and gives up the socket on error. */
  const step = (event: ConnectionEvent) => {
    const before = machine;
    machine = transition(before, event, limits);
    if (machine.state === before.state && machine.failure === before.failure) return;
    const { state, failure } = machine;
    emitter.emit(
      'state',
      failure === undefined ? { state } : { state, error: failure.message, kind: failure.kind, ...(failure.unreachable ? { unreachable: true } : {}) },
    );
    if (state === 'error') dropSocket();
  };

  /** Runs before every socket attempt: waits out the delay and gets a (fresh) token. */
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
        const fresh = machine.renew ? await options.identity.renew() : await options.identity.token();
        consumerId = consumerIdOf(fresh);
        token = fresh;
        step({ type: 'token' });
        break;
      } catch (error) {
        // Every failure to get a token counts (a refusal or not): bounded, then a visible error with Retry.
        step({ type: 'tokenFailed', refused: isRefused(error) });
        if (machine.state === 'error') break;
        await clock.sleep(backoff.next(), halt.signal);
      }
    }
    return url;
  };

  const send = (frame: object) => rws?.send(JSON.stringify(frame));

  const sendRequest = (type: string, body: unknown, extra: object, timeoutMs: number): Promise<ResponseResult> => {
    if (!tracker || rws?.readyState !== 1) return Promise.reject(new ConnectionClosedError(type));
    const { id, response } = tracker.open(type, timeoutMs);
    const sentAt = clock.now();
    const mine = tracker;
    try {
      send({ kind: 'req', id, type, ...(body === undefined ? {} : { body }), ...extra });
      health.awaitingSince ??= sentAt;
    } catch {
      tracker.abandon(id); // e.g. the socket closed under us; the caller gets ConnectionClosedError
    }
    const answered = () => {
      if (mine === tracker) health.slowestAnswerMs = Math.max(health.slowestAnswerMs, clock.now() - sentAt);
    };
    response.then(answered, (error: unknown) => error instanceof RequestFailedError && answered());
    return response;
  };

  const scheduleKeepAlive = () => {
    clock.clearTimeout(keepAliveTimer);
    keepAliveTimer = clock.setTimeout(() => {
      if (!usable()) return;
      sendRequest(RequestTypes.GetClock, undefined, {}, requestTimeoutMs).then(
        () => scheduleKeepAlive(),
        (error: unknown) => {
          // No answer to a keep-alive: the socket is dead even if the browser has not noticed.
          if (classify(error) === 'timeout' && usable()) rws?.reconnect(1000, 'keep-alive timeout');
          else if (usable()) scheduleKeepAlive();
        },
      );
    }, keepAliveMs);
  };

  const onOpen = () => {
    tracker = createRequestTracker(clock);
    openedAt = clock.now();
    Object.assign(health, { heardAt: openedAt, awaitingSince: undefined, slowestAnswerMs: 0 });
    const headers = [options.clientProperties, { type: '.ams.headers.ConsumerAuthentication', jwt: token ?? '' }];
    sendRequest(RequestTypes.InitConnection, undefined, { headers }, requestTimeoutMs).then(
      () => {
        step({ type: 'accepted' });
        if (machine.state === 'open') scheduleKeepAlive();
      },
      (error: unknown) => {
        if (error instanceof RequestFailedError && (error.code === 401 || error.code === 403)) {
          step({ type: 'authRefused' });
          rws?.reconnect(1000, 'authentication refused');
        } else if (classify(error) !== 'closed') {
          rws?.reconnect(1000, 'no answer to InitConnection');
        }
      },
    );
    // The subscriptions may follow InitConnection in the same flight (state authenticating).
    step({ type: 'initSent' });
    if (machine.state === 'authenticating') emitter.emit('open', { consumerId: consumerId ?? '' });
  };

  const onMessage = (event: { data: unknown }) => {
    health.heardAt = clock.now();
    health.awaitingSince = undefined;
    if (typeof event.data !== 'string') return;
    const frame = decodeEnvelope(parseFrame(event.data));
    if (frame.kind === 'response') {
      if (tracker?.settle(frame.reqId, frame.code, frame.body) && frame.code < 400 && usable()) step({ type: 'answered' });
    } else if (frame.kind === 'notification') {
      emitter.emit('notification', frame.frame);
    }
  };

  const onClose = (event: { code?: number; reason?: string }) => {
    const code = event.code ?? 1006;
    clock.clearTimeout(keepAliveTimer);
    tracker?.failAll();
    tracker = undefined;
    const stable = openedAt !== undefined && clock.now() - openedAt >= stableMs;
    openedAt = undefined;
    if (!takes(machine.state, 'dropped')) return;
    emitter.emit('close', { code, reason: event.reason ?? '' });
    step({ type: 'dropped', code, stable });
    if (machine.state !== 'reconnecting') return;
    if (machine.delay === 'backoffFromStart') backoff.reset();
    nextDelayMs = machine.delay === 'none' ? 0 : backoff.next();
  };

  /** A first attempt (start, retry): a new socket, no delay, backoff from the start. */
  const attempt = () => {
    if (!WebSocketImpl) return step({ type: 'unsupported' });
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
    backoff.reset();
    step({ type: machine.state === 'idle' ? 'start' : 'retry' });
    socket.reconnect();
  };

  return {
    on: emitter.on,
    liveness: () => ({ ...health }),
    get state() {
      return machine.state;
    },
    start() {
      if (takes(machine.state, 'start')) attempt();
    },
    request(type, body, requestOptions = {}) {
      if (!usable()) return Promise.reject(new ConnectionClosedError(type));
      const extra = requestOptions.metadata ? { metadata: requestOptions.metadata } : {};
      return sendRequest(type, body, extra, requestOptions.timeoutMs ?? requestTimeoutMs);
    },
    reconnect(reason) {
      if (usable()) rws?.reconnect(1000, reason);
    },
    healthy() {
      if (usable()) backoff.reset();
    },
    wakeUp() {
      if (machine.state !== 'reconnecting' && machine.state !== 'connecting') return;
      backoff.reset();
      nextDelayMs = 0;
      const waiting = halt; // ends the sleep in nextUrl; the socket is not given up
      halt = new AbortController();
      waiting.abort();
    },
    retry() {
      if (takes(machine.state, 'retry')) attempt();
    },
    close() {
      if (!takes(machine.state, 'close')) return;
      step({ type: 'close' });
      clock.clearTimeout(keepAliveTimer);
      tracker?.failAll();
      tracker = undefined;
      dropSocket();
      emitter.clear();
    },
  };
}
