// Messaging events: sequences, echo, history, chat states, receipts, audiences, fallbacks, metadata.
import { describe, expect, it } from 'vitest';
import type { MessagingEventNotificationBody, Notification, Response } from '../../src/liveperson/wire';
import type { TestClient } from '../testing/client';
import { standInForTests, openConversation } from '../testing/harness';

const h = standInForTests({ historyCap: 3 });
type MsgNote = Notification<MessagingEventNotificationBody>;
const isMsg = (f: unknown): f is MsgNote => (f as Notification).kind === 'notification' && (f as Notification).type === 'ms.MessagingEventNotification';
const text = (message: string) => ({ type: 'ContentEvent', contentType: 'text/plain', message });

async function setup(features?: string[]) {
  const account = h.account();
  const consumer = await h.consumer(account, features);
  const conv = await openConversation(consumer.client);
  const control = h.control(account);
  const agents = await control.agents();
  await control.act(conv, 'accept', { agentId: agents.dana.id });
  return { account, ...consumer, conv, control, agents };
}

async function history(client: TestClient, dialogId: string, fromSeq = 0): Promise<MsgNote> {
  const since = client.mark();
  const r = await client.request('ms.SubscribeMessagingEvents', { dialogId, fromSeq });
  expect(r.code).toBe(200);
  return (await client.waitFor(isMsg, { since })) as MsgNote;
}

