// Request/response correlation for one socket: ids are a per-connection counter (as strings), a
// response is matched by `reqId` only, every request has a timeout, and all pending requests
// reject when the socket closes.
import type { TimerFunctions } from '../core/clock';
import { ConnectionClosedError, RequestFailedError, RequestTimeoutError } from './errors';

export interface ResponseResult {
  code: number;
  body: unknown;
}

interface Pending {
  type: string;
  timer: unknown;
  resolve: (result: ResponseResult) => void;
  reject: (error: Error) => void;
}

export interface RequestTracker {
  /** A new request id and the promise of its response; times out after `timeoutMs`. */
  open(type: string, timeoutMs: number): { id: string; response: Promise<ResponseResult> };
  /** Settles the request with that id; false when no such request is pending (late or unknown). */
  settle(reqId: string, code: number, body: unknown): boolean;
  /** Rejects one pending request (e.g. it could not be sent). */
  abandon(reqId: string): void;
  /** Rejects every pending request (the socket closed). */
  failAll(): void;
}

export function createRequestTracker(timers: TimerFunctions): RequestTracker {
  const pending = new Map<string, Pending>();
  let counter = 0;
  return {
    open(type, timeoutMs) {
      counter += 1;
      const id = String(counter);
      const response = new Promise<ResponseResult>((resolve, reject) => {
        const timer = timers.setTimeout(() => {
          pending.delete(id);
          reject(new RequestTimeoutError(type, timeoutMs));
        }, timeoutMs);
        pending.set(id, { type, timer, resolve, reject });
      });
      return { id, response };
    },
    settle(reqId, code, body) {
      const entry = pending.get(reqId);
      if (!entry) return false;
      pending.delete(reqId);
      timers.clearTimeout(entry.timer);
      if (code >= 400) entry.reject(new RequestFailedError(entry.type, code, body));
      else entry.resolve({ code, body });
      return true;
    },
    abandon(reqId) {
      const entry = pending.get(reqId);
      if (!entry) return;
      pending.delete(reqId);
      timers.clearTimeout(entry.timer);
      entry.reject(new ConnectionClosedError(entry.type));
    },
    failAll() {
      const entries = [...pending.values()];
      pending.clear();
      for (const entry of entries) {
        timers.clearTimeout(entry.timer);
        entry.reject(new ConnectionClosedError(entry.type));
      }
    },
  };
}
