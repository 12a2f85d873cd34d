// A conversation's whole life at the stand-in, over real sockets: the welcome message (auto messages:
// AUTO_MESSAGES clients only, answering the first message), marking urgent (TTRField, an account setting), the survey bot's several
// questions after a consumer's DialogChange, legacy CSAT, and the visitor's chat state for the console.
import { describe, expect, it } from 'vitest';
import type { ExConversationChangeNotificationBody, MessagingEventChange, MessagingEventNotificationBody, Notification } from '../../src/liveperson/wire';
import type { TestClient } from '../testing/client';
import { openConversation, standInForTests } from '../testing/harness';
import { SURVEY_QUESTIONS, SURVEY_THANKS, startSurvey } from '../state/survey';
import { Account } from '../state/accounts';
import { accept, createConversation } from '../state/lifecycle';
import { mainDialog, touch } from '../state/model';

const h = standInForTests();
type ExNote = Notification<ExConversationChangeNotificationBody>;
const isEx = (f: unknown): f is ExNote => (f as Notification).type === 'cqm.ExConversationChangeNotification';
const isMsg = (f: unknown): f is Notification<MessagingEventNotificationBody> => (f as Notification).type === 'ms.MessagingEventNotification';

async function subscribeAll(client: TestClient) {
  const since = client.mark();
  await client.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'] });
  await client.waitFor(isEx, { since });
}

/** The dialog's events as the history replay delivers them. */
async function history(client: TestClient, dialogId: string): Promise<MessagingEventChange[]> {
  const since = client.mark();
  expect((await client.request('ms.SubscribeMessagingEvents', { dialogId, fromSeq: 0 })).code).toBe(200);
  return ((await client.waitFor(isMsg, { since })) as Notification<MessagingEventNotificationBody>).body.changes;
}

const text = (c: MessagingEventChange | undefined) => (c?.event.type === 'ContentEvent' ? c.event.message : undefined);

const say = (client: TestClient, conv: string, message: string) =>
  client.request('ms.PublishEvent', { dialogId: conv, conversationId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message } });

describe('the welcome message', () => {
  it("answers the first message from the CONTROLLER, with its quick replies, only for clients with AUTO_MESSAGES", async () => {
    const account = h.account();
    const control = h.control(account);
    const set = await control.settings({ welcome: { text: 'Hi! How can we help?', quickReplies: ['Billing', 'Orders'] } });
    expect(set.status).toBe(200);
    const { client } = await h.consumer(account, ['AUTO_MESSAGES', 'QUICK_REPLIES', 'MULTI_DIALOG']);
    const conv = await openConversation(client);
    await say(client, conv, 'Hello');
    await say(client, conv, 'Anyone?'); // only the first message is answered
    const [hello, welcome, second, ...rest] = await history(client, conv);
    expect(text(hello)).toBe('Hello');
    expect(welcome).toMatchObject({ sequence: 1, originatorMetadata: { role: 'CONTROLLER' }, event: { type: 'ContentEvent', message: 'Hi! How can we help?' } });
    const replies = welcome?.event.type === 'ContentEvent' ? welcome.event.quickReplies?.replies.map((r) => r.title) : [];
    expect(replies).toEqual(['Billing', 'Orders']);
    expect(text(second)).toBe('Anyone?');
    expect(rest).toEqual([]);

    const plain = await h.consumer(account, ['QUICK_REPLIES']);
    const conv2 = await openConversation(plain.client);
    await say(plain.client, conv2, 'Hello');
    expect((await history(plain.client, conv2)).map(text)).toEqual(['Hello']);
  });

  it('is off by default, and a bad setting is refused whole', async () => {
    const account = h.account();
    const control = h.control(account);
    expect((await control.settings({ welcome: { text: '' } })).status).toBe(400);
    expect((await control.settings({ welcome: { text: 'ok', quickReplies: Array(9).fill('x') } })).status).toBe(400);
    expect((await control.settings({ welcome: 'hello', survey: true })).status).toBe(400);
    expect((await control.settings()).body).toMatchObject({ welcome: null, survey: false, urgent: true });
    const { client } = await h.consumer(account, ['AUTO_MESSAGES']);
    const conv = await openConversation(client);
    await say(client, conv, 'Hello');
    expect((await history(client, conv)).map(text)).toEqual(['Hello']);
  });
});

describe('marking urgent', () => {
  it('TTRField URGENT changes the snapshot ttr; refused with 403 when the account does not allow it', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    await subscribeAll(client);
    const conv = await openConversation(client);
    const since = client.mark();
    const urgent = { conversationId: conv, conversationField: { field: 'TTRField', ttrType: 'URGENT', value: 300 } };
    expect((await client.request('cm.UpdateConversationField', urgent)).code).toBe(200);
    const n = (await client.waitFor((f) => isEx(f) && f.body.changes[0]?.result.conversationDetails.ttr?.ttrType === 'URGENT', { since })) as ExNote;
    expect(n.body.changes[0]?.result.conversationDetails.ttr).toEqual({ ttrType: 'URGENT', value: 300 });

    await h.control(account).settings({ urgent: false });
    const refused = await client.request('cm.UpdateConversationField', urgent);
    expect(refused.code).toBe(403);
    const normal = { conversationId: conv, conversationField: { field: 'TTRField', ttrType: 'NORMAL', value: 3600 } };
    expect((await client.request('cm.UpdateConversationField', normal)).code).toBe(200);
  });
});

