// The consumer's identity: which LivePerson JWT the socket authenticates with.
// Authenticated (config.jwt / config.getJwt), unauthenticated v3 (config.connectorId: an external
// token exchanged at the connector), or the legacy anonymous signup. The anonymous tokens are kept
// in storage so a reload returns as the same consumer (v3: the external token; legacy: the jwt);
// an authenticated token is never stored. Tokens are never
// logged and never put in a URL.
import { jwtDecode, type JwtPayload } from 'jwt-decode';
import type { ParleyConfig } from './config';
import { IdentityError, isRefused } from './errors';
import { fetchJson, HttpError, isRecord, type FetchLike } from './http';
import type { KeyValueStore } from '../platform/storage';

export { IdentityError } from './errors';

function claims(jwt: string): JwtPayload | undefined {
  try {
    return jwtDecode<JwtPayload>(jwt);
  } catch {
    return undefined;
  }
}

/** The consumer id (`sub`) a LivePerson jwt carries; throws IdentityError when it has none. */
export function consumerIdOf(jwt: string): string {
  const sub = claims(jwt)?.sub;
  if (typeof sub !== 'string' || sub === '') throw new IdentityError('The consumer token has no subject (sub)', true);
  return sub;
}

export function anonymousTokenKey(account: string): string {
  return `parley:${account}:jwt`;
}

export interface Identity {
  readonly anonymous: boolean;
  /** A token to connect with: the current one while it is valid, else a new one. */
  token(): Promise<string>;
  /** A fresh token after the server refused the current one (close 4401 or 4407). */
  renew(): Promise<string>;
}

export interface IdentityDeps {
  fetch: FetchLike;
  store: KeyValueStore;
  now: () => number;
  /** The anonymous identity was replaced by a new one: the earlier conversation cannot be continued. */
  onNewVisitor?: () => void;
}

function expired(jwt: string, nowMs: number): boolean {
  const exp = claims(jwt)?.exp;
  return typeof exp === 'number' && exp * 1000 <= nowMs + 5_000;
}

function jwtFrom(answer: unknown, what: string): string {
  const jwt = isRecord(answer) ? answer.jwt : undefined;
  if (typeof jwt !== 'string' || claims(jwt)?.sub === undefined) throw new IdentityError(`${what} returned no usable token`, false);
  return jwt;
}

function authenticated(config: ParleyConfig): Identity {
  const fetchToken = async (): Promise<string> => {
    if (config.getJwt) {
      let jwt: unknown;
      try {
        jwt = await config.getJwt();
      } catch (error) {
        throw new IdentityError(`getJwt failed: ${error instanceof Error ? error.message : 'unknown error'}`, false);
      }
      if (typeof jwt !== 'string' || jwt === '') throw new IdentityError('getJwt returned no token', false);
      return jwt;
    }
    if (!config.jwt) throw new IdentityError('No consumer token is configured', true);
    return config.jwt;
  };
  return { anonymous: false, token: fetchToken, renew: fetchToken };
}

/** The legacy anonymous signup (`{jwt}`). LivePerson cannot refresh such an identity: once it expired, a new one is the only way on. */
function legacySignup(config: ParleyConfig, idpBase: () => Promise<string>, deps: IdentityDeps): Identity {
  const key = anonymousTokenKey(config.account);
  let current: string | undefined;

  const signup = async (): Promise<string> => {
    const answer = await fetchJson(deps.fetch, `${await idpBase()}/signup`, { method: 'POST', body: {}, what: 'The anonymous signup' });
    current = jwtFrom(answer, 'The anonymous signup');
    deps.store.set(key, current);
    return current;
  };
  // The earlier identity (and with it its conversation) is gone: the session starts from an empty
  // timeline with the new consumer id (core/store.ts setConsumerId) and tells the visitor why.
  const replace = async (): Promise<string> => {
    const jwt = await signup();
    deps.onNewVisitor?.();
    return jwt;
  };
  const stored = (): string | undefined => {
    const jwt = deps.store.get(key);
    if (jwt && claims(jwt)?.sub) return jwt;
    if (jwt) deps.store.remove(key);
    return undefined;
  };

  return {
    anonymous: true,
    async token() {
      const jwt = current ?? stored();
      if (!jwt) return signup();
      current = jwt;
      return expired(jwt, deps.now()) ? replace() : jwt;
    },
    async renew() {
      return current ?? stored() ? replace() : signup();
    },
  };
}

