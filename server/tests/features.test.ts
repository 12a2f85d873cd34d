// Feature gates (ClientProperties.features, per socket): RICH_CONTENT and its text fallback,
// MULTI_DIALOG and the post-conversation survey, features sent in the Client-Properties upgrade header.
import { describe, expect, it } from 'vitest';
import type { ConversationDetails, ExConversationChangeNotificationBody, MessagingEventNotificationBody, Notification } from '../../src/liveperson/wire';
import { SCHEMA_EXCEPTIONS, schemasAvailable, validateClientFrame } from '../../test/lp-schemas';
import type { TestClient } from '../testing/client';
import { standInForTests, openConversation } from '../testing/harness';

const h = standInForTests();
type MsgNote = Notification<MessagingEventNotificationBody>;
type ExNote = Notification<ExConversationChangeNotificationBody>;
const isMsg = (f: unknown): f is MsgNote => (f as Notification).kind === 'notification' && (f as Notification).type === 'ms.MessagingEventNotification';
const isEx = (f: unknown): f is ExNote => (f as Notification).kind === 'notification' && (f as Notification).type === 'cqm.ExConversationChangeNotification';

async function subscribeMessages(client: TestClient, dialogId: string): Promise<MsgNote> {
  const since = client.mark();
  expect((await client.request('ms.SubscribeMessagingEvents', { dialogId, fromSeq: 0 })).code).toBe(200);
  return (await client.waitFor(isMsg, { since })) as MsgNote;
}

async function subscribeConversations(client: TestClient, body: unknown): Promise<{ id: string; snapshot: ExNote }> {
  const since = client.mark();
  const r = await client.request('cqm.SubscribeExConversations', body);
  const id = (r.body as { subscriptionId: string }).subscriptionId;
  return { id, snapshot: (await client.waitFor((f) => isEx(f) && f.body.subscriptionId === id, { since })) as ExNote };
}

const PRODUCT = {
  type: 'vertical',
  elements: [
    { type: 'text', text: 'Product Name', style: { bold: true, size: 'large' } },
    { type: 'button', title: 'Add to cart', click: { actions: [{ type: 'link', name: 'Add to cart', uri: 'https://example.com/cart' }] } },
  ],
};

describe('RichContentEvent', () => {
  it('is stored with its content, echoed as such to RICH_CONTENT sockets and as text to the others, live and in history', async () => {
    const account = h.account();
    const rich = await h.consumer(account, ['RICH_CONTENT']);
    const conv = await openConversation(rich.client);
    const plain = await h.consumer(account, [], rich.jwt);
    await subscribeMessages(rich.client, conv);
    await subscribeMessages(plain.client, conv);
    const body = { dialogId: conv, event: { type: 'RichContentEvent', content: PRODUCT } };
    if (schemasAvailable()) {
      // `content` (what LivePerson's docs and SDKs send) passes only through the documented exception
      expect(SCHEMA_EXCEPTIONS.map((x) => x.id)).toEqual(expect.arrayContaining(['rich-content-content', 'rich-content-content-notification']));
      expect(validateClientFrame({ kind: 'req', id: 'x', type: 'ms.PublishEvent', body })).toEqual([]);
    }
    expect(await rich.client.request('ms.PublishEvent', body)).toMatchObject({ code: 200, body: { sequence: 0 } });
    const echo = (await rich.client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as MsgNote;
    expect(echo.body.changes[0]?.event).toEqual({ type: 'RichContentEvent', content: PRODUCT });
    const fallback = { type: 'ContentEvent', contentType: 'text/plain', message: 'Product Name\nAdd to cart' };
    const live = (await plain.client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as MsgNote;
    expect(live.body.changes[0]?.event).toEqual(fallback);
    expect((await subscribeMessages(plain.client, conv)).body.changes[0]?.event).toEqual(fallback);
    // the schema's own spelling (`message`) is accepted and stored as `content`
    await rich.client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'RichContentEvent', message: PRODUCT } });
    const second = (await rich.client.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 1)) as MsgNote;
    expect(second.body.changes[0]?.event).toEqual({ type: 'RichContentEvent', content: PRODUCT });
    rich.client.sendRaw(JSON.stringify({ kind: 'req', id: 'bad', type: 'ms.PublishEvent', body: { dialogId: conv, event: { type: 'RichContentEvent', content: 'text' } } }));
    expect(await rich.client.waitFor((f) => f.kind === 'resp' && f.reqId === 'bad')).toMatchObject({ code: 400, body: expect.stringContaining('event.content') });
  });
});

