// The three LivePerson tutorials (/work/shared/seeds), step by step over a real socket, with the
// agent side driven through the control API over real HTTP.
import { describe, expect, it } from 'vitest';
import type { ExConversationChangeNotificationBody, MessagingEventNotificationBody, Notification } from '../../src/liveperson/wire';
import { claimsOf } from '../testing/http';
import { standInForTests } from '../testing/harness';

const h = standInForTests();
const isMsg = (n: unknown): n is Notification<MessagingEventNotificationBody> =>
  (n as Notification).kind === 'notification' && (n as Notification).type === 'ms.MessagingEventNotification';
const isEx = (n: unknown): n is Notification<ExConversationChangeNotificationBody> =>
  (n as Notification).kind === 'notification' && (n as Notification).type === 'cqm.ExConversationChangeNotification';

describe('tutorial: get messages', () => {
  it('finds the consumer id, creates a conversation, and gets agent messages sent while subscribed or not', async () => {
    const account = h.account();
    const jwt = await h.signup(account);
    // Step 1: the consumer id is the JWT's sub.
    const claims = claimsOf(jwt);
    expect(claims.aud).toBe(`acc:${account}`);
    expect(typeof claims.sub).toBe('string');
    // Step 2: Authorization header, numeric id, echoed as a string.
    const client = await h.connect(account, { jwt });
    const created = await client.request('cm.ConsumerRequestConversation', undefined, { id: 1 });
    expect(created).toMatchObject({ kind: 'resp', reqId: '1', code: 200, type: 'cm.RequestConversationResponse' });
    const conversationId = (created.body as { conversationId: string }).conversationId;
    // Step 3: the agent accepts and types a few messages before the consumer subscribes.
    const control = h.control(account);
    const { dana } = await control.agents();
    expect((await control.act(conversationId, 'accept', { agentId: dana.id })).status).toBe(200);
    for (const text of ['message from the agent', 'second message']) {
      expect((await control.act(conversationId, 'messages', { agentId: dana.id, text })).status).toBe(200);
    }
    // Step 4: subscribe from 0: the response, then the existing content.
    const since = client.mark();
    const sub = await client.request('ms.SubscribeMessagingEvents', { fromSeq: 0, dialogId: conversationId }, { id: '22' });
    expect(sub).toMatchObject({ reqId: '22', code: 200 });
    const history = await client.waitFor(isMsg, { since });
    expect(client.frames.indexOf(sub)).toBeLessThan(client.frames.indexOf(history));
    const changes = (history as Notification<MessagingEventNotificationBody>).body.changes;
    expect(changes.map((c) => [c.sequence, c.originatorId, c.dialogId])).toEqual([
      [0, dana.id, conversationId],
      [1, dana.id, conversationId],
    ]);
    expect(changes[0]?.event).toEqual({ type: 'ContentEvent', contentType: 'text/plain', message: 'message from the agent' });
    // Own messages come back too, recognisable by originatorId === sub.
    const mine = await client.request('ms.PublishEvent', { dialogId: conversationId, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'hi' } });
    const echo = await client.waitFor((f) => isMsg(f) && f.body.changes.some((c) => c.sequence === 2));
    expect((echo as Notification<MessagingEventNotificationBody>).body.changes[0]?.originatorId).toBe(claims.sub);
    expect(mine.body).toEqual({ sequence: 2 });
    // The agent closes the conversation.
    expect((await control.act(conversationId, 'close')).status).toBe(200);
  });
});

