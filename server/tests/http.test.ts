// HTTP side: Domain API, CORS, agent profiles, control API errors, SSE, static files.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { call } from '../testing/http';
import { standInForTests } from '../testing/harness';

const dist = mkdtempSync(path.join(tmpdir(), 'parley-dist-'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>demo</title>');
writeFileSync(path.join(dist, 'app.js'), 'console.log(1)');
mkdirSync(path.join(dist, 'agent'));
writeFileSync(path.join(dist, 'agent', 'index.html'), '<!doctype html><title>console</title>');
writeFileSync(path.join(path.dirname(dist), 'parley-secret.txt'), 'secret');
const h = standInForTests({ staticDir: dist });

/** A raw GET (fetch would normalise `..` away). */
function rawGet(p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${h.url}${p}`, { method: 'GET', path: p }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP', () => {
  it('Domain API lists every service on this host, with open CORS and preflight', async () => {
    const r = await fetch(`${h.url}/api/account/acme/service/baseURI.json?version=1.0`);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await r.json()) as { baseURIs: Array<{ service: string; account: string; baseURI: string }> };
    expect(body.baseURIs).toContainEqual({ service: 'asyncMessagingEnt', account: 'acme', baseURI: h.host });
    expect(body.baseURIs.map((b) => b.service)).toEqual(expect.arrayContaining(['idp', 'acCdnDomain']));
    const pre = await fetch(`${h.url}/api/account/acme/signup`, { method: 'OPTIONS', headers: { origin: 'http://x.test', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('signup issues an anonymous HS256 token; profiles exist for the agents only', async () => {
    const account = h.account();
    const jwt = await h.signup(account);
    const [head, payload] = jwt.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as unknown);
    expect(head).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toMatchObject({ aud: `acc:${account}`, lp_anon: true, iss: h.url });
    const { dana } = await h.control(account).agents();
    const profile = await call<Record<string, string>>(`${h.url}/api/account/${account}/configuration/le-users/users/${dana.id}`);
    expect(profile.body).toMatchObject({ id: dana.id, pid: dana.id, nickname: 'Dana' });
    expect(profile.body.pictureUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect((await call(`${h.url}/api/account/${account}/configuration/le-users/users/nobody`)).status).toBe(404);
  });

  it('control API: clear errors for bad bodies, unknown conversations and agents', async () => {
    const control = h.control(h.account());
    expect((await control.act('nope', 'accept', {})).status).toBe(404);
    const { client } = await h.consumer(control.account);
    const conv = (await client.request('cm.ConsumerRequestConversation')).body as { conversationId: string };
    const bad = await control.act(conv.conversationId, 'accept', { agentId: 'ghost' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('ghost');
    const notIn = await control.act(conv.conversationId, 'messages', { agentId: (await control.agents()).sam.id, text: 'hi' });
    expect(notIn.status).toBe(409);
    const raw = await fetch(`${h.url}/agent/api/${control.account}/conversations/${conv.conversationId}/accept`, { method: 'POST', body: '{oops' });
    expect(raw.status).toBe(400);
    expect((await control.settings({ autoReceipts: 'yes' })).status).toBe(400);
    expect((await call(`${h.url}/agent/api/${control.account}/agents`, 'DELETE')).status).toBe(405);
  });

  it("control API: each conversation in the list carries its last message (the console's preview)", async () => {
    const control = h.control(h.account());
    const { client } = await h.consumer(control.account);
    const conv = (await client.request('cm.ConsumerRequestConversation')).body as { conversationId: string };
    expect((await control.conversations()).body[0]).not.toHaveProperty('lastMessage');
    const event = { type: 'ContentEvent', contentType: 'text/plain', message: 'Where is my parcel?' };
    expect((await client.request('ms.PublishEvent', { dialogId: conv.conversationId, event })).code).toBe(200);
    expect((await control.conversations()).body[0]?.lastMessage).toEqual({
      sequence: 0,
      role: 'CONSUMER',
      text: 'Where is my parcel?',
      serverTimestamp: expect.any(Number),
    });
    const { dana } = await control.agents();
    await control.act(conv.conversationId, 'accept', { agentId: dana.id });
    await control.act(conv.conversationId, 'messages', { agentId: dana.id, text: 'On its way' });
    expect((await control.conversations()).body[0]?.lastMessage).toMatchObject({ sequence: 1, role: 'ASSIGNED_AGENT', text: 'On its way' });
  });

  it('streams `changed` events to the console', async () => {
    const account = h.account();
    const ac = new AbortController();
    const res = await fetch(`${h.url}/agent/api/${account}/stream`, { signal: ac.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const { client } = await h.consumer(account);
    await client.request('cm.ConsumerRequestConversation');
    let text = '';
    while (!text.includes('event: changed')) text += new TextDecoder().decode((await reader.read()).value);
    ac.abort();
    expect(text).toContain('conversationId');
  });

  it('serves dist/ at / and dist/agent/ at /agent/ with content types, without path traversal', async () => {
    const page = await fetch(`${h.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('demo');
    expect((await fetch(`${h.url}/app.js`)).headers.get('content-type')).toContain('text/javascript');
    expect(await (await fetch(`${h.url}/agent/`)).text()).toContain('console');
    expect((await fetch(`${h.url}/missing.js`)).status).toBe(404);
    for (const p of ['/../parley-secret.txt', '/%2e%2e/parley-secret.txt', '/agent/..%2f..%2fparley-secret.txt', '/%00']) {
      const r = await rawGet(p);
      expect(r.body, p).not.toContain('secret');
      expect(r.status, p).toBeGreaterThanOrEqual(400);
    }
  });
});
