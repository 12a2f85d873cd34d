// The states of the consumer connection (connection.ts runs them), as a table. Pure: no socket,
// no timer, no randomness; an event a state does not list is ignored (it never throws).
//
//   state         requests  events → next state
//   idle          no        start → connecting · unsupported → error · close → closed
//   connecting    no        token → connecting (renew off) · tokenFailed → connecting, or error past
//                           the bound · initSent → authenticating · dropped → reconnecting, or error
//                           past the bound · close → closed
//   authenticating yes      accepted → open · authRefused → authenticating (its close counts as an
//                           auth close) · answered → authenticating · dropped → reconnecting, or error
//                           past the bound · close → closed
//   open          yes       answered → open (auth failures reset) · dropped → reconnecting, or error
//                           past the bound · close → closed
//   reconnecting  no        as connecting
//   error         no        retry → connecting (auth failures reset) · unsupported → error · close → closed
//   closed        no        — (terminal)
//
// connecting and reconnecting are an attempt: wait out the delay, find the socket URL, get a token
// (a renewed one after an auth close), open the socket, send InitConnection. connecting is the first
// attempt (after start or retry): no delay, backoff from the start. reconnecting follows a drop:
// after an auth close (4401, 4407, or InitConnection refused 401/403) no delay the first time, then
// backoff, and the token is renewed; after any other close, full-jitter backoff (from the start
// again when the socket had been open for stableMs). Failures to find the URL or to get a token wait
// a backoff step and try again within the attempt. Every auth close and every failure to get a token
// counts; more than maxAuthFailures in a row → error (kind signIn; `unreachable` when the last
// failure was not a refusal). authenticating: the socket is open and InitConnection sent, not yet
// answered. Requests may follow it at once: the server handles a socket's requests in order (as
// LivePerson's own clients pipeline them, protocol reference §2.1), and if it refuses the token it
// closes the socket, which fails them. Requests go out only in authenticating and open; no state
// queues them (a request outside them rejects at once with ConnectionClosedError: queuing is the
// outbox's job).
import type { ConnectionErrorKind } from '../core/model';
import { CloseCodes } from './wire';

export type ConnectionState = 'idle' | 'connecting' | 'authenticating' | 'open' | 'reconnecting' | 'error' | 'closed';

export type ConnectionEvent =
  /** connection.start() */
  | { type: 'start' }
  /** start() or retry() in a browser without WebSocket. */
  | { type: 'unsupported' }
  /** The attempt got its token. */
  | { type: 'token' }
  /** The attempt could not get a token; `refused`: the token source said no (classify). */
  | { type: 'tokenFailed'; refused: boolean }
  /** The socket opened and InitConnection went out. */
  | { type: 'initSent' }
  /** InitConnection answered 401/403; the socket is closed next. */
  | { type: 'authRefused' }
  /** InitConnection answered 2xx: the socket is usable. */
  | { type: 'accepted' }
  /** A request succeeded on the open socket. */
  | { type: 'answered' }
  /** The socket closed or could not open; `stable`: it had been open for stableMs. */
  | { type: 'dropped'; code: number; stable: boolean }
  /** connection.retry() */
  | { type: 'retry' }
  /** connection.close() */
  | { type: 'close' };

export type ConnectionEventType = ConnectionEvent['type'];

/** Why the connection gave up (state error). */
export interface ConnectionFailure {
  message: string;
  kind: ConnectionErrorKind;
  /** The last failures were failures to reach the token source, not a refusal. */
  unreachable: boolean;
}

/** The wait before the attempt a drop starts: none, the next backoff step, or the first step again. */
export type AttemptDelay = 'none' | 'backoff' | 'backoffFromStart';

export interface ConnectionMachine {
  readonly state: ConnectionState;
  /** Auth closes and failures to get a token since the last answered request (or retry). */
  readonly authFailures: number;
  /** The next token must be a renewed one: the server refused the last. */
  readonly renew: boolean;
  /** InitConnection was refused: the close that follows counts as an auth close. */
  readonly authClosing: boolean;
  /** The wait before this attempt (connecting, reconnecting). */
  readonly delay: AttemptDelay;
  /** Why the state is error. */
  readonly failure?: ConnectionFailure;
}

