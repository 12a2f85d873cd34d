// Typed errors of the messaging connection.

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
  /** Rate limits and server errors are worth retrying later; other 4xx are not. */
  get retryable(): boolean {
    return this.code === 429 || this.code >= 500;
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

/** Whether a failed request may succeed when tried again (on this or the next connection). */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RequestFailedError) return error.retryable;
  return error instanceof RequestTimeoutError || error instanceof ConnectionClosedError;
}
