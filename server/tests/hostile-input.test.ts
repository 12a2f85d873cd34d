// Hostile payloads that pass the field-type checks: deeply nested JSON (which would make
// JSON.stringify throw when the event is echoed) and malformed quickReplies (which would make the
// text fallback throw). Each is refused with 400 before anything is stored; nothing else is affected.
import { describe, expect, it } from 'vitest';
import type { MessagingEventNotificationBody, Notification, Response } from '../../src/liveperson/wire';
import { standInForTests, openConversation } from '../testing/harness';

const h = standInForTests();
const respTo = (id: string) => (f: { kind: string }) => f.kind === 'resp' && (f as Response).reqId === id;
const isMsg = (f: unknown): f is Notification<MessagingEventNotificationBody> =>
  (f as Notification).kind === 'notification' && (f as Notification).type === 'ms.MessagingEventNotification';

/** `{"a":[[[…1…]]]}`: JSON nested `levels` deep (about 2 bytes per level). */
const deepJson = (levels: number): string => `{"a":${'['.repeat(levels)}1${']'.repeat(levels)}}`;
/** Structured content: `n` vertical containers nested in each other around one text (2 levels each). */
const verticals = (n: number): Record<string, unknown> =>
  n === 0 ? { type: 'text', text: 'inner' } : { type: 'vertical', elements: [verticals(n - 1)] };
/** A frame whose "DEEP" placeholder becomes 10,000 levels of nesting (JSON.stringify would overflow on it). */
const DEEP = 'DEEP-PLACEHOLDER';
const withDeep = (frame: Record<string, unknown>) => JSON.stringify(frame).replace(`"${DEEP}"`, deepJson(10_000));
const text = (message: string) => ({ type: 'ContentEvent', contentType: 'text/plain', message });

describe('deeply nested payloads', () => {
  it('answers 400 to nesting deeper than 32 levels anywhere in the frame, stores nothing, and every socket carries on', async () => {
    const account = h.account();
    const bystander = await h.consumer(account);
    const { client, jwt } = await h.consumer(account);
    const conv = await openConversation(client);
    await client.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 });
    const nested = DEEP;
    const frames: Array<Record<string, unknown>> = [
      { type: 'ms.PublishEvent', body: { dialogId: conv, event: { type: 'ContentEvent', contentType: 'application/json', message: nested } } },
      { type: 'ms.PublishEvent', body: { dialogId: conv, event: text('x') }, metadata: [{ type: 'ExternalId', id: 'x', extra: nested }] },
      { type: 'ms.PublishEvent', body: { dialogId: conv, event: { type: 'RichContentEvent', content: { type: 'vertical', elements: [nested] } } } },
      { type: 'ms.PublishEvent', body: { dialogId: conv, event: { ...text('x'), quickReplies: { type: 'quickReplies', replies: [{ type: 'button', title: 't', click: nested }] } } } },
      { type: 'cm.ConsumerRequestConversation', body: { conversationContext: nested } },
      { type: 'InitConnection', headers: [{ type: '.ams.headers.ClientProperties', features: [], extra: nested }] },
    ];
    for (const [i, frame] of frames.entries()) {
      client.sendRaw(withDeep({ kind: 'req', id: `d${i}`, ...frame }));
      const r = (await client.waitFor(respTo(`d${i}`))) as Response;
      expect(r.code, frame.type as string).toBe(400);
      expect(String(r.body)).toMatch(/nested/i);
    }
    // exactly at the limit is fine (the frame itself, body, event and message take 4 levels), one more is not
    const event = (levels: number) => ({ type: 'RichContentEvent', content: verticals(levels) });
    expect((await client.request('ms.PublishEvent', { dialogId: conv, event: event(15) })).code).toBe(400);
    const ok = await client.request('ms.PublishEvent', { dialogId: conv, event: event(14) });
    expect(ok).toMatchObject({ code: 200, body: { sequence: 0 } });
    await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0);
    const transcript = (await h.control(account).conversation(conv)).body.transcript as Record<string, unknown[]>;
    expect(transcript[conv]).toHaveLength(1);
    expect((await bystander.client.request('GetClock')).code).toBe(200);
    const again = await h.consumer(account, undefined, jwt);
    expect((await again.client.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 })).code).toBe(200);
  });
});

