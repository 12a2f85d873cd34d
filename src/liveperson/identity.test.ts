import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startStandIn, type StandIn } from '../../server/standin';
import { ConfigError, normalizeConfig } from './config';
import { endpointsFor, resolveDomains } from './domains';
import { anonymousTokenKey, consumerIdOf, createIdentity, externalTokenKey, IdentityError } from './identity';
import type { FetchLike } from './http';
import { MemoryStorage, safeStore, type StorageLike } from '../platform/storage';
import { fakeJwt } from './testing/fakeSocketServer';

let standIn: StandIn;
let calls: string[];
let fetchFn: FetchLike;

beforeEach(async () => {
  standIn = await startStandIn({ port: 0, tokenLifetimeSec: 60 });
  calls = [];
  fetchFn = (input, init) => {
    calls.push(`${init?.method ?? 'GET'} ${new URL(input).pathname}`);
    return fetch(input, init);
  };
});
afterEach(() => standIn.stop());

const idpBase = (account: string) => async () => `${standIn.url}/api/account/${account}`;

describe('identity', () => {
  it('signs up anonymously once, stores only that jwt per account, and reuses it after a reload', async () => {
    const storage = new MemoryStorage();
    const first = createIdentity({ account: 'acc1' }, idpBase('acc1'), { fetch: fetchFn, store: safeStore(storage), now: Date.now });
    const jwt = await first.token();
    expect(first.anonymous).toBe(true);
    expect(storage.length).toBe(1);
    expect(storage.getItem(anonymousTokenKey('acc1'))).toBe(jwt);
    const reloaded = createIdentity({ account: 'acc1' }, idpBase('acc1'), { fetch: fetchFn, store: safeStore(storage), now: Date.now });
    expect(await reloaded.token()).toBe(jwt);
    expect(calls).toEqual(['POST /api/account/acc1/signup']);
  });

  it('legacy signup: a renewal (4407) or an expired stored jwt is a new visitor, and says so', async () => {
    const storage = new MemoryStorage();
    const replaced = vi.fn();
    const deps = (now: () => number) => ({ fetch: fetchFn, store: safeStore(storage), now, onNewVisitor: replaced });
    const identity = createIdentity({ account: 'acc2' }, idpBase('acc2'), deps(Date.now));
    const jwt = await identity.token();
    expect(replaced).not.toHaveBeenCalled();
    const renewed = await identity.renew();
    expect(consumerIdOf(renewed)).not.toBe(consumerIdOf(jwt));
    expect(storage.getItem(anonymousTokenKey('acc2'))).toBe(renewed);
    expect(replaced).toHaveBeenCalledTimes(1);

    const later = () => Date.now() + 3_600_000;
    const reloaded = createIdentity({ account: 'acc2' }, idpBase('acc2'), deps(later));
    expect(consumerIdOf(await reloaded.token())).not.toBe(consumerIdOf(renewed));
    expect(replaced).toHaveBeenCalledTimes(2);
    expect(calls).toEqual(['POST /api/account/acc2/signup', 'POST /api/account/acc2/signup', 'POST /api/account/acc2/signup']);
  });

  it('v3: authorize, then the connector exchange; a renewal refreshes the external token and keeps the consumer', async () => {
    const storage = new MemoryStorage();
    const replaced = vi.fn();
    const config = { account: 'acc3', connectorId: 'web-app' };
    const identity = createIdentity(config, idpBase('acc3'), { fetch: fetchFn, store: safeStore(storage), now: Date.now, onNewVisitor: replaced });
    const consumer = await identity.token();
    expect(identity.anonymous).toBe(true);
    expect(await identity.token()).toBe(consumer); // valid: no new request
    const external = storage.getItem(externalTokenKey('acc3'));
    expect(external).toBeTruthy();
    expect(storage.getItem(anonymousTokenKey('acc3'))).toBeNull(); // the consumer token is not stored
    const renewed = await identity.renew();
    expect(renewed).not.toBe(consumer);
    expect(consumerIdOf(renewed)).toBe(consumerIdOf(consumer));
    expect(storage.getItem(externalTokenKey('acc3'))).not.toBe(external);

    const reloaded = createIdentity(config, idpBase('acc3'), { fetch: fetchFn, store: safeStore(storage), now: Date.now });
    expect(consumerIdOf(await reloaded.token())).toBe(consumerIdOf(consumer)); // the stored external token, exchanged again
    expect(replaced).not.toHaveBeenCalled();
    const exchange = 'POST /api/account/acc3/app/web-app/authenticate';
    const authorize = 'POST /api/account/acc3/anonymous/authorize';
    expect(calls).toEqual([authorize, exchange, authorize, exchange, exchange]);
  });

  it('v3: an external token the IdP refuses to refresh is replaced by a new visitor, who is told', async () => {
    const storage = new MemoryStorage();
    storage.setItem(externalTokenKey('acc6'), fakeJwt({ sub: 'forged', exp: 1 }));
    const replaced = vi.fn();
    const identity = createIdentity({ account: 'acc6', connectorId: 'web-app' }, idpBase('acc6'), { fetch: fetchFn, store: safeStore(storage), now: Date.now, onNewVisitor: replaced });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const jwt = await identity.token();
    expect(consumerIdOf(jwt)).not.toBe('forged');
    expect(replaced).toHaveBeenCalledTimes(1);
    expect(calls).toEqual(['POST /api/account/acc6/anonymous/authorize', 'POST /api/account/acc6/anonymous/authorize', 'POST /api/account/acc6/app/web-app/authenticate']);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/refused to refresh this visitor \(401\); continuing as a new visitor/));
    expect(JSON.stringify(warn.mock.calls)).not.toContain(jwt);
    warn.mockRestore();
  });

  it('uses the brand token as given and never stores it', async () => {
    const storage = new MemoryStorage();
    const token = fakeJwt({ sub: 'brand-user' });
    const identity = createIdentity({ account: 'acc4', jwt: token }, idpBase('acc4'), { fetch: fetchFn, store: safeStore(storage), now: Date.now });
    expect(await identity.token()).toBe(token);
    expect(await identity.renew()).toBe(token);
    expect(storage.length).toBe(0);
    const failing = createIdentity({ account: 'acc4', getJwt: () => Promise.reject(new Error('brand IdP down')) }, idpBase('acc4'), { fetch: fetchFn, store: safeStore(storage), now: Date.now });
    await expect(failing.token()).rejects.toMatchObject({ name: 'IdentityError', permanent: false });
    expect(() => consumerIdOf('garbage')).toThrow(IdentityError);
    expect(calls).toEqual([]);
  });
});

