import { describe, expect, it } from 'vitest';
import { classify, ConnectionClosedError, IdentityError, isRefused, RequestFailedError, RequestTimeoutError, sessionErrorKindOf } from './errors';
import { HttpError } from './http';

describe('classify', () => {
  it('says what each failure means, the same for the socket and the token source', () => {
    const cases: Array<[unknown, ReturnType<typeof classify>]> = [
      [new RequestFailedError('ms.PublishEvent', 400, 'bad'), 'refused'],
      [new RequestFailedError('ms.PublishEvent', 403, ''), 'refused'],
      [new RequestFailedError('ms.PublishEvent', 408, ''), 'retryable'],
      [new RequestFailedError('ms.PublishEvent', 429, ''), 'retryable'],
      [new RequestFailedError('ms.PublishEvent', 503, ''), 'retryable'],
      [new HttpError(401, 'The identity refresh'), 'refused'],
      [new HttpError(408, 'The identity refresh'), 'retryable'],
      [new HttpError(429, 'The identity refresh'), 'retryable'],
      [new HttpError(502, 'The identity refresh'), 'retryable'],
      [new IdentityError('No consumer token is configured', true), 'refused'],
      [new IdentityError('getJwt failed', false), 'retryable'],
      [new RequestTimeoutError('GetClock', 10), 'timeout'],
      [new ConnectionClosedError('GetClock'), 'closed'],
      [new Error('The anonymous signup failed: TypeError'), 'unknown'],
      ['not an error', 'unknown'],
    ];
    for (const [error, kind] of cases) expect(classify(error), String(error)).toBe(kind);
  });

  it('derives the predicates and the session error kind from it', () => {
    expect(isRefused(new RequestFailedError('x', 404, ''))).toBe(true);
    expect(isRefused(new RequestTimeoutError('x', 1))).toBe(false);
    const retryable = (error: unknown) => sessionErrorKindOf(error) === 'network';
    expect([new RequestFailedError('x', 500, ''), new RequestTimeoutError('x', 1), new ConnectionClosedError('x')].every(retryable)).toBe(true);
    expect(retryable(new Error('bug'))).toBe(false);
    expect(retryable(new RequestFailedError('x', 429, ''))).toBe(true);
    expect(retryable(new RequestFailedError('x', 400, ''))).toBe(false);
    expect(sessionErrorKindOf(new RequestFailedError('x', 400, ''))).toBe('refused');
    expect(sessionErrorKindOf(new RequestTimeoutError('x', 1))).toBe('network');
    expect(sessionErrorKindOf(new Error('bug'))).toBe('refused');
  });
});
