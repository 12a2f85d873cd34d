// Typed errors of the messaging connection and of the token source, and the one classifier that
// says what a failure means: every "refused, or worth trying again?" decision asks classify().
import type { SessionErrorKind } from '../core/session';
import { HttpError } from './http';

/** The server answered a request with code ≥ 400. */
export class RequestFailedError extends Error {
  readonly code: number;
  readonly body: unknown;
  readonly requestType: string;
  constructor(requestType: string, code: number, body: unknown) {
    super(`${requestType} failed with code ${code}${typeof body === 'string' ? `: ${body.slice(0, 128)}` : ''}`);
    this.name = 'RequestFailedError';
    this.code = code;
    this.body = body;
    this.requestType = requestType;
  }
}

/** No response arrived in time. */
export class RequestTimeoutError extends Error {
  readonly requestType: string;
  constructor(requestType: string, timeoutMs: number) {
    super(`${requestType} got no response within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
    this.requestType = requestType;
  }
}

/** The socket closed (or was not open) before the response arrived. */
export class ConnectionClosedError extends Error {
  readonly requestType: string;
  constructor(requestType: string) {
    super(`${requestType} was cut off: the connection is not open`);
    this.name = 'ConnectionClosedError';
    this.requestType = requestType;
  }
}

/** No token could be had (identity.ts). */
export class IdentityError extends Error {
  /** True when asking again will not help (the IdP refused us, or a static token was refused). */
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'IdentityError';
    this.permanent = permanent;
  }
}

/**
 * What a failure means:
 * - `refused`: the service answered no (a 4xx other than 408 and 429, a permanent IdentityError):
 *   asking again the same way will not help.
 * - `retryable`: the service answered "not now" (408, 429, 5xx), or the token source failed in a
 *   way that may pass.
 * - `timeout`: a request got no answer: it may have been carried out.
 * - `closed`: the socket closed (or was not open) before the answer.
 * - `unknown`: anything else (the service could not be reached, an answer made no sense).
 */
export type FailureKind = 'refused' | 'retryable' | 'timeout' | 'closed' | 'unknown';

const refusedStatus = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

export function classify(error: unknown): FailureKind {
  if (error instanceof RequestFailedError) return refusedStatus(error.code) ? 'refused' : 'retryable';
  if (error instanceof HttpError) return refusedStatus(error.status) ? 'refused' : 'retryable';
  if (error instanceof IdentityError) return error.permanent ? 'refused' : 'retryable';
  if (error instanceof RequestTimeoutError) return 'timeout';
  if (error instanceof ConnectionClosedError) return 'closed';
  return 'unknown';
}

/** The service said no (see classify). */
export function isRefused(error: unknown): boolean {
  return classify(error) === 'refused';
}

/**
 * The kind a session action's rejection carries for a failure (core/session.ts sessionError):
 * 'network' when the request may succeed when tried again (on this or the next connection).
 */
export function sessionErrorKindOf(error: unknown): Extract<SessionErrorKind, 'refused' | 'network'> {
  const kind = classify(error);
  return kind === 'retryable' || kind === 'timeout' || kind === 'closed' ? 'network' : 'refused';
}
