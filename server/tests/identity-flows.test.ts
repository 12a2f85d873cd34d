// LivePerson's consumer identity flows on the stand-in, over real HTTP and sockets: unauthenticated
// messaging v3 (anonymous/authorize → app/{connectorId}/authenticate?v=3.0, refresh with the old
// id_token), the legacy signup and its JSONP form, their shapes (`token` versus `jwt`), errors and
// expiries; and no consumer-token /refresh (LivePerson has none).
import { describe, expect, it } from 'vitest';
import { call, claimsOf, faults, unauthenticatedV3 } from '../testing/http';
import { openConversation, standInForTests } from '../testing/harness';

const h = standInForTests({ externalTokenLifetimeSec: 2, externalRefreshWindowSec: 4 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const base = (account: string) => `${h.url}/api/account/${account}`;
const authorize = (account: string, body?: unknown) => call<{ token?: string; jwt?: string; error?: string }>(`${base(account)}/anonymous/authorize`, 'POST', body);
const exchange = (account: string, idToken: unknown, query = '?v=3.0', connector = 'parley-web') =>
  call<{ token?: string; jwt?: string; error?: string }>(`${base(account)}/app/${connector}/authenticate${query}`, 'POST', { id_token: idToken });

describe('unauthenticated messaging v3', () => {
  it('authorize gives {token}, the connector exchange gives {token}, and that token opens the socket', async () => {
    const account = h.account();
    const authorized = await authorize(account);
    expect(authorized.status).toBe(200);
    expect(Object.keys(authorized.body)).toEqual(['token']);
    const ext = claimsOf(authorized.body.token as string);
    expect((ext.exp as number) - (ext.iat as number)).toBe(2); // the external token's lifetime (LivePerson's default: 10 min)
    const exchanged = await exchange(account, authorized.body.token);
    expect(exchanged.status).toBe(200);
    expect(Object.keys(exchanged.body)).toEqual(['token']);
    const consumer = claimsOf(exchanged.body.token as string);
    expect(consumer).toMatchObject({ aud: `acc:${account}`, lp_anon: true });
    const { client, init } = await h.consumer(account, [], exchanged.body.token);
    expect(init.code).toBe(200);
    await openConversation(client);
  });

  it('a 4407 refresh keeps the consumer and the conversation: the old id_token gives the same identity', async () => {
    const account = h.account();
    const first = await unauthenticatedV3(h.url, account);
    const { client } = await h.consumer(account, [], first.token);
    const conversationId = await openConversation(client);
    await faults.expireTokens(h.url);
    expect((await client.closed).code).toBe(4407);
    expect((await exchange(account, first.external)).status).toBe(401); // expired with the rest: refresh it first
    const again = await unauthenticatedV3(h.url, account, first.external);
    expect(claimsOf(again.token).sub).toBe(claimsOf(first.token).sub);
    const back = await h.consumer(account, [], again.token);
    const sub = await back.client.request('cqm.SubscribeExConversations', { convState: ['OPEN'] });
    expect(sub.code).toBe(200);
    const snapshot = await back.client.waitFor((f) => f.kind === 'notification' && f.type === 'cqm.ExConversationChangeNotification');
    expect(JSON.stringify(snapshot)).toContain(conversationId);
  });

  it('refuses what LivePerson refuses: expired or foreign external tokens, a consumer token, no id_token, no v=3.0', async () => {
    const account = h.account();
    const { external, token } = await unauthenticatedV3(h.url, account);
    expect(await exchange(account, undefined)).toMatchObject({ status: 400, body: { error: 'id_token (string) is required' } });
    expect((await exchange(account, external, '')).status).toBe(400);
    expect((await exchange(account, external, '?v=3.0', 'bad%20id')).status).toBe(404);
    expect((await exchange(account, token)).status).toBe(401); // a consumer token is not an external one
    expect((await exchange(h.account(), external)).status).toBe(401); // another account's
    expect((await authorize(account, { id_token: token })).status).toBe(401);
    const socket = await h.connect(account, { jwt: external }); // an external token never opens the socket
    expect((await socket.closed).code).toBe(4401);

    await sleep(2_100);
    expect(await exchange(account, external)).toMatchObject({ status: 401, body: { error: expect.stringMatching(/expired/) } });
    const refreshed = await authorize(account, { id_token: external }); // an expired token still refreshes
    expect(refreshed.status).toBe(200);
    expect(claimsOf(refreshed.body.token as string).sub).toBe(claimsOf(external).sub);
    await sleep(2_100); // past the refresh window (LivePerson's default: 730 h) of the first authorization
    expect(await authorize(account, { id_token: refreshed.body.token })).toMatchObject({ status: 401, body: { error: expect.stringMatching(/no longer/) } });
  }, 10_000);
});

describe('the legacy signup', () => {
  it('answers {jwt}, and as JSONP fn({"jwt":…}) with a validated callback name', async () => {
    const account = h.account();
    const signup = await call<Record<string, string>>(`${base(account)}/signup`, 'POST');
    expect(Object.keys(signup.body)).toEqual(['jwt']);
    const res = await fetch(`${base(account)}/signup.jsonp?callback=lpTag.cb_1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    const text = await res.text();
    const m = /^lpTag\.cb_1\((\{.*\})\);$/.exec(text);
    expect(m).not.toBeNull();
    const body = JSON.parse(m?.[1] ?? '{}') as { jwt: string };
    expect(claimsOf(body.jwt)).toMatchObject({ aud: `acc:${account}`, lp_anon: true });
    expect((await h.consumer(account, [], body.jwt)).init.code).toBe(200);
    for (const bad of ['', 'alert(1)//', 'a-b', '1abc', 'a..b', `a${'b'.repeat(128)}`]) {
      const r = await call<{ error: string }>(`${base(account)}/signup.jsonp?callback=${encodeURIComponent(bad)}`, 'GET');
      expect(r, bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/callback/) } });
    }
  });
});

describe('no consumer-token refresh', () => {
  it('answers 404 to a consumer at /refresh (only the agents\' session refresh, with its cookie, lives there)', async () => {
    const account = h.account();
    const jwt = await h.signup(account);
    expect((await call(`${base(account)}/refresh`, 'POST', { jwt })).status).toBe(404);
    expect((await call(`${base(account)}/refresh?v=1.3`, 'POST', { csrf: 'x' })).status).toBe(404);
  });
});
