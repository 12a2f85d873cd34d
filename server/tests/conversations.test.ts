// Conversation metadata and lifecycle: one open conversation, filters and DELETE, transfers,
// managers, closing with and without the post-conversation survey, TTR and CSAT.
import { describe, expect, it } from 'vitest';
import type { ConversationDetails, ExConversationChangeNotificationBody, MessagingEventNotificationBody, Notification } from '../../src/liveperson/wire';
import type { TestClient } from '../testing/client';
import { standInForTests, openConversation } from '../testing/harness';

const h = standInForTests();
type ExNote = Notification<ExConversationChangeNotificationBody>;
const isEx = (f: unknown): f is ExNote => (f as Notification).kind === 'notification' && (f as Notification).type === 'cqm.ExConversationChangeNotification';
const isMsg = (f: unknown): f is Notification<MessagingEventNotificationBody> => (f as Notification).type === 'ms.MessagingEventNotification';

async function subscribe(client: TestClient, body: unknown = { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'] }) {
  const since = client.mark();
  const r = await client.request('cqm.SubscribeExConversations', body);
  await client.waitFor(isEx, { since });
  return (r.body as { subscriptionId: string }).subscriptionId;
}

/** The details of the next UPSERT/DELETE after `since`. */
async function nextChange(client: TestClient, since: number) {
  const n = (await client.waitFor((f) => isEx(f) && f.body.changes.length > 0, { since })) as ExNote;
  return n.body.changes[0] as { type: string; result: { conversationDetails: ConversationDetails } };
}

describe('conversations', () => {
  it('allows one open conversation per consumer: a second request answers 400 naming the open one', async () => {
    const { client } = await h.consumer(h.account());
    const conv = await openConversation(client);
    const again = await client.request('cm.ConsumerRequestConversation');
    expect(again.code).toBe(400);
    expect(String(again.body)).toContain(conv);
  });

  it('sends full snapshots with a strictly increasing metaDataLastUpdateTs; DELETE when leaving the filter', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const openOnly = await subscribe(client, { convState: ['OPEN'] });
    const all = await subscribe(client);
    const conv = await openConversation(client);
    const control = h.control(account);
    const { dana, sam, morgan } = await control.agents();
    const steps: Array<() => Promise<unknown>> = [
      () => control.act(conv, 'accept', { agentId: dana.id }),
      () => control.act(conv, 'manager', { agentId: morgan.id }),
      () => control.act(conv, 'transfer', { agentId: sam.id }),
      () => control.act(conv, 'accept', { agentId: sam.id }),
      () => control.act(conv, 'transfer', { skillId: 'billing' }),
      () => control.act(conv, 'close'),
    ];
    for (const step of steps) expect(((await step()) as { status: number }).status).toBe(200);
    await client.waitFor((f) => isEx(f) && f.body.subscriptionId === openOnly && f.body.changes[0]?.type === 'DELETE');
    const ups = client.notifications('cqm.ExConversationChangeNotification').map((n) => (n as ExNote).body).filter((b) => b.subscriptionId === all && b.changes.length);
    const details = ups.map((b) => b.changes[0]?.result.conversationDetails as ConversationDetails);
    expect(details).toHaveLength(7);
    const ts = details.map((d) => d.metaDataLastUpdateTs);
    expect(ts.every((t, i) => i === 0 || t > (ts[i - 1] as number))).toBe(true);
    const [, accepted, managed, suggested, taken, requeued, closed] = details;
    expect(accepted?.participants).toContainEqual({ id: dana.id, role: 'ASSIGNED_AGENT' });
    expect(managed?.participants).toContainEqual({ id: morgan.id, role: 'MANAGER' });
    expect(suggested?.dialogs[0]?.participantsDetails).toContainEqual({ id: sam.id, role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
    expect(suggested?.participants.some((p) => p.role === 'ASSIGNED_AGENT')).toBe(false);
    expect(taken?.dialogs[0]?.participantsDetails).toContainEqual({ id: sam.id, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
    expect(requeued).toMatchObject({ skillId: 'billing' });
    expect(requeued?.participants.some((p) => p.role === 'ASSIGNED_AGENT')).toBe(false);
    expect(closed).toMatchObject({ state: 'CLOSE', stage: 'CLOSE', closeReason: 'AGENT', brandId: account });
    expect(closed?.endTs).toBeGreaterThan(0);
    const openOnlyChanges = client.notifications('cqm.ExConversationChangeNotification').map((n) => (n as ExNote).body).filter((b) => b.subscriptionId === openOnly && b.changes.length);
    expect(openOnlyChanges.map((b) => b.changes[0]?.type)).toEqual(['UPSERT', 'UPSERT', 'UPSERT', 'UPSERT', 'UPSERT', 'UPSERT', 'DELETE']);
    // a new subscription with OPEN only sees nothing; with CLOSE, the closed conversation
    const since = client.mark();
    await client.request('cqm.SubscribeExConversations', { stage: ['CLOSE'] });
    const snap = (await client.waitFor(isEx, { since })) as ExNote;
    expect(snap.body.changes.map((c) => c.result.convId)).toEqual([conv]);
    expect((await client.request('cqm.UnsubscribeExConversations', { subscriptionId: all })).code).toBe(200);
    expect((await client.request('cqm.UnsubscribeExConversations', { subscriptionId: all })).code).toBe(400);
  });

  it('back to queue, TTR and CSAT updates', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    await subscribe(client);
    const conv = await openConversation(client);
    const control = h.control(account);
    const { dana } = await control.agents();
    await control.act(conv, 'accept', { agentId: dana.id });
    expect((await control.act(conv, 'back-to-queue')).body).toMatchObject({ queue: 'waiting' });
    let since = client.mark();
    const ttr = await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: [{ field: 'TTRField', ttrType: 'URGENT', value: 300 }] });
    expect(ttr.code).toBe(200);
    expect((await nextChange(client, since)).result.conversationDetails.ttr).toEqual({ ttrType: 'URGENT', value: 300 });
    await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: { field: 'ConversationStateField', conversationState: 'CLOSE' } });
    since = client.mark();
    const csat = await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: { field: 'CSATRate', csatRate: 5, csatResolutionConfirmation: true, status: 'FILLED' } });
    expect(csat.code).toBe(200);
    expect((await nextChange(client, since)).result.conversationDetails.csat).toEqual({ field: 'CSATRate', csatRate: 5, csatResolutionConfirmation: true, status: 'FILLED' });
    const again = await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: { field: 'ConversationStateField', conversationState: 'CLOSE' } });
    expect(again.code).toBe(409);
  });

  it('post-conversation survey: MAIN closes, a POST_SURVEY dialog asks, the answers complete it (MULTI_DIALOG only)', async () => {
    const account = h.account();
    const { client } = await h.consumer(account, ['MULTI_DIALOG', 'QUICK_REPLIES']);
    await subscribe(client);
    const conv = await openConversation(client);
    const control = h.control(account);
    const { dana } = await control.agents();
    await control.act(conv, 'accept', { agentId: dana.id });
    let since = client.mark();
    await control.act(conv, 'close', { survey: true });
    const opened = (await nextChange(client, since)).result.conversationDetails;
    expect(opened).toMatchObject({ state: 'CLOSE', stage: 'OPEN' });
    const survey = opened.dialogs.find((d) => d.dialogType === 'POST_SURVEY');
    expect(survey).toMatchObject({ state: 'OPEN', channelType: 'MESSAGING' });
    expect(survey?.participantsDetails.some((p) => p.role === 'AGENT')).toBe(true);
    const dialogId = survey?.dialogId as string;
    since = client.mark();
    await client.request('ms.SubscribeMessagingEvents', { dialogId, conversationId: conv, fromSeq: 0 });
    const q = (await client.waitFor(isMsg, { since })) as Notification<MessagingEventNotificationBody>;
    const question = q.body.changes[0];
    expect(question).toMatchObject({ sequence: 0, originatorMetadata: { role: 'AGENT' }, event: { quickReplies: { type: 'quickReplies' } } });
    const reply = (question?.event as { quickReplies: { replies: Array<{ click: { metadata: unknown[] } }> } }).quickReplies.replies[4];
    const metadata = reply?.click.metadata as unknown[];
    await client.request('ms.PublishEvent', { dialogId, conversationId: conv, event: { type: 'AcceptStatusEvent', status: 'ACTION', sequenceList: [0] } }, { metadata });
    // The rating, then the bot's further questions (server/tests/life.test.ts follows them one by one).
    const answers: Array<[string, unknown[] | undefined]> = [['5', metadata], ['Yes', undefined], ['All good', undefined]];
    for (const [i, [answer, meta]] of answers.entries()) {
      since = client.mark();
      await client.request('ms.PublishEvent', { dialogId, conversationId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: answer } }, meta ? { metadata: meta } : {});
      if (i < answers.length - 1) await client.waitFor((f) => isMsg(f) && f.body.changes.some((c) => c.originatorMetadata?.role === 'AGENT'), { since });
    }
    const done = (await client.waitFor((f) => isEx(f) && f.body.changes[0]?.result.conversationDetails.stage === 'CLOSE', { since })) as ExNote;
    const closedSurvey = done.body.changes[0]?.result.conversationDetails.dialogs.find((d) => d.dialogId === dialogId);
    expect(closedSurvey).toMatchObject({ state: 'CLOSE', closedBy: 'AGENT', closedCause: 'Completed' });
    const transcript = (await control.conversation(conv)).body.transcript as Record<string, Array<{ metadata?: unknown }>>;
    expect(transcript[dialogId]?.[2]?.metadata).toEqual(metadata);

    // Without MULTI_DIALOG the consumer gets no survey: the conversation simply closes.
    const plain = await h.consumer(account, []);
    const conv2 = await openConversation(plain.client);
    expect((await control.act(conv2, 'close', { survey: true })).body).toMatchObject({ stage: 'CLOSE', state: 'CLOSE' });
  });

  it('consumer DialogChange close opens the survey when switched on; Stage CLOSE ends it', async () => {
    const account = h.account();
    const control = h.control(account);
    await control.settings({ survey: true });
    const { client } = await h.consumer(account, ['MULTI_DIALOG']);
    await subscribe(client);
    const conv = await openConversation(client);
    let since = client.mark();
    const r = await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: [{ field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: conv, state: 'CLOSE', closedCause: 'Closed by consumer' } }] });
    expect(r.code).toBe(200);
    const after = (await nextChange(client, since)).result.conversationDetails;
    expect(after).toMatchObject({ state: 'CLOSE', stage: 'OPEN', closeReason: 'CONSUMER' });
    expect(after.dialogs.map((d) => [d.dialogType, d.state])).toEqual([['MAIN', 'CLOSE'], ['POST_SURVEY', 'OPEN']]);
    since = client.mark();
    await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: { field: 'Stage', conversationState: 'CLOSE' } });
    expect((await nextChange(client, since)).result.conversationDetails.stage).toBe('CLOSE');
  });
});