describe('storage', () => {
  it('keeps working in memory when the browser storage throws', () => {
    let throwing = false;
    const inner = new MemoryStorage();
    const flaky: StorageLike = {
      getItem: (k) => (throwing ? (() => { throw new Error('SecurityError'); })() : inner.getItem(k)),
      setItem: (k, v) => (throwing ? (() => { throw new Error('QuotaExceededError'); })() : inner.setItem(k, v)),
      removeItem: (k) => inner.removeItem(k),
    };
    const store = safeStore(flaky);
    store.set('a', '1');
    throwing = true;
    store.set('b', '2');
    expect(store.get('a')).toBe('1');
    expect(store.get('b')).toBe('2');
    expect(inner.getItem('b')).toBeNull();
  });
});

describe('configuration and domains', () => {
  it('rejects bad configurations with a clear message', () => {
    expect(() => normalizeConfig({ account: '' })).toThrow(ConfigError);
    expect(() => normalizeConfig({ account: 'a/b' })).toThrow(/account/);
    expect(() => normalizeConfig({ account: 'a', csds: 'ftp://x' })).toThrow(/http or https/);
    expect(() => normalizeConfig({ account: 'a', domains: { asyncMessagingEnt: 'https://x', idp: 'y' } })).toThrow(/asyncMessagingEnt/);
    expect(() => normalizeConfig({ account: 'a', connectorId: 'x/../y' })).toThrow(/connectorId/);
    expect(normalizeConfig({ account: 'a' }).csds).toBe('https://api.liveperson.net');
  });

  it('asks the domain API and derives the URLs; the csds scheme picks ws or wss', async () => {
    const config = normalizeConfig({ account: 'acc5', csds: standIn.url });
    const domains = await resolveDomains(config, fetchFn);
    expect(domains).toEqual({ asyncMessagingEnt: standIn.host, idp: standIn.host, acCdnDomain: standIn.host, swift: standIn.host });
    expect(endpointsFor(config, domains)).toEqual({
      socketUrl: `ws://${standIn.host}/ws_api/account/acc5/messaging/consumer?v=3`,
      idpBase: `http://${standIn.host}/api/account/acc5`,
      profileBase: `http://${standIn.host}/api/account/acc5`,
      swiftBase: `http://${standIn.host}`,
    });
    const fixed = normalizeConfig({ account: 'acc5', domains: { asyncMessagingEnt: 'msg.example', idp: 'idp.example' } });
    expect(await resolveDomains(fixed, () => Promise.reject(new Error('not asked')))).toBe(fixed.domains);
    expect(endpointsFor(fixed, fixed.domains!).socketUrl).toBe('wss://msg.example/ws_api/account/acc5/messaging/consumer?v=3');
  });
});