export interface ConnectionLimits {
  /** Consecutive authentication failures before giving up. */
  maxAuthFailures: number;
}

export const SIGN_IN_FAILED = 'Could not sign in to the chat service. Please try again later.';
export const NO_WEBSOCKET = 'This browser cannot open a WebSocket.';

export const initialMachine: ConnectionMachine = { state: 'idle', authFailures: 0, renew: false, authClosing: false, delay: 'none' };

type Handler<T extends ConnectionEventType> = (m: ConnectionMachine, event: Extract<ConnectionEvent, { type: T }>, limits: ConnectionLimits) => ConnectionMachine;
type Handlers = { [T in ConnectionEventType]?: Handler<T> };

interface StateEntry {
  /** Requests (and keep-alives, reconnect(), healthy()) are allowed. */
  requests: boolean;
  on: Handlers;
}

const signInFailed = (m: ConnectionMachine, authFailures: number, unreachable: boolean): ConnectionMachine => ({
  ...m,
  state: 'error',
  authFailures,
  authClosing: false,
  failure: { message: SIGN_IN_FAILED, kind: 'signIn', unreachable },
});

const firstAttempt = (m: ConnectionMachine): ConnectionMachine => ({ state: 'connecting', authFailures: 0, renew: m.renew, authClosing: false, delay: 'none' });
const unsupported = (m: ConnectionMachine): ConnectionMachine => ({ ...m, state: 'error', failure: { message: NO_WEBSOCKET, kind: 'unsupported', unreachable: false } });
const closed = (m: ConnectionMachine): ConnectionMachine => ({ ...m, state: 'closed', failure: undefined });

const dropped: Handler<'dropped'> = (m, { code, stable }, { maxAuthFailures }) => {
  const auth = m.authClosing || code === CloseCodes.TokenExpired || code === CloseCodes.AnonymousIdentityExpired;
  if (!auth) return { ...m, state: 'reconnecting', authClosing: false, delay: stable ? 'backoffFromStart' : 'backoff' };
  const authFailures = m.authFailures + 1;
  if (authFailures > maxAuthFailures) return signInFailed({ ...m, renew: true }, authFailures, false);
  return { ...m, state: 'reconnecting', authFailures, renew: true, authClosing: false, delay: authFailures === 1 ? 'none' : 'backoff' };
};

const attempting: Handlers = {
  token: (m) => ({ ...m, renew: false }),
  tokenFailed: (m, { refused }, { maxAuthFailures }) =>
    m.authFailures + 1 > maxAuthFailures ? signInFailed(m, m.authFailures + 1, !refused) : { ...m, authFailures: m.authFailures + 1 },
  initSent: (m) => ({ ...m, state: 'authenticating' }),
  dropped,
  close: closed,
};

const authenticating: Handlers = {
  accepted: (m) => ({ ...m, state: 'open', authClosing: false }),
  authRefused: (m) => ({ ...m, authClosing: true }),
  // InitConnection's own answer (settled before `accepted` runs): auth failures reset only once open.
  answered: (m) => m,
  dropped,
  close: closed,
};

export const CONNECTION_STATES: Readonly<Record<ConnectionState, StateEntry>> = {
  idle: { requests: false, on: { start: firstAttempt, unsupported, close: closed } },
  connecting: { requests: false, on: attempting },
  authenticating: { requests: true, on: authenticating },
  open: { requests: true, on: { answered: (m) => (m.authFailures === 0 ? m : { ...m, authFailures: 0 }), dropped, close: closed } },
  reconnecting: { requests: false, on: attempting },
  error: { requests: false, on: { retry: firstAttempt, unsupported, close: closed } },
  closed: { requests: false, on: {} },
};

/** Whether the state takes the event (one it does not take leaves the machine as it is). */
export function takes(state: ConnectionState, type: ConnectionEventType): boolean {
  return CONNECTION_STATES[state].on[type] !== undefined;
}

/** The machine after the event: the same object when the state does not take it. */
export function transition(m: ConnectionMachine, event: ConnectionEvent, limits: ConnectionLimits): ConnectionMachine {
  const handler = CONNECTION_STATES[m.state].on[event.type] as Handler<typeof event.type> | undefined;
  return handler ? handler(m, event as never, limits) : m;
}
