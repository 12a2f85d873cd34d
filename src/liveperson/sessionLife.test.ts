// A conversation's whole life through the LivePerson session, against the in-process stand-in over
// real sockets (every frame schema-checked): the welcome auto message, the expected reply and marking
// urgent, the visitor's end closing the MAIN dialog (the survey follows, all its questions), and the
// legacy CSAT rating when there is no survey.
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../core/model';
import { waitForSnapshot } from './testing/standinHarness';
import { online, sessionFixture, startConversation, texts } from './testing/sessionFixture';

const { h, create, open, danaAccepts } = sessionFixture();
type Row = Extract<TimelineRow, { kind: 'message' }>;
const byText = (timeline: TimelineRow[], text: string): Row | undefined =>
  timeline.find((r): r is Row => r.kind === 'message' && r.body.kind === 'text' && r.body.text === text);
const fieldsSent = () => h.sent.filter((f) => f.type === 'cm.UpdateConversationField').map((f) => f.body?.conversationField);

describe('LivePerson session: the conversation\'s whole life', () => {
  it('announces AUTO_MESSAGES and shows the welcome message with its quick replies', async () => {
    const account = h.account();
    await h.control(account).putSettings({ welcome: { text: 'Welcome! What can we do for you?', quickReplies: ['Billing', 'Orders'] } });
    const session = open(account);
    await startConversation(session, 'Hello');
    const init = h.sent.find((f) => f.type === 'InitConnection');
    expect(JSON.stringify(init)).toContain('AUTO_MESSAGES');
    const shown = await waitForSnapshot(session, (s) => byText(s.chat.timeline, 'Welcome! What can we do for you?') !== undefined);
    const welcome = byText(shown.chat.timeline, 'Welcome! What can we do for you?');
    expect(welcome?.originator).toBe('system');
    expect(welcome?.body.kind === 'text' ? welcome.body.quickReplies?.map((q) => q.title) : []).toEqual(['Billing', 'Orders']);
    // it answers the visitor's first message
    expect(texts(shown.chat.timeline)).toEqual(['Hello', 'Welcome! What can we do for you?']);
    await session.chooseQuickReply(welcome?.key as string, welcome?.body.kind === 'text' ? welcome.body.quickReplies![1]! : { title: '', text: '' });
    await waitForSnapshot(session, (s) => s.chat.timeline.some((r) => r.kind === 'message' && r.originator === 'consumer' && r.body.kind === 'text' && r.body.text === 'Orders'));
  });

  it('shows the expected reply while waiting, follows "Mark as urgent", and hides it once an agent joined', async () => {
    const account = h.account();
    const plain = open(account);
    await online(plain);
    expect(plain.markUrgent).toBeUndefined(); // only where the site allows it
    plain.stop();
    const session = create({ account, markUrgent: true });
    session.start();
    const conversationId = await startConversation(session, 'Is anyone there?');
    const waiting = await waitForSnapshot(session, (s) => s.chat.expectedReply !== undefined);
    expect(waiting.chat.expectedReply).toEqual({ withinSeconds: 600, urgent: false });
    await session.markUrgent?.();
    const urgent = await waitForSnapshot(session, (s) => s.chat.expectedReply?.urgent === true);
    expect(urgent.chat.expectedReply).toEqual({ withinSeconds: 300, urgent: true });
    expect(fieldsSent()).toContainEqual([{ field: 'TTRField', ttrType: 'URGENT', value: 300 }]);
    await danaAccepts(account, conversationId);
    const joined = await waitForSnapshot(session, (s) => s.chat.agent !== undefined);
    expect(joined.chat.expectedReply).toBeUndefined();
  });

  it('a refused "Mark as urgent" rejects and changes nothing', async () => {
    const account = h.account();
    await h.control(account).putSettings({ urgent: false });
    const session = create({ account, markUrgent: true });
    session.start();
    await startConversation(session, 'Hurry please');
    await expect(session.markUrgent?.()).rejects.toMatchObject({ kind: 'refused' });
    expect(session.getSnapshot().chat.expectedReply).toEqual({ withinSeconds: 600, urgent: false });
  });

  it('the visitor ends with DialogChange: the survey starts, asks every question, and completes', async () => {
    const account = h.account();
    await h.control(account).putSettings({ survey: true });
    const session = open(account);
    const conversationId = await startConversation(session, 'Thanks, that is all');
    await session.endConversation();
    expect(fieldsSent()).toEqual([{ field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: conversationId, state: 'CLOSE', closedCause: 'Closed by consumer' } }]);
    const asked = await waitForSnapshot(session, (s) => byText(s.chat.timeline, 'How would you rate your overall experience?') !== undefined);
    expect(asked.chat.stage).toBe('open');
    expect(asked.chat.rating).toBeUndefined();
    const rating = byText(asked.chat.timeline, 'How would you rate your overall experience?');
    await session.chooseQuickReply(rating?.key as string, rating?.body.kind === 'text' ? rating.body.quickReplies![3]! : { title: '', text: '' });
    const second = await waitForSnapshot(session, (s) => byText(s.chat.timeline, 'Was your issue resolved?') !== undefined);
    const resolved = byText(second.chat.timeline, 'Was your issue resolved?');
    await session.chooseQuickReply(resolved?.key as string, resolved?.body.kind === 'text' ? resolved.body.quickReplies![0]! : { title: '', text: '' });
    await waitForSnapshot(session, (s) => byText(s.chat.timeline, 'Is there anything else you would like to tell us?') !== undefined);
    await session.send('The agent was very helpful');
    const done = await waitForSnapshot(session, (s) => s.chat.stage === 'closed');
    expect(done.chat.rating).toBeUndefined(); // a survey ran: no legacy CSAT
    expect(texts(done.chat.timeline)).toContain('Thank you for your feedback!');
    const consumer = Object.values((await h.control(account).conversation(conversationId)).transcript).flat().filter((e) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent');
    expect(consumer.map((e) => (e.event as { message: unknown }).message)).toEqual(['Thanks, that is all', '4', 'Yes', 'The agent was very helpful']);
  });

  it('without a survey the end closes the conversation and offers the rating, set with CSATRate', async () => {
    const account = h.account();
    const session = open(account);
    const conversationId = await startConversation(session, 'Bye');
    await session.endConversation();
    const closed = await waitForSnapshot(session, (s) => s.chat.stage === 'closed');
    expect(closed.chat.rating).toEqual({});
    await expect(session.rateConversation?.(6)).rejects.toThrow(/1 to 5/);
    await session.rateConversation?.(5);
    const rated = await waitForSnapshot(session, (s) => s.chat.rating?.given !== undefined);
    expect(rated.chat.rating).toEqual({ given: 5 });
    expect(fieldsSent().at(-1)).toEqual([{ field: 'CSATRate', csatRate: 5, csatResolutionConfirmation: false, status: 'PARTIALLY_FILLED' }]);
    expect((await h.control(account).conversation(conversationId)).csat).toMatchObject({ csatRate: 5 });
  });
});
