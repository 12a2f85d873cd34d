// Small JSON-over-HTTP helper for the domain API, the IdP and agent profiles.
// Error messages name the URL path only: bodies may hold tokens and are never echoed.

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, what: string) {
    super(`${what} failed with HTTP ${status}`);
    this.name = 'HttpError';
    this.status = status;
  }
}

export interface JsonRequest {
  method?: 'GET' | 'POST';
  body?: unknown;
  /** What is being done, for error messages (no secrets). */
  what: string;
  timeoutMs?: number;
}

export function defaultFetch(): FetchLike {
  if (typeof globalThis.fetch !== 'function') throw new Error('Parley: no fetch implementation is available.');
  return (input, init) => globalThis.fetch(input, init);
}

/** Sends a request and parses the JSON answer; rejects with HttpError on a non-2xx status. */
export async function fetchJson(fetchFn: FetchLike, url: string, request: JsonRequest): Promise<unknown> {
  const init: RequestInit = {
    method: request.method ?? 'GET',
    headers: request.body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(request.timeoutMs ?? 15_000),
  };
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    throw new Error(`${request.what} failed: ${error instanceof Error ? error.name : 'network error'}`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new HttpError(response.status, request.what);
  }
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new Error(`${request.what} returned a body that is not JSON`);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
