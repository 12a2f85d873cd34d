import { describe, expect, it } from 'vitest';
import {
  CONNECTION_STATES,
  initialMachine,
  NO_WEBSOCKET,
  SIGN_IN_FAILED,
  takes,
  transition,
  type ConnectionEvent,
  type ConnectionEventType,
  type ConnectionMachine,
  type ConnectionState,
} from './connectionStates';

const limits = { maxAuthFailures: 2 };
const at = (state: ConnectionState, over: Partial<ConnectionMachine> = {}): ConnectionMachine => ({ ...initialMachine, state, ...over });
const run = (m: ConnectionMachine, ...events: ConnectionEvent[]) => events.reduce((s, e) => transition(s, e, limits), m);

/** One event of each type (dropped: an ordinary close of a socket that was not stable). */
const EVENTS: Record<ConnectionEventType, ConnectionEvent> = {
  start: { type: 'start' },
  unsupported: { type: 'unsupported' },
  token: { type: 'token' },
  tokenFailed: { type: 'tokenFailed', refused: true },
  initSent: { type: 'initSent' },
  authRefused: { type: 'authRefused' },
  accepted: { type: 'accepted' },
  answered: { type: 'answered' },
  dropped: { type: 'dropped', code: 1006, stable: false },
  retry: { type: 'retry' },
  close: { type: 'close' },
};

// The documented table (connectionStates.ts header): the next state, or '-' for an ignored event.
const _ = '-';
const STATES: ConnectionState[] = ['idle', 'connecting', 'authenticating', 'open', 'reconnecting', 'error', 'closed'];
const TYPES = Object.keys(EVENTS) as ConnectionEventType[];
const NEXT: Record<ConnectionState, Array<ConnectionState | typeof _>> = {
  //               start         unsupported  token           tokenFailed     initSent          authRefused       accepted  answered          dropped         retry         close
  idle:           ['connecting', 'error',     _,              _,              _,                _,                _,        _,                _,              _,            'closed'],
  connecting:     [_,            _,           'connecting',   'connecting',   'authenticating', _,                _,        _,                'reconnecting', _,            'closed'],
  authenticating: [_,            _,           _,              _,              _,                'authenticating', 'open',   'authenticating', 'reconnecting', _,            'closed'],
  open:           [_,            _,           _,              _,              _,                _,                _,        'open',           'reconnecting', _,            'closed'],
  reconnecting:   [_,            _,           'reconnecting', 'reconnecting', 'authenticating', _,                _,        _,                'reconnecting', _,            'closed'],
  error:          [_,            'error',     _,              _,              _,                _,                _,        _,                _,              'connecting', 'closed'],
  closed:         [_,            _,           _,              _,              _,                _,                _,        _,                _,              _,            _],
};

describe('connection states table', () => {
  it('gives the documented next state for every state and event, and ignores the rest', () => {
    expect(Object.keys(CONNECTION_STATES).sort()).toEqual([...STATES].sort());
    for (const state of STATES) {
      TYPES.forEach((type, i) => {
        const expected = NEXT[state][i];
        const before = at(state);
        const after = transition(before, EVENTS[type], limits);
        if (expected === _) {
          expect(takes(state, type), `${state} × ${type} is ignored`).toBe(false);
          expect(after, `${state} × ${type} leaves the machine as it is`).toBe(before);
        } else {
          expect(takes(state, type), `${state} takes ${type}`).toBe(true);
          expect(after.state, `${state} × ${type}`).toBe(expected);
        }
      });
    }
  });

  it('never throws, whatever the event', () => {
    const odd = [{ type: 'nonsense' }, { type: 'dropped' }, { type: 'tokenFailed' }, {}] as unknown as ConnectionEvent[];
    for (const state of STATES) for (const event of odd) expect(() => transition(at(state), event, limits)).not.toThrow();
  });

  it('allows requests only while authenticating (pipelined after InitConnection) and open', () => {
    expect(STATES.filter((s) => CONNECTION_STATES[s].requests)).toEqual(['authenticating', 'open']);
  });

  it('starts with no delay; an ordinary drop backs off, from the start again after a stable socket', () => {
    expect(run(initialMachine, EVENTS.start)).toMatchObject({ state: 'connecting', delay: 'none', renew: false });
    expect(run(at('open'), { type: 'dropped', code: 1011, stable: false })).toMatchObject({ state: 'reconnecting', delay: 'backoff', renew: false, authFailures: 0 });
    expect(run(at('open'), { type: 'dropped', code: 1006, stable: true })).toMatchObject({ state: 'reconnecting', delay: 'backoffFromStart' });
  });

  it('renews the token after an auth close: at once the first time, then with backoff, and gives up past the bound', () => {
    const first = run(at('open'), { type: 'dropped', code: 4401, stable: true });
    expect(first).toMatchObject({ state: 'reconnecting', renew: true, authFailures: 1, delay: 'none' });
    expect(run(first, EVENTS.token)).toMatchObject({ renew: false, authFailures: 1 });
    const second = run(first, EVENTS.token, EVENTS.initSent, EVENTS.answered, EVENTS.accepted, { type: 'dropped', code: 4407, stable: false });
    expect(second).toMatchObject({ state: 'reconnecting', renew: true, authFailures: 2, delay: 'backoff' });
    const third = run(second, { type: 'dropped', code: 4401, stable: false });
    expect(third).toMatchObject({ state: 'error', authFailures: 3, failure: { message: SIGN_IN_FAILED, kind: 'signIn', unreachable: false } });
  });

  it('counts the close after a refused InitConnection as an auth close', () => {
    const refused = run(at('connecting'), EVENTS.initSent, EVENTS.authRefused);
    expect(refused.authClosing).toBe(true);
    expect(run(refused, { type: 'dropped', code: 1000, stable: false })).toMatchObject({ state: 'reconnecting', renew: true, authFailures: 1, authClosing: false, delay: 'none' });
  });

  it('an answered request ends the run of auth failures', () => {
    expect(run(at('open', { authFailures: 2 }), EVENTS.answered).authFailures).toBe(0);
  });

  it('gives up after repeated failures to get a token, saying whether the source was unreachable', () => {
    const unreachable = { type: 'tokenFailed', refused: false } as const;
    expect(run(at('reconnecting'), unreachable, unreachable)).toMatchObject({ state: 'reconnecting', authFailures: 2 });
    expect(run(at('reconnecting'), unreachable, unreachable, unreachable)).toMatchObject({ state: 'error', failure: { kind: 'signIn', unreachable: true } });
    expect(run(at('connecting'), EVENTS.tokenFailed, EVENTS.tokenFailed, EVENTS.tokenFailed).failure).toMatchObject({ unreachable: false });
  });

  it('retry clears the failure and the count but keeps a pending renewal; no WebSocket is an error each time', () => {
    const failed = at('error', { authFailures: 3, renew: true, failure: { message: SIGN_IN_FAILED, kind: 'signIn', unreachable: false } });
    expect(run(failed, EVENTS.retry)).toEqual({ state: 'connecting', authFailures: 0, renew: true, authClosing: false, delay: 'none' });
    const none = run(initialMachine, EVENTS.unsupported);
    expect(none).toMatchObject({ state: 'error', failure: { message: NO_WEBSOCKET, kind: 'unsupported' } });
    const again = run(none, EVENTS.unsupported);
    expect(again.failure).not.toBe(none.failure); // a new failure: reported again
  });
});