describe('tutorial: conversation metadata', () => {
  it('subscribes, sees the new conversation, the agent joining, then the close', async () => {
    const account = h.account();
    const { client, consumerId } = await h.consumer(account);
    // Step 1: subscribe; response with a subscription id, then a snapshot (empty).
    const since = client.mark();
    const sub = await client.request('cqm.SubscribeExConversations', { minLastUpdatedTime: 0, convState: ['OPEN', 'CLOSE'] }, { id: '33' });
    expect(sub).toMatchObject({ reqId: '33', code: 200, type: 'cqm.SubscribeExConversationsResponse' });
    const subscriptionId = (sub.body as { subscriptionId: string }).subscriptionId;
    const snapshot = await client.waitFor(isEx, { since });
    expect((snapshot as Notification<ExConversationChangeNotificationBody>).body).toEqual({ subscriptionId, changes: [] });
    // Step 2: create; an UPSERT with only the consumer, state OPEN, a ttr.
    const mark2 = client.mark();
    const created = await client.request('cm.ConsumerRequestConversation', undefined, { id: 1 });
    const convId = (created.body as { conversationId: string }).conversationId;
    const upsert = (await client.waitFor((f) => isEx(f) && f.body.changes.length > 0, { since: mark2 })) as Notification<ExConversationChangeNotificationBody>;
    const first = upsert.body.changes[0];
    expect(first?.type).toBe('UPSERT');
    expect(first?.result.convId).toBe(convId);
    expect(first?.result.conversationDetails).toMatchObject({ state: 'OPEN', stage: 'OPEN', participants: [{ id: consumerId, role: 'CONSUMER' }], ttr: { ttrType: 'PRIORITIZED', value: 600 } });
    // Step 3: the agent accepts; the ASSIGNED_AGENT appears.
    const control = h.control(account);
    const { dana } = await control.agents();
    const mark3 = client.mark();
    await control.act(convId, 'accept', { agentId: dana.id });
    const joined = (await client.waitFor(isEx, { since: mark3 })) as Notification<ExConversationChangeNotificationBody>;
    const details = joined.body.changes[0]?.result.conversationDetails;
    expect(details?.participants).toContainEqual({ id: dana.id, role: 'ASSIGNED_AGENT' });
    expect(details?.metaDataLastUpdateTs).toBeGreaterThan(first?.result.conversationDetails.metaDataLastUpdateTs ?? Infinity);
    // The agent closes: state CLOSE (the filter includes CLOSE, so UPSERT).
    const mark4 = client.mark();
    await control.act(convId, 'close');
    const closed = (await client.waitFor(isEx, { since: mark4 })) as Notification<ExConversationChangeNotificationBody>;
    expect(closed.body.changes[0]).toMatchObject({ type: 'UPSERT', result: { conversationDetails: { state: 'CLOSE', stage: 'CLOSE', closeReason: 'AGENT' } } });
  });
});

describe('tutorial: read and accept events', () => {
  it('publishes ACCEPT then READ for an agent message, and the agent side sees them', async () => {
    const account = h.account();
    const jwt = await h.signup(account);
    const client = await h.connect(account, { jwt });
    const created = await client.request('cm.ConsumerRequestConversation', undefined, { id: 1 });
    const dialogId = (created.body as { conversationId: string }).conversationId;
    await client.request('ms.SubscribeMessagingEvents', { fromSeq: 0, dialogId });
    const control = h.control(account);
    const { dana } = await control.agents();
    await control.act(dialogId, 'accept', { agentId: dana.id });
    const sent = await control.act(dialogId, 'messages', { agentId: dana.id, text: 'some agent text' });
    const seq = sent.body.sequence!;
    const line = (await client.waitFor((f) => isMsg(f) && f.body.changes.some((c) => c.sequence === seq))) as Notification<MessagingEventNotificationBody>;
    expect(line.body.changes[0]).toMatchObject({ dialogId, event: { message: 'some agent text' } });
    // Step 3: the tutorial reuses id 2 for both receipts.
    const accept = await client.request('ms.PublishEvent', { dialogId, event: { type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: [seq] } }, { id: 2 });
    expect(accept).toMatchObject({ reqId: '2', code: 200, body: { sequence: seq + 1 } });
    let transcript = (await control.conversation(dialogId)).body.transcript as Record<string, Array<{ event: { status?: string } }>>;
    expect(transcript[dialogId]?.[seq + 1]?.event).toEqual({ type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: [seq] });
    const read = await client.request('ms.PublishEvent', { dialogId, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [seq] } }, { id: 2 });
    expect(read).toMatchObject({ reqId: '2', code: 200, body: { sequence: seq + 2 } });
    transcript = (await control.conversation(dialogId)).body.transcript as typeof transcript;
    expect(transcript[dialogId]?.[seq + 2]?.event.status).toBe('READ');
  });
});