describe('messaging events', () => {
  it('numbers events per dialog from 0 and sends each to every subscriber, the publisher included, with metadata', async () => {
    const { client, conv, jwt, account } = await setup();
    await history(client, conv);
    const second = await h.consumer(account, undefined, jwt);
    await history(second.client, conv);
    const metadata = [{ type: 'ExternalId', id: 'client-1' }];
    const r = await client.request('ms.PublishEvent', { dialogId: conv, conversationId: conv, event: text('hello') }, { metadata });
    expect(r).toMatchObject({ code: 200, type: 'ms.PublishEventResponse', body: { sequence: 0 } });
    for (const c of [client, second.client]) {
      const n = (await c.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as MsgNote;
      expect(n.body.changes[0]).toMatchObject({ dialogId: conv, conversationId: conv, metadata, event: text('hello'), originatorMetadata: { role: 'CONSUMER' } });
    }
    const r2 = await client.request('ms.PublishEvent', { dialogId: conv, event: text('again') });
    expect(r2.body).toEqual({ sequence: 1 });
  });

  it('replays history from fromSeq (capped), one notification, empty as {changes: []}', async () => {
    const { client, conv, control, agents } = await setup();
    expect((await history(client, conv)).body).toEqual({ changes: [] });
    for (let i = 0; i < 5; i++) await control.act(conv, 'messages', { agentId: agents.dana.id, text: `m${i}` });
    const all = await history(client, conv, 0);
    expect(all.body.changes.map((c) => c.sequence)).toEqual([2, 3, 4]);
    const tail = await history(client, conv, 4);
    expect(tail.body.changes.map((c) => c.sequence)).toEqual([4]);
  });

  it('ChatStateEvent: response sequence 0, not stored, notification without sequence and timestamp', async () => {
    const { client, conv, control, agents } = await setup();
    await history(client, conv);
    const r = await client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'ChatStateEvent', chatState: 'COMPOSING' } });
    expect(r.body).toEqual({ sequence: 0 });
    const n = (await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.event.type === 'ChatStateEvent')) as MsgNote;
    expect(n.body.changes[0]?.sequence).toBeUndefined();
    expect(n.body.changes[0]?.serverTimestamp).toBeUndefined();
    await control.act(conv, 'typing', { agentId: agents.dana.id, state: 'COMPOSING' });
    await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.originatorId === agents.dana.id);
    const sent = await client.request('ms.PublishEvent', { dialogId: conv, event: text('first') });
    expect(sent.body).toEqual({ sequence: 0 });
  });

  it('receipts: a sequenceList naming no event answers 400; agent receipts reach the consumer and the console', async () => {
    const { client, conv, control, agents } = await setup();
    await history(client, conv);
    const bad = await client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: [0] } });
    expect(bad.code).toBe(400);
    await client.request('ms.PublishEvent', { dialogId: conv, event: text('hi') });
    const accept = await control.act(conv, 'receipts', { agentId: agents.dana.id, status: 'ACCEPT', sequences: [0] });
    expect(accept.body.sequence).toBe(1);
    const n = (await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 1)) as MsgNote;
    expect(n.body.changes[0]?.event).toEqual({ type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: [0] });
    expect((await control.conversation(conv)).body.receipts).toEqual({ [conv]: { 0: 'delivered' } });
    await control.act(conv, 'receipts', { agentId: agents.dana.id, status: 'READ', sequences: [0] });
    expect((await control.conversation(conv)).body.receipts).toEqual({ [conv]: { 0: 'read' } });
    expect((await control.act(conv, 'receipts', { agentId: agents.dana.id, status: 'READ', sequences: [99] })).status).toBe(400);
  });

  it('never delivers AGENTS_AND_MANAGERS events to consumers, live or in history', async () => {
    const { client, conv, control, agents } = await setup();
    await history(client, conv);
    await control.act(conv, 'messages', { agentId: agents.dana.id, text: 'private note', audience: 'AGENTS_AND_MANAGERS' });
    await control.act(conv, 'messages', { agentId: agents.dana.id, text: 'public' });
    await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 1);
    const seen = JSON.stringify(client.frames);
    expect(seen).not.toContain('private note');
    expect(JSON.stringify((await history(client, conv)).body)).not.toContain('private note');
    const transcript = (await control.conversation(conv)).body.transcript as Record<string, Array<{ audience: string }>>;
    expect(transcript[conv]?.[0]?.audience).toBe('AGENTS_AND_MANAGERS');
  });

  it('sends quick replies as such to QUICK_REPLIES clients and as a text fallback otherwise', async () => {
    const { client, conv, control, agents, jwt, account } = await setup(['QUICK_REPLIES']);
    const plain = await h.consumer(account, [], jwt);
    await history(client, conv);
    await history(plain.client, conv);
    await control.act(conv, 'messages', { agentId: agents.dana.id, text: 'Pick one', quickReplies: ['Yes', 'No'] });
    const rich = (await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as MsgNote;
    expect(rich.body.changes[0]?.event).toMatchObject({ message: 'Pick one', quickReplies: { type: 'quickReplies', replies: [{ title: 'Yes' }, { title: 'No' }] } });
    const fallback = (await plain.client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as MsgNote;
    expect(fallback.body.changes[0]?.event).toEqual({ type: 'ContentEvent', contentType: 'text/plain', message: 'Pick one (Yes / No)' });
  });

  it('refuses someone else\'s conversation (403) and unknown dialogs (404)', async () => {
    const { conv, account } = await setup();
    const stranger = await h.consumer(account);
    const r = await stranger.client.request('ms.PublishEvent', { dialogId: conv, event: text('intrude') });
    expect(r.code).toBe(403);
    expect((await stranger.client.request('ms.SubscribeMessagingEvents', { dialogId: conv })).code).toBe(403);
    expect((await stranger.client.request('ms.PublishEvent', { dialogId: 'nope', event: text('x') })).code).toBe(404);
  });

  it('answers 4xx after the conversation closed, and GetClock/KeepAlive/Unsubscribe answer 200', async () => {
    const { client, conv, control } = await setup();
    await control.act(conv, 'close');
    const r = (await client.request('ms.PublishEvent', { dialogId: conv, event: text('late') })) as Response;
    expect(r.code).toBeGreaterThanOrEqual(400);
    expect(r.code).toBeLessThan(500);
    const clock = await client.request('GetClock');
    expect(Math.abs((clock.body as { currentTime: number }).currentTime - Date.now())).toBeLessThan(5000);
    expect((await client.request('KeepAlive')).code).toBe(200);
    expect((await client.request('ms.UnsubscribeMessagingEvents', { dialogId: conv })).code).toBe(200);
  });

  it('autoReceipts: the assigned agent marks consumer messages ACCEPT then READ, batched', async () => {
    const { client, conv, control } = await setup();
    await control.settings({ autoReceipts: true });
    await history(client, conv);
    await client.request('ms.PublishEvent', { dialogId: conv, event: text('a') });
    await client.request('ms.PublishEvent', { dialogId: conv, event: text('b') });
    const read = (await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.event.type === 'AcceptStatusEvent' && f.body.changes[0].event.status === 'READ')) as MsgNote;
    expect(read.body.changes[0]?.event).toMatchObject({ sequenceList: [0, 1] });
    const accepts = client.notifications('ms.MessagingEventNotification').filter((n) => (n as MsgNote).body.changes[0]?.event.type === 'AcceptStatusEvent');
    expect(accepts.map((n) => ((n as MsgNote).body.changes[0]?.event as { status: string }).status)).toEqual(['ACCEPT', 'READ']);
    expect((await control.conversation(conv)).body.receipts).toEqual({ [conv]: { 0: 'read', 1: 'read' } });
  });

  it('autoReceipts: messages written while waiting are acknowledged once an agent accepts', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const conv = await openConversation(client);
    const control = h.control(account);
    await control.settings({ autoReceipts: true });
    await history(client, conv);
    await client.request('ms.PublishEvent', { dialogId: conv, event: text('waiting 1') });
    await client.request('ms.PublishEvent', { dialogId: conv, event: text('waiting 2') });
    await new Promise((r) => setTimeout(r, 600));
    expect((await control.conversation(conv)).body.receipts).toEqual({ [conv]: { 0: 'sent', 1: 'sent' } });
    const agents = await control.agents();
    await control.act(conv, 'accept', { agentId: agents.dana.id });
    const read = (await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.event.type === 'AcceptStatusEvent' && f.body.changes[0].event.status === 'READ')) as MsgNote;
    expect(read.body.changes[0]?.event).toMatchObject({ sequenceList: [0, 1] });
    expect((await control.conversation(conv)).body.receipts).toEqual({ [conv]: { 0: 'read', 1: 'read' } });
  });
});
