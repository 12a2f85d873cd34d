// Consumer authentication: Authorization header, InitConnection (pipelined), deadlines, bad and
// expired tokens (4401 vs 4407), expiry during a session, authenticated identities.
import { describe, expect, it } from 'vitest';
import { call, claimsOf, faults } from '../testing/http';
import { standInForTests } from '../testing/harness';

const h = standInForTests({ authTimeoutMs: 300, idleTimeoutMs: 1500 });

async function authenticated(account: string, code: string): Promise<string> {
  const r = await call<{ jwt: string }>(`${h.url}/api/account/${account}/authenticate`, 'POST', { authCode: code });
  expect(r.status).toBe(200);
  return r.body.jwt;
}

describe('authentication', () => {
  it('accepts the Authorization: jwt header on the upgrade', async () => {
    const account = h.account();
    const client = await h.connect(account, { jwt: await h.signup(account) });
    expect((await client.request('cqm.SubscribeExConversations', {})).code).toBe(200);
  });

  it('handles requests pipelined right after InitConnection, in order', async () => {
    const account = h.account();
    const jwt = await h.signup(account);
    const client = await h.connect(account);
    client.send({ kind: 'req', id: '0', type: 'InitConnection', headers: [{ type: '.ClientProperties', features: ['MULTI_DIALOG'] }, { type: '.ams.headers.ConsumerAuthentication', jwt }] });
    client.send({ kind: 'req', id: '1', type: 'cqm.SubscribeExConversations', body: { convState: ['OPEN'] } });
    client.send({ kind: 'req', id: '2', type: 'cm.ConsumerRequestConversation' });
    await client.waitFor((f) => f.kind === 'resp' && f.reqId === '2');
    const resps = client.frames.filter((f) => f.kind === 'resp');
    expect(resps.map((r) => [r.kind === 'resp' && r.reqId, r.kind === 'resp' && r.code])).toEqual([['0', 200], ['1', 200], ['2', 200]]);
  });

  it('answers 401 to requests before authentication, and closes 4401 when no auth arrives in time', async () => {
    const account = h.account();
    const client = await h.connect(account);
    const r = await client.request('cm.ConsumerRequestConversation');
    expect(r.code).toBe(401);
    expect((await client.request('GetClock')).code).toBe(200);
    expect((await client.closed).code).toBe(4401);
  });

  it('closes 4401 on a bad token (header) and answers 401 then closes 4401 (InitConnection)', async () => {
    const account = h.account();
    const jwt = await h.signup(account);
    const forged = `${jwt.slice(0, -4)}AAAA`;
    const viaHeader = await h.connect(account, { jwt: forged });
    expect((await viaHeader.closed).code).toBe(4401);
    const viaInit = await h.connect(account, { init: { jwt: 'not.a.jwt' } });
    expect((await viaInit.closed).code).toBe(4401);
    expect(viaInit.frames[0]).toMatchObject({ kind: 'resp', reqId: 'init', code: 401 });
  });

  it('refuses a token of another account with 4401', async () => {
    const jwt = await h.signup(h.account());
    const client = await h.connect(h.account(), { jwt });
    expect((await client.closed).code).toBe(4401);
  });

  it('expired tokens: 4407 for anonymous identities, 4401 for authenticated ones', async () => {
    const account = h.account();
    const anon = await h.signup(account);
    const authd = await authenticated(account, 'user-42');
    const open = await h.consumer(account, [], await h.signup(account));
    await faults.expireTokens(h.url);
    expect((await open.client.closed).code).toBe(4407);
    expect((await (await h.connect(account, { jwt: anon })).closed).code).toBe(4407);
    expect((await (await h.connect(account, { jwt: authd })).closed).code).toBe(4401);
  });

  it('authenticated identities have a stable sub per code', async () => {
    const account = h.account();
    const a = await authenticated(account, 'alice');
    const b = await authenticated(account, 'alice');
    expect(claimsOf(a).sub).toBe(claimsOf(b).sub);
    expect(claimsOf(a).lp_anon).toBeUndefined();
    expect(claimsOf(await authenticated(account, 'bob')).sub).not.toBe(claimsOf(a).sub);
    expect((await call(`${h.url}/api/account/${account}/authenticate`, 'POST', {})).status).toBe(400);
  });

  it('refuses InitConnection with the token of another consumer on an authenticated socket', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const other = await h.signup(account);
    client.send({ kind: 'req', id: 'x', type: 'InitConnection', headers: [{ type: '.ams.headers.ConsumerAuthentication', jwt: other }] });
    expect(await client.waitFor((f) => f.kind === 'resp' && f.reqId === 'x')).toMatchObject({ code: 401 });
    expect((await client.closed).code).toBe(4401);
  });

  it('closes an idle socket; any frame keeps it open', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const started = Date.now();
    const timer = setInterval(() => void client.request('GetClock').catch(() => undefined), 400);
    await new Promise((r) => setTimeout(r, 1800));
    clearInterval(timer);
    expect(client.ws.readyState).toBe(1);
    const { code } = await client.closed;
    expect(code).toBe(1000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1800);
  });
});