describe('deeply nested payloads from the control API', () => {
  it('are refused with 400 before being stored, so the console and the consumers keep working', async () => {
    const account = h.account();
    const { client } = await h.consumer(account, ['RICH_CONTENT']);
    const conv = await openConversation(client);
    await client.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 });
    const control = h.control(account);
    const { dana } = await control.agents();
    await control.act(conv, 'accept', { agentId: dana.id });
    const raw = withDeep({ agentId: dana.id, content: { type: 'vertical', elements: [DEEP] } });
    const res = await fetch(`${h.url}/agent/api/${account}/conversations/${conv}/rich`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/nested/);
    const detail = await control.conversation(conv);
    expect(detail.status).toBe(200);
    expect((detail.body.transcript as Record<string, unknown[]>)[conv]).toEqual([]);
    const ok = await control.act(conv, 'rich', { agentId: dana.id, content: verticals(14) });
    expect(ok).toMatchObject({ status: 200, body: { sequence: 0 } });
    await client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0);
  });
});

describe('quickReplies', () => {
  it('refuses malformed quickReplies with 400 naming the field, before storing', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const conv = await openConversation(client);
    const button = (title: unknown) => ({ type: 'button', title });
    const bad: Array<[unknown, string]> = [
      [{}, 'quickReplies.replies'],
      [{ type: 'quickReplies', replies: [] }, 'quickReplies.replies'],
      [{ type: 'quickReplies', replies: Array.from({ length: 25 }, (_, i) => button(`b${i}`)) }, 'quickReplies.replies'],
      [{ type: 'quickReplies', replies: [button(7)] }, 'quickReplies.replies[0].title'],
      [{ type: 'quickReplies', replies: ['Yes'] }, 'quickReplies.replies[0]'],
      [{ type: 'quickReplies', itemsPerRow: 9, replies: [button('Yes')] }, 'quickReplies.itemsPerRow'],
      [{ type: 'quickReplies', itemsPerRow: 0, replies: [button('Yes')] }, 'quickReplies.itemsPerRow'],
      [{ type: 'carousel', replies: [button('Yes')] }, 'quickReplies.type'],
    ];
    for (const [i, [quickReplies, field]] of bad.entries()) {
      client.sendRaw(JSON.stringify({ kind: 'req', id: `q${i}`, type: 'ms.PublishEvent', body: { dialogId: conv, event: { ...text('Pick'), quickReplies } } }));
      const r = (await client.waitFor(respTo(`q${i}`))) as Response;
      expect(r.code, JSON.stringify(quickReplies)).toBe(400);
      expect(String(r.body)).toContain(field);
    }
    const good = { type: 'quickReplies', itemsPerRow: 8, replies: [button('Yes'), button('No')] };
    expect((await client.request('ms.PublishEvent', { dialogId: conv, event: { ...text('Pick'), quickReplies: good } })).body).toEqual({ sequence: 0 });
  });

  it('a client without QUICK_REPLIES keeps subscribing and receiving after someone published quick replies', async () => {
    const account = h.account();
    const { client, jwt } = await h.consumer(account, ['QUICK_REPLIES']);
    const conv = await openConversation(client);
    const plain = await h.consumer(account, [], jwt);
    await plain.client.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 });
    client.sendRaw(JSON.stringify({ kind: 'req', id: 'bad', type: 'ms.PublishEvent', body: { dialogId: conv, event: { ...text('Pick'), quickReplies: {} } } }));
    expect(await client.waitFor(respTo('bad'))).toMatchObject({ code: 400 });
    const replies = { type: 'quickReplies', replies: [{ type: 'button', title: 'Yes' }] };
    const r = await client.request('ms.PublishEvent', { dialogId: conv, event: { ...text('Pick'), quickReplies: replies } });
    expect(r).toMatchObject({ code: 200, body: { sequence: 0 } });
    const live = (await plain.client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as Notification<MessagingEventNotificationBody>;
    expect(live.body.changes[0]?.event).toEqual(text('Pick (Yes)'));
    const since = plain.client.mark();
    expect((await plain.client.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 })).code).toBe(200);
    const replay = (await plain.client.waitFor(isMsg, { since })) as Notification<MessagingEventNotificationBody>;
    expect(replay.body.changes.map((c) => c.sequence)).toEqual([0]);
  });
});

describe('receipts', () => {
  it('refuses an AcceptStatusEvent with an empty sequenceList (400, not stored)', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const conv = await openConversation(client);
    client.sendRaw(JSON.stringify({ kind: 'req', id: 'e', type: 'ms.PublishEvent', body: { dialogId: conv, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [] } } }));
    const r = (await client.waitFor(respTo('e'))) as Response;
    expect(r.code).toBe(400);
    expect(String(r.body)).toContain('sequenceList');
    expect((await client.request('ms.PublishEvent', { dialogId: conv, event: text('first') })).body).toEqual({ sequence: 0 });
  });
});
