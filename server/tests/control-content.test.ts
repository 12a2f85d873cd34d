// Control API content actions: hosted file with caption, rich content, bulk send (batched delivery),
// agent nickname (profile API).
import { describe, expect, it } from 'vitest';
import type { MessagingEventNotificationBody, Notification } from '../../src/liveperson/wire';
import { call } from '../testing/http';
import { openConversation, standInForTests } from '../testing/harness';

const h = standInForTests();
type MsgNote = Notification<MessagingEventNotificationBody>;
const isMsg = (f: unknown): f is MsgNote => (f as Notification).kind === 'notification' && (f as Notification).type === 'ms.MessagingEventNotification';

async function setup() {
  const account = h.account();
  const consumer = await h.consumer(account);
  const conv = await openConversation(consumer.client);
  const control = h.control(account);
  const agents = await control.agents();
  await control.act(conv, 'accept', { agentId: agents.dana.id });
  const since = consumer.client.mark();
  expect((await consumer.client.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 })).code).toBe(200);
  await consumer.client.waitFor(isMsg, { since });
  return { account, ...consumer, conv, control, agents };
}

describe('control API content', () => {
  it('sends a hosted file with a caption and rich content to the consumer', async () => {
    const { client, conv, control, agents } = await setup();
    const since = client.mark();
    const file = await control.act(conv, 'file', { agentId: agents.dana.id, caption: '<b>invoice</b>', fileType: 'PDF' });
    expect(file.status).toBe(200);
    const rich = await control.act(conv, 'rich', { agentId: agents.dana.id, content: { type: 'vertical', elements: [{ type: 'text', text: 'Hi' }] } });
    expect(rich.status).toBe(200);
    await client.waitFor((f) => isMsg(f) && f.body.changes.some((c) => c.event.type === 'RichContentEvent'), { since });
    const events = client.notifications('ms.MessagingEventNotification', since).flatMap((n) => (n as MsgNote).body.changes.map((c) => c.event));
    expect(events).toEqual([
      { type: 'ContentEvent', contentType: 'hosted/file', message: { caption: '<b>invoice</b>', relativePath: expect.stringMatching(/\.pdf$/), fileType: 'PDF' } },
      { type: 'RichContentEvent', content: { type: 'vertical', elements: [{ type: 'text', text: 'Hi' }] } },
    ]);
  });

  it('refuses bad content requests with 400', async () => {
    const { conv, control, agents } = await setup();
    for (const [action, body] of [
      ['file', { agentId: agents.dana.id, fileType: 'EXE' }],
      ['rich', { agentId: agents.dana.id, content: 'text' }],
      ['bulk', { agentId: agents.dana.id, count: 0 }],
      ['bulk', { agentId: agents.dana.id, count: 20_001 }],
      ['bulk', { agentId: agents.dana.id, count: 2.5 }],
      ['bulk', { agentId: agents.dana.id, count: 10, everyMs: -1 }],
      ['bulk', { agentId: agents.dana.id, count: 10, everyMs: 1_001 }],
      ['bulk', { agentId: agents.dana.id, count: 20_000, everyMs: 4 }],
      ['bulk', { agentId: agents.dana.id, count: 10, everyMs: '1' }],
    ] as const) {
      expect((await control.act(conv, action, body)).status, `${action} ${JSON.stringify(body)}`).toBe(400);
    }
    expect((await control.act(conv, 'bulk', { agentId: agents.sam.id, count: 1 })).status).toBe(409);
  });

  it('bulk: stores N messages in order and delivers them in notifications of at most 500 changes', async () => {
    const { client, conv, control, agents } = await setup();
    const since = client.mark();
    const r = await control.act(conv, 'bulk', { agentId: agents.dana.id, count: 1200, text: 'Bulk' });
    expect(r.body).toEqual({ first: 0, last: 1199, count: 1200 });
    await client.waitFor((f) => isMsg(f) && f.body.changes.some((c) => c.sequence === 1199), { since });
    const notes = client.notifications('ms.MessagingEventNotification', since) as MsgNote[];
    expect(notes.map((n) => n.body.changes.length)).toEqual([500, 500, 200]);
    const changes = notes.flatMap((n) => n.body.changes);
    expect(changes.map((c) => c.sequence)).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    expect(changes[41]?.event).toEqual({ type: 'ContentEvent', contentType: 'text/plain', message: 'Bulk 42' });
  });

  it('bulk with everyMs: one notification per message, paced, answered when the last is stored', async () => {
    const { client, conv, control, agents } = await setup();
    const since = client.mark();
    const r = await control.act(conv, 'bulk', { agentId: agents.dana.id, count: 40, text: 'Paced', everyMs: 2 });
    expect(r.body).toEqual({ first: 0, last: 39, count: 40 });
    await client.waitFor((f) => isMsg(f) && f.body.changes.some((c) => c.sequence === 39), { since });
    const notes = client.notifications('ms.MessagingEventNotification', since) as MsgNote[];
    expect(notes.map((n) => n.body.changes.length)).toEqual(Array.from({ length: 40 }, () => 1));
    const changes = notes.flatMap((n) => n.body.changes);
    expect(changes.map((c) => c.sequence)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(changes.map((c) => c.event)).toContainEqual({ type: 'ContentEvent', contentType: 'text/plain', message: 'Paced 40' });
    // Paced: the 40th is stored at least 39 × 2 ms after the first.
    const stamps = changes.map((c) => c.serverTimestamp);
    expect((stamps.at(-1) ?? 0) - (stamps[0] ?? 0)).toBeGreaterThanOrEqual(70);
  });

  it("sets an agent's nickname, which the profile API returns", async () => {
    const { account, agents } = await setup();
    const put = await call(`${h.url}/agent/api/${account}/agents/${agents.dana.id}`, 'PUT', { nickname: '<img src=x onerror=alert(1)>' });
    expect(put.status).toBe(200);
    const profile = await call<{ nickname: string }>(`${h.url}/api/account/${account}/configuration/le-users/users/${agents.dana.id}`);
    expect(profile.body.nickname).toBe('<img src=x onerror=alert(1)>');
    expect((await call(`${h.url}/agent/api/${account}/agents/${agents.dana.id}`, 'PUT', { nickname: '' })).status).toBe(400);
    expect((await call(`${h.url}/agent/api/${account}/agents/nobody`, 'PUT', { nickname: 'x' })).status).toBe(400);
  });
});
