// What real LivePerson sends, switched on per account (Settings; server/state/variants.ts): the
// older participantsPId format, closed conversations ageing out of the stream (DELETE), the other
// response type names, notifications before their response; numeric ids always echoed as strings.
// Every frame is still validated against LivePerson's schemas (the harness does it).
import { describe, expect, it } from 'vitest';
import type { ServerFrame } from '../testing/client';
import { openConversation, standInForTests } from '../testing/harness';

const h = standInForTests();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
type Details = { participants?: Array<{ id: string; role: string }>; participantsPId?: Record<string, string[]> };
const changesOf = (f: ServerFrame) => (f.body as { changes: Array<{ type: string; result: { convId: string; conversationDetails: Details } }> }).changes;
const isEx = (f: ServerFrame) => f.kind === 'notification' && f.type === 'cqm.ExConversationChangeNotification';

describe('account settings for what real LivePerson sends', () => {
  it('are off by default; a bad value is refused and changes nothing', async () => {
    const control = h.control(h.account());
    const defaults = { participantsFormat: 'participants', closedRetentionMs: 0, responseTypes: 'documented', notificationsFirst: false };
    expect((await control.settings()).body).toMatchObject(defaults);
    for (const bad of [{ participantsFormat: 'map' }, { closedRetentionMs: -1 }, { closedRetentionMs: 1.5 }, { responseTypes: true }, { notificationsFirst: 'yes' }, { survey: true, closedRetentionMs: 'x' }]) {
      expect((await control.settings(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await control.settings()).body).toMatchObject({ ...defaults, survey: false });
  });

  it('participantsPId beside participants, or instead of them', async () => {
    const account = h.account();
    const { client, consumerId } = await h.consumer(account);
    await client.request('cqm.SubscribeExConversations', { convState: ['OPEN'] });
    await h.control(account).settings({ participantsFormat: 'both' });
    const c = await openConversation(client);
    const both = changesOf(await client.waitFor((f) => isEx(f) && changesOf(f).length > 0))[0]?.result.conversationDetails;
    expect(both?.participants).toEqual([{ id: consumerId, role: 'CONSUMER' }]);
    expect(both?.participantsPId).toEqual({ CONSUMER: [consumerId] });

    await h.control(account).settings({ participantsFormat: 'participantsPId' });
    const { dana } = await h.control(account).agents();
    const since = client.frames.length;
    await h.control(account).act(c, 'accept', { agentId: dana.id });
    const only = changesOf(await client.waitFor(isEx, { since }))[0]?.result.conversationDetails;
    expect(only?.participants).toBeUndefined();
    expect(only?.participantsPId).toEqual({ CONSUMER: [consumerId], ASSIGNED_AGENT: [dana.id] });
  });

  it('a closed conversation ages out of the stream: a DELETE, and it is gone from new snapshots', async () => {
    const account = h.account();
    await h.control(account).settings({ closedRetentionMs: 300 });
    const { client, jwt } = await h.consumer(account);
    const sub = await client.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'] });
    const c = await openConversation(client);
    const since = client.frames.length;
    await h.control(account).act(c, 'close', {});
    const closed = changesOf(await client.waitFor((f) => isEx(f) && changesOf(f)[0]?.type === 'UPSERT', { since }));
    expect(closed[0]?.result.convId).toBe(c);
    const deleted = await client.waitFor((f) => isEx(f) && changesOf(f)[0]?.type === 'DELETE', { since, timeoutMs: 2_000 });
    expect(changesOf(deleted)[0]?.result.convId).toBe(c);
    expect((deleted.body as { subscriptionId: string }).subscriptionId).toBe((sub.body as { subscriptionId: string }).subscriptionId);

    const again = await h.consumer(account, [], jwt);
    await again.client.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'] });
    expect(changesOf(await again.client.waitFor(isEx))).toEqual([]);
  });

  it('a closed conversation stays in the stream with retention off', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    await client.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'] });
    const c = await openConversation(client);
    await h.control(account).act(c, 'close', {});
    await sleep(400);
    expect(client.frames.filter((f) => isEx(f) && changesOf(f)[0]?.type === 'DELETE')).toEqual([]);
  });

  it('the other response type names; error responses stay StringResp; numeric ids come back as strings', async () => {
    const account = h.account();
    await h.control(account).settings({ responseTypes: 'variants' });
    const { client } = await h.consumer(account);
    const c = await openConversation(client);
    expect((await client.request('GetClock')).type).toBe('GetClockResponse');
    expect((await client.request('ms.SubscribeMessagingEvents', { conversationId: c, dialogId: c, fromSeq: 0 })).type).toBe('.ams.GenericSubscribeResponse');
    const closed = await client.request('cm.UpdateConversationField', { conversationId: c, conversationField: [{ field: 'ConversationStateField', conversationState: 'CLOSE' }] });
    expect(closed).toMatchObject({ code: 200, type: 'StringResponse' });
    expect(await client.request('cm.UpdateConversationField', { conversationId: 'nope', conversationField: [] })).toMatchObject({ type: '.ReqBody$StringResp' });
    expect(await client.request('GetClock', undefined, { id: 42 })).toMatchObject({ reqId: '42', code: 200 });
  });

  it('notifications before their response', async () => {
    const account = h.account();
    await h.control(account).settings({ notificationsFirst: true });
    const { client } = await h.consumer(account);
    await client.request('cqm.SubscribeExConversations', { convState: ['OPEN'] });
    const since = client.frames.length;
    const c = await openConversation(client);
    const later = client.frames.slice(since);
    const upsert = later.findIndex((f) => isEx(f) && changesOf(f)[0]?.result.convId === c);
    const resp = later.findIndex((f) => f.kind === 'resp' && f.type === 'cm.RequestConversationResponse');
    expect(upsert).toBeGreaterThanOrEqual(0);
    expect(upsert).toBeLessThan(resp);
  });
});