export function externalTokenKey(account: string): string {
  return `parley:${account}:idToken`;
}

function tokenFrom(answer: unknown, what: string, consumer: boolean): string {
  const token = isRecord(answer) ? answer.token : undefined;
  if (typeof token !== 'string' || token === '' || (consumer && claims(token)?.sub === undefined)) throw new IdentityError(`${what} returned no usable token`, false);
  return token;
}

/**
 * Unauthenticated messaging v3 (LivePerson's "unauthenticated-messaging" API): an external token
 * from `anonymous/authorize` (`{token}`), exchanged at the connector's `authenticate?v=3.0` for the
 * consumer token (`{token}`). Refreshing is `anonymous/authorize` with the old `id_token`: the same
 * identity, so after a 4407 the consumer id and the conversation stay. Only the external token is
 * stored; the consumer token lives in memory.
 */
function unauthenticatedV3(config: ParleyConfig, connectorId: string, idpBase: () => Promise<string>, deps: IdentityDeps): Identity {
  const key = externalTokenKey(config.account);
  let external: string | undefined;
  let consumer: string | undefined;

  const authorize = async (old?: string): Promise<string> => {
    const what = old ? 'The identity refresh' : 'The anonymous authorization';
    const answer = await fetchJson(deps.fetch, `${await idpBase()}/anonymous/authorize`, { method: 'POST', body: old ? { id_token: old } : {}, what });
    external = tokenFrom(answer, what, false);
    deps.store.set(key, external);
    return external;
  };
  const refreshed = async (): Promise<string> => {
    const old = external ?? deps.store.get(key);
    if (!old) return authorize();
    try {
      return await authorize(old);
    } catch (error) {
      // The IdP refuses the old token (past its refresh window, or unknown): that identity is gone.
      if (!(error instanceof HttpError && isRefused(error))) throw error;
      // The old token is kept until a new identity exists: a refusal of both (an IdP refusing
      // everything for a while) leaves the next attempt free to refresh it after all.
      const fresh = await authorize();
      console.warn(`Parley: the identity service refused to refresh this visitor (${error.status}); continuing as a new visitor`);
      deps.onNewVisitor?.();
      return fresh;
    }
  };
  const exchange = async (idToken: string): Promise<string> => {
    const url = `${await idpBase()}/app/${encodeURIComponent(connectorId)}/authenticate?v=3.0`;
    const answer = await fetchJson(deps.fetch, url, { method: 'POST', body: { id_token: idToken }, what: 'The connector authentication' });
    consumer = tokenFrom(answer, 'The connector authentication', true);
    return consumer;
  };

  return {
    anonymous: true,
    async token() {
      if (consumer && !expired(consumer, deps.now())) return consumer;
      const idToken = external ?? deps.store.get(key);
      return exchange(idToken && !expired(idToken, deps.now()) ? idToken : await refreshed());
    },
    async renew() {
      return exchange(await refreshed());
    },
  };
}

/**
 * The identity for a configuration: authenticated when a jwt or getJwt is given, else unauthenticated
 * v3 when it names a connector, else the legacy signup.
 * `idpBase` gives `{scheme}://{idp}/api/account/{account}` (it may need the domain lookup first).
 */
export function createIdentity(config: ParleyConfig, idpBase: () => Promise<string>, deps: IdentityDeps): Identity {
  if (config.jwt !== undefined || config.getJwt !== undefined) return authenticated(config);
  return config.connectorId ? unauthenticatedV3(config, config.connectorId, idpBase, deps) : legacySignup(config, idpBase, deps);
}
