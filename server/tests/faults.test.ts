// Injected faults: failing, delaying and reordering frames, dropping sockets; counters; seeded RNG.
import { afterEach, describe, expect, it } from 'vitest';
import type { Response } from '../../src/liveperson/wire';
import { faults } from '../testing/http';
import { standInForTests, openConversation } from '../testing/harness';

const h = standInForTests();
afterEach(async () => void (await faults.clear(h.url)));

describe('faults', () => {
  // First: no socket of an earlier test is still closing.
  it('counts the consumer sockets accepted and closed, and their frames each way', async () => {
    const before = (await faults.get(h.url)).body.counters;
    const { client } = await h.consumer(h.account());
    const opened = (await faults.get(h.url)).body.counters;
    expect(opened.sockets - before.sockets).toBe(1);
    expect(opened.socketsClosed - before.socketsClosed).toBe(0);
    const sentBefore = client.frames.length;
    await client.request('GetClock');
    await client.request('KeepAlive');
    const counted = (await faults.get(h.url)).body.counters;
    expect(counted.framesIn - opened.framesIn).toBe(2);
    expect(counted.framesOut - opened.framesOut).toBe(client.frames.length - sentBefore);
    client.close();
    await client.closed;
    await expect.poll(async () => (await faults.get(h.url)).body.counters.socketsClosed - before.socketsClosed).toBe(1);
  });

  it('answers the next N requests with 429/500, then recovers; counts them', async () => {
    const { client } = await h.consumer(h.account());
    const before = (await faults.get(h.url)).body.counters.failed ?? 0;
    await faults.set(h.url, { failNext: { count: 2, code: 429 } });
    expect((await client.request('GetClock')).code).toBe(429);
    expect((await client.request('cm.ConsumerRequestConversation')).code).toBe(429);
    expect((await client.request('cm.ConsumerRequestConversation')).code).toBe(200);
    await faults.set(h.url, { failNext: { count: 1, code: 500 } });
    expect((await client.request('GetClock')).code).toBe(500);
    expect((await faults.get(h.url)).body.counters.failed).toBe(before + 3);
    expect((await faults.set(h.url, { failNext: { count: 1, code: 404 } })).status).toBe(400);
  });

  it('delays responses but keeps each connection\'s requests in arrival order', async () => {
    const { client } = await h.consumer(h.account());
    await faults.set(h.url, { delayMs: 150 });
    const started = Date.now();
    const [a, b, c] = await Promise.all([client.request('GetClock'), client.request('cm.ConsumerRequestConversation'), client.request('KeepAlive')]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect([a.code, b.code, c.code]).toEqual([200, 200, 200]);
    const order = client.frames.filter((f): f is Response => f.kind === 'resp').map((r) => r.reqId);
    expect(order.slice(-3)).toEqual([a.reqId, b.reqId, c.reqId]);
  });

  it('sends the notifications a request causes before its response when asked', async () => {
    const { client } = await h.consumer(h.account());
    await client.request('cqm.SubscribeExConversations', {});
    await faults.set(h.url, { notifyBeforeResponse: true });
    const since = client.mark();
    await client.request('cm.ConsumerRequestConversation');
    const kinds = client.frames.slice(since).map((f) => f.kind);
    expect(kinds).toEqual(['notification', 'resp']);
    await faults.clear(h.url);
    const since2 = client.mark();
    await client.request('cm.UpdateConversationField', {
      conversationId: (client.frames.find((f) => f.kind === 'resp' && (f.body as { conversationId?: string })?.conversationId) as Response<{ conversationId: string }>).body?.conversationId,
      conversationField: { field: 'TTRField', ttrType: 'URGENT', value: 60 },
    });
    await client.waitFor((f) => f.kind === 'notification', { since: since2 });
    expect(client.frames.slice(since2).map((f) => f.kind)).toEqual(['resp', 'notification']);
  });

  it('duplicates and reorders notifications reproducibly for a seed, and counts them', async () => {
    async function run(): Promise<number[]> {
      await faults.clear(h.url);
      const account = h.account();
      const { client } = await h.consumer(account);
      const conv = await openConversation(client);
      await client.request('ms.SubscribeMessagingEvents', { dialogId: conv });
      await faults.set(h.url, { duplicate: 0.3, reorder: 0.3, seed: 42 });
      for (let i = 0; i < 12; i++) await client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: `m${i}` } });
      await new Promise((r) => setTimeout(r, 100));
      return client.notifications('ms.MessagingEventNotification').flatMap((n) => (n.body as { changes: Array<{ sequence: number }> }).changes.map((c) => c.sequence));
    }
    const first = await run();
    const second = await run();
    expect(first).toEqual(second);
    expect(new Set(first)).toEqual(new Set(Array.from({ length: 12 }, (_, i) => i)));
    expect(first.length).toBeGreaterThan(12);
    expect(first).not.toEqual([...first].sort((a, b) => a - b));
    const counters = (await faults.get(h.url)).body.counters;
    expect(counters.duplicated).toBeGreaterThan(0);
    expect(counters.reordered).toBeGreaterThan(0);
  });

  it('drops every consumer socket (terminated or with a code) and keeps the state', async () => {
    const account = h.account();
    const { client, jwt } = await h.consumer(account);
    const conv = await openConversation(client);
    await client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'kept' } });
    expect((await faults.drop(h.url)).status).toBe(200);
    expect((await client.closed).code).toBe(1006);
    const again = await h.consumer(account, undefined, jwt);
    const since = again.client.mark();
    await again.client.request('ms.SubscribeMessagingEvents', { dialogId: conv });
    const n = await again.client.waitFor((f) => f.kind === 'notification', { since });
    expect(JSON.stringify(n)).toContain('kept');
    await faults.drop(h.url, { code: 4000 });
    expect((await again.client.closed).code).toBe(4000);
    expect((await faults.drop(h.url, { code: 1006 })).status).toBe(400);
    expect((await faults.get(h.url)).body.counters.drops).toBeGreaterThanOrEqual(2);
  });

  it('silences every open consumer socket: nothing read, nothing sent, never closed; new sockets work', async () => {
    const account = h.account();
    const { client, jwt } = await h.consumer(account);
    const conv = await openConversation(client);
    await client.request('ms.SubscribeMessagingEvents', { dialogId: conv });
    const silenced = await faults.blackhole(h.url);
    expect(silenced.status).toBe(200);
    expect(silenced.body.silenced).toBeGreaterThanOrEqual(1);
    const since = client.mark();
    client.send({ kind: 'req', id: 'lost', type: 'ms.PublishEvent', body: { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'into the void' } } });
    let closed = false;
    void client.closed.then(() => (closed = true));
    const again = await h.consumer(account, undefined, jwt);
    const sinceAgain = again.client.mark();
    await again.client.request('ms.SubscribeMessagingEvents', { dialogId: conv });
    await again.client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'heard' } });
    await again.client.waitFor((f) => f.kind === 'notification' && JSON.stringify(f).includes('heard'), { since: sinceAgain });
    await new Promise((r) => setTimeout(r, 300));
    expect(client.frames.slice(since)).toEqual([]);
    expect(closed).toBe(false);
    expect(JSON.stringify(again.client.frames.slice(sinceAgain))).not.toContain('into the void');
    client.close();
  });
});
