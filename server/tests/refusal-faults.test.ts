// The refusal faults: new sockets refused (a network that is down) and the IdP refusing tokens.
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { call, faults } from '../testing/http';
import { standInForTests } from '../testing/harness';

const h = standInForTests();
afterEach(async () => void (await faults.clear(h.url)));

/** The HTTP status an upgrade gets (101 when the socket opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (e) => reject(e));
  });
}

describe('refusal faults', () => {
  it('refuses new consumer sockets with 503 while refuseSockets is on, keeps open ones, and counts', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const before = (await faults.get(h.url)).body.counters.refused ?? 0;
    expect((await faults.set(h.url, { refuseSockets: true })).status).toBe(200);
    expect(await upgradeStatus(h.wsUrl(account))).toBe(503);
    expect((await client.request('GetClock')).code).toBe(200); // an open socket is not touched
    expect((await faults.get(h.url)).body.counters.refused).toBe(before + 1);
    await faults.set(h.url, { refuseSockets: false });
    expect(await upgradeStatus(h.wsUrl(account))).toBe(101);
  });

  it('answers every identity flow 401 while refuseAuth is on', async () => {
    const account = h.account();
    const base = `${h.url}/api/account/${account}`;
    const external = await call<{ token: string }>(`${base}/anonymous/authorize`, 'POST', {});
    await faults.set(h.url, { refuseAuth: true });
    const answers = await Promise.all([
      call(`${base}/signup`, 'POST', {}),
      call(`${base}/signup.jsonp?callback=cb`, 'GET'),
      call(`${base}/authenticate`, 'POST', { authCode: 'alice' }),
      call(`${base}/anonymous/authorize`, 'POST', {}),
      call(`${base}/anonymous/authorize`, 'POST', { id_token: external.body.token }),
      call(`${base}/app/web/authenticate?v=3.0`, 'POST', { id_token: external.body.token }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(answers[0]?.body).toEqual({ error: expect.stringMatching(/refused/i) });
    await faults.clear(h.url);
    expect((await call(`${base}/anonymous/authorize`, 'POST', { id_token: external.body.token })).status).toBe(200);
  });

  it('rejects non-boolean values', async () => {
    expect((await faults.set(h.url, { refuseSockets: 'yes' })).status).toBe(400);
    expect((await faults.set(h.url, { refuseAuth: 1 })).status).toBe(400);
    const { body } = await faults.get(h.url);
    expect(body).toMatchObject({ refuseSockets: false, refuseAuth: false });
  });
});
