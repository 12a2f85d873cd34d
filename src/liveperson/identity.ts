// The consumer's identity: which LivePerson JWT the socket authenticates with.
// Authenticated (config.jwt / config.getJwt) or anonymous (signup at the IdP, kept in storage so a
// reload returns as the same consumer). Only the anonymous jwt is ever stored. Tokens are never
// logged and never put in a URL.
import { jwtDecode, type JwtPayload } from 'jwt-decode';
import type { ParleyConfig } from './config';
import { IdentityError, isRefused } from './errors';
import { fetchJson, HttpError, isRecord, type FetchLike } from './http';
import type { KeyValueStore } from './storage';

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

function anonymousIdentity(config: ParleyConfig, idpBase: () => Promise<string>, deps: IdentityDeps): Identity {
  const key = anonymousTokenKey(config.account);
  let current: string | undefined;

  const keep = (jwt: string): string => {
    current = jwt;
    deps.store.set(key, jwt);
    return jwt;
  };
  const signup = async (): Promise<string> => {
    const answer = await fetchJson(deps.fetch, `${await idpBase()}/signup`, { method: 'POST', body: {}, what: 'The anonymous signup' });
    return keep(jwtFrom(answer, 'The anonymous signup'));
  };
  const refresh = async (old: string): Promise<string> => {
    try {
      const answer = await fetchJson(deps.fetch, `${await idpBase()}/refresh`, { method: 'POST', body: { jwt: old }, what: 'The identity refresh' });
      return keep(jwtFrom(answer, 'The identity refresh'));
    } catch (error) {
      // The IdP no longer knows this identity (a refusal, not an outage): it is gone, and a new
      // consumer is the only way on. The session then sees another consumer id and starts from an
      // empty timeline (core/store.ts setConsumerId): the old conversation is not shown as if
      // current; only the visitor's unsent messages are kept and go to the new conversation.
      if (error instanceof HttpError && isRefused(error)) {
        console.warn(`Parley: the identity service refused to refresh this visitor (${error.status}); continuing as a new visitor`);
        return signup();
      }
      throw error;
    }
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
      return expired(jwt, deps.now()) ? refresh(jwt) : jwt;
    },
    async renew() {
      const jwt = current ?? stored();
      return jwt ? refresh(jwt) : signup();
    },
  };
}

/**
 * The identity for a configuration: authenticated when a jwt or getJwt is given, else anonymous.
 * `idpBase` gives `{scheme}://{idp}/api/account/{account}` (it may need the domain lookup first).
 */
export function createIdentity(config: ParleyConfig, idpBase: () => Promise<string>, deps: IdentityDeps): Identity {
  return config.jwt !== undefined || config.getJwt !== undefined ? authenticated(config) : anonymousIdentity(config, idpBase, deps);
}
