// Tokens from the host page's getJwt (EmbedConfig.getJwt), asked for over the postMessage channel:
// the frame posts `getJwt` with an id, the loader calls the page's function and answers `token` with
// the same id. A failure there, an empty token or no answer in time rejects, so the session counts a
// failed attempt (its bounded-attempts logic applies). Late and unknown answers are ignored.
import { TAG, type ToHost } from './protocol';

/** How long the page's getJwt may take before the attempt counts as failed. */
export const HOST_TOKEN_TIMEOUT_MS = 10_000;

export interface HostTokens {
  /** Asks the page for a fresh token. */
  request(): Promise<string>;
  /** Hands over a `token` message from the page (anything malformed is ignored). */
  answer(data: { id?: unknown; jwt?: unknown; error?: unknown }): void;
  /** Rejects every request still waiting (the session stopped). */
  cancel(): void;
}

interface Waiting {
  resolve: (jwt: string) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createHostTokens(send: (message: ToHost) => void, timeoutMs = HOST_TOKEN_TIMEOUT_MS): HostTokens {
  const waiting = new Map<number, Waiting>();
  let lastId = 0;

  const settle = (id: number): Waiting | undefined => {
    const entry = waiting.get(id);
    if (entry) {
      waiting.delete(id);
      clearTimeout(entry.timer);
    }
    return entry;
  };

  return {
    request() {
      const id = ++lastId;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => {
          settle(id);
          reject(new Error(`the page's getJwt did not answer within ${Math.round(timeoutMs / 1000)} s`));
        }, timeoutMs);
        waiting.set(id, { resolve, reject, timer });
        send({ tag: TAG, type: 'getJwt', id });
      });
    },
    answer({ id, jwt, error }) {
      const entry = typeof id === 'number' ? settle(id) : undefined;
      if (!entry) return;
      if (typeof jwt === 'string' && jwt !== '') entry.resolve(jwt);
      else if (typeof error === 'string') entry.reject(new Error(error === '' ? 'unknown error' : error));
      else entry.reject(new Error('the page\'s getJwt returned no token'));
    },
    cancel() {
      for (const id of [...waiting.keys()]) settle(id)?.reject(new Error('the session stopped'));
    },
  };
}