describe('the survey after the consumer ends, and CSAT', () => {
  it('asks every question in turn (quick replies, then free text), then thanks and completes', async () => {
    const account = h.account();
    const control = h.control(account);
    await control.settings({ survey: true });
    const { client } = await h.consumer(account, ['MULTI_DIALOG', 'QUICK_REPLIES']);
    await subscribeAll(client);
    const conv = await openConversation(client);
    let since = client.mark();
    const close = { field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: conv, state: 'CLOSE', closedCause: 'Closed by consumer' } };
    expect((await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: [close] })).code).toBe(200);
    const opened = (await client.waitFor((f) => isEx(f) && f.body.changes[0]?.result.conversationDetails.dialogs?.some((d) => d.dialogType === 'POST_SURVEY') === true, { since })) as ExNote;
    const surveyId = opened.body.changes[0]?.result.conversationDetails.dialogs?.find((d) => d.dialogType === 'POST_SURVEY')?.dialogId as string;
    const [first] = await history(client, surveyId);
    expect(text(first)).toBe(SURVEY_QUESTIONS[0]?.text);

    const answers = ['4', 'Yes', 'Quick and kind, thank you'];
    for (const [i, answer] of answers.entries()) {
      since = client.mark();
      await client.request('ms.PublishEvent', { dialogId: surveyId, conversationId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: answer } });
      const next = (await client.waitFor((f) => isMsg(f) && f.body.changes.some((c) => c.originatorMetadata?.role === 'AGENT'), { since })) as Notification<MessagingEventNotificationBody>;
      const said = text(next.body.changes.find((c) => c.originatorMetadata?.role === 'AGENT'));
      if (i < answers.length - 1) {
        expect(said).toBe(SURVEY_QUESTIONS[i + 1]?.text);
        const replies = next.body.changes[0]?.event.type === 'ContentEvent' ? next.body.changes[0].event.quickReplies : undefined;
        expect(replies === undefined).toBe(SURVEY_QUESTIONS[i + 1]?.replies.length === 0); // the last one is free text
      } else expect(said).toBe(SURVEY_THANKS);
    }
    const detail = (await control.conversation(conv)).body as { stage: string; dialogs: Array<{ dialogType: string; closedCause?: string }> };
    expect(detail.stage).toBe('CLOSE');
    expect(detail.dialogs.find((d) => d.dialogType === 'POST_SURVEY')?.closedCause).toBe('Completed');
  });

  it('without a survey the DialogChange ends the conversation, and CSATRate is stored and shown in the snapshot', async () => {
    const account = h.account();
    const { client } = await h.consumer(account, ['MULTI_DIALOG']);
    await subscribeAll(client);
    const conv = await openConversation(client);
    let since = client.mark();
    const close = { field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: conv, state: 'CLOSE', closedCause: 'Closed by consumer' } };
    await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: [close] });
    await client.waitFor((f) => isEx(f) && f.body.changes[0]?.result.conversationDetails.stage === 'CLOSE', { since });
    since = client.mark();
    const csat = { field: 'CSATRate', csatRate: 4, csatResolutionConfirmation: false, status: 'PARTIALLY_FILLED' };
    expect((await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: [csat] })).code).toBe(200);
    const rated = (await client.waitFor((f) => isEx(f) && f.body.changes[0]?.result.conversationDetails.csat !== undefined, { since })) as ExNote;
    expect(rated.body.changes[0]?.result.conversationDetails.csat).toEqual(csat);
    expect((await h.control(account).conversation(conv)).body).toMatchObject({ csat });
  });
});

describe('one server clock', () => {
  it('dates an event no earlier than the metadata change before it, even when changes ran ahead of the wall clock', () => {
    const account = new Account('clock');
    const conv = createConversation(account, 'consumer', {}, 1_000);
    accept(account, conv, 'dana', 1_000);
    for (let i = 0; i < 5; i++) touch(conv, 1_000); // five changes in one millisecond: 1,001 … 1,005 and on
    startSurvey(account, conv, 'AGENT', 1_001);
    const survey = conv.dialogs.find((d) => d.type === 'POST_SURVEY');
    const question = survey?.events[0];
    expect(question?.serverTimestamp).toBeGreaterThanOrEqual(survey?.metaDataLastUpdateTs ?? Infinity);
    expect(mainDialog(conv).metaDataLastUpdateTs).toBeLessThanOrEqual(question?.serverTimestamp ?? 0);
  });
});

describe("the visitor's chat state", () => {
  it('the control API shows the latest ChatStateEvent the consumer published', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const conv = await openConversation(client);
    const typing = (chatState: string) => client.request('ms.PublishEvent', { dialogId: conv, conversationId: conv, event: { type: 'ChatStateEvent', chatState } });
    await typing('COMPOSING');
    const control = h.control(account);
    expect((await control.conversation(conv)).body).toMatchObject({ visitorChatState: { chatState: 'COMPOSING', at: expect.any(Number) } });
    await typing('PAUSE');
    expect((await control.conversation(conv)).body).toMatchObject({ visitorChatState: { chatState: 'PAUSE' } });
  });
});