describe('MULTI_DIALOG', () => {
  it('a socket without it never sees the survey: for it the conversation is closed (state and stage CLOSE)', async () => {
    const account = h.account();
    const plain = await h.consumer(account, []);
    const multi = await h.consumer(account, ['MULTI_DIALOG', 'QUICK_REPLIES'], plain.jwt);
    const plainAll = await subscribeConversations(plain.client, {});
    const plainOpen = await subscribeConversations(plain.client, { stage: ['OPEN'] });
    await subscribeConversations(multi.client, {});
    const conv = await openConversation(multi.client);
    const control = h.control(account);
    const { dana } = await control.agents();
    await control.act(conv, 'accept', { agentId: dana.id });
    let since = multi.client.mark();
    const plainSince = plain.client.mark();
    expect((await control.act(conv, 'close', { survey: true })).status).toBe(200);
    const withSurvey = (await multi.client.waitFor((f) => isEx(f) && f.body.changes[0]?.result.conversationDetails.state === 'CLOSE', { since })) as ExNote;
    const details = withSurvey.body.changes[0]?.result.conversationDetails as ConversationDetails;
    expect(details).toMatchObject({ state: 'CLOSE', stage: 'OPEN' });
    const survey = details.dialogs.find((d) => d.dialogType === 'POST_SURVEY');
    expect(survey?.state).toBe('OPEN');
    const surveyId = survey?.dialogId as string;
    const seen = (await plain.client.waitFor((f) => isEx(f) && f.body.subscriptionId === plainAll.id && f.body.changes[0]?.result.conversationDetails.state === 'CLOSE', { since: plainSince })) as ExNote;
    const closed = seen.body.changes[0]?.result.conversationDetails as ConversationDetails;
    expect(closed).toMatchObject({ state: 'CLOSE', stage: 'CLOSE' });
    expect(closed.endTs).toBeGreaterThan(0);
    expect(closed.dialogs.map((d) => [d.dialogType, d.state])).toEqual([['MAIN', 'CLOSE']]);
    expect(JSON.stringify(plain.client.frames)).not.toContain(surveyId);
    await plain.client.waitFor((f) => isEx(f) && f.body.subscriptionId === plainOpen.id && f.body.changes[0]?.type === 'DELETE', { since: plainSince });
    expect((await subscribeConversations(plain.client, { stage: ['OPEN'] })).snapshot.body.changes).toEqual([]);
    // the survey dialog does not exist for it
    expect((await plain.client.request('ms.SubscribeMessagingEvents', { dialogId: surveyId, fromSeq: 0 })).code).toBe(404);
    expect((await plain.client.request('ms.PublishEvent', { dialogId: surveyId, event: { type: 'ContentEvent', contentType: 'text/plain', message: '5' } })).code).toBe(404);
    const closeSurvey = { field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: surveyId, state: 'CLOSE', closedCause: 'Closed by consumer' } };
    expect((await plain.client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: [closeSurvey] })).code).toBe(404);
    // the MULTI_DIALOG socket still gets the survey question
    expect((await subscribeMessages(multi.client, surveyId)).body.changes[0]?.event).toMatchObject({ quickReplies: { type: 'quickReplies' } });
    // asking for a new conversation ends the survey it cannot see (skipped), then opens the new one
    since = multi.client.mark();
    const fresh = await openConversation(plain.client);
    expect(fresh).not.toBe(conv);
    const ended = (await multi.client.waitFor((f) => isEx(f) && f.body.changes[0]?.result.convId === conv && f.body.changes[0].result.conversationDetails.stage === 'CLOSE', { since })) as ExNote;
    expect(ended.body.changes[0]?.result.conversationDetails.dialogs.find((d) => d.dialogId === surveyId)).toMatchObject({ state: 'CLOSE', closedBy: 'CONSUMER' });
  });
});

describe('Client-Properties upgrade header', () => {
  it('announces features for that socket (quick replies as such with it, as text without)', async () => {
    const account = h.account();
    const jwt = await h.signup(account);
    const withHeader = await h.connect(account, { jwt, clientProperties: { type: '.ClientProperties', appId: 'webAsync', features: ['QUICK_REPLIES'] } });
    const without = await h.connect(account, { jwt });
    const conv = await openConversation(withHeader);
    await subscribeMessages(withHeader, conv);
    await subscribeMessages(without, conv);
    const control = h.control(account);
    const { dana } = await control.agents();
    await control.act(conv, 'accept', { agentId: dana.id });
    await control.act(conv, 'messages', { agentId: dana.id, text: 'Pick one', quickReplies: ['Yes', 'No'] });
    const rich = (await withHeader.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as MsgNote;
    expect(rich.body.changes[0]?.event).toMatchObject({ message: 'Pick one', quickReplies: { replies: [{ title: 'Yes' }, { title: 'No' }] } });
    const plain = (await without.waitFor((f) => isMsg(f) && f.body.changes[0]?.sequence === 0)) as MsgNote;
    expect(plain.body.changes[0]?.event).toEqual({ type: 'ContentEvent', contentType: 'text/plain', message: 'Pick one (Yes / No)' });
  });
});
