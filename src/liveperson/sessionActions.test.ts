// The visitor's actions beyond typing, against the in-process stand-in over real sockets: a quick
// reply (protocol reference §5.5: an ACTION receipt with the click's metadata, then the text with the
// same metadata) answering the post-conversation survey, and ending the conversation while offline.
import { describe, expect, it } from 'vitest';
import type { QuickReplyOption, TimelineRow } from '../core/model';
import { eventFields } from '../../server/control-client';
import { waitForSnapshot, delay } from './testing/standinHarness';
import { sessionFixture, startConversation, texts, type MessageRow } from './testing/sessionFixture';

const { h, open, surveyAsked } = sessionFixture();

const withReplies = (timeline: TimelineRow[]) =>
  timeline.find((r): r is MessageRow => r.kind === 'message' && r.body.kind === 'text' && (r.body.quickReplies?.length ?? 0) > 0);
describe('LivePerson session: quick replies and ending', () => {
  it('answers the survey with a quick reply: ACTION [seq] with the click metadata, then the text with it; the survey completes', async () => {
    const account = h.account();
    const { session, conversationId: c } = await surveyAsked(account);
    const asked = await waitForSnapshot(session, (x) => withReplies(x.chat.timeline) !== undefined);
    const question = withReplies(asked.chat.timeline) as MessageRow;
    const surveyDialog = question.dialogId as string;
    expect(surveyDialog).not.toBe(c);
    const option = (question.body.kind === 'text' ? question.body.quickReplies : [])?.find((o) => o.title === '5') as QuickReplyOption;
    expect(option.metadata).toEqual([expect.objectContaining({ type: 'Answer' })]);
    h.sent.length = 0;

    await session.chooseQuickReply(question.key, option);
    // The choice's two requests (the ACCEPT of the question, published on arrival, may come in between).
    const publishes = h.sent.filter((f) => f.type === 'ms.PublishEvent' && (f.body?.event as { status?: string }).status !== 'ACCEPT');
    expect(publishes.slice(0, 2).map((f) => ({ body: f.body, metadata: f.metadata }))).toEqual([
      {
        body: { dialogId: surveyDialog, conversationId: c, event: { type: 'AcceptStatusEvent', status: 'ACTION', sequenceList: [question.sequence] } },
        metadata: option.metadata,
      },
      {
        body: { dialogId: surveyDialog, conversationId: c, event: { type: 'ContentEvent', contentType: 'text/plain', message: '5' } },
        metadata: [...(option.metadata as unknown[]), { type: 'ExternalId', id: expect.any(String) }],
      },
    ]);
    // The bot's further questions (sessionLife.test.ts follows them): a yes/no, then free text.
    const latestWithReplies = (timeline: TimelineRow[]) => withReplies([...timeline].reverse());
    const next = await waitForSnapshot(session, (x) => (latestWithReplies(x.chat.timeline)?.key ?? question.key) !== question.key);
    const resolved = latestWithReplies(next.chat.timeline) as MessageRow;
    await session.chooseQuickReply(resolved.key, (resolved.body.kind === 'text' ? resolved.body.quickReplies : [])?.[0] as QuickReplyOption);
    await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('Is there anything else you would like to tell us?'));
    await session.send('Nothing more');
    const done = await waitForSnapshot(session, (x) => x.chat.stage === 'closed');
    expect(texts(done.chat.timeline)).toContain('5');

    const detail = await h.control(account).conversation(c);
    expect(detail.stage).toBe('CLOSE');
    const fromVisitor = (detail.transcript[surveyDialog] ?? []).filter((e) => e.role === 'CONSUMER' && eventFields(e).status !== 'ACCEPT').slice(0, 2);
    expect(fromVisitor.map((e) => [e.event.type, eventFields(e).status ?? eventFields(e).message, eventFields(e).sequenceList, e.metadata?.[0]])).toEqual([
      ['AcceptStatusEvent', 'ACTION', [question.sequence], (option.metadata as unknown[])[0]],
      ['ContentEvent', '5', undefined, (option.metadata as unknown[])[0]],
    ]);
  });

  it('ends the conversation while offline: queued behind the messages, done once back online', async () => {
    const account = h.account();
    const session = open(account);
    const c = await startConversation(session, 'Hello');
    await h.faults.set({ refuseSockets: true });
    await h.faults.drop();
    await waitForSnapshot(session, (x) => x.connection.status === 'reconnecting');

    const typed = session.send('Typed while offline');
    let settled: string | undefined;
    const ending = session.endConversation().then(
      () => (settled = 'resolved'),
      (error: unknown) => (settled = `rejected: ${String(error)}`),
    );
    await delay(200);
    expect(settled).toBeUndefined(); // pending, like the message before it

    await h.faults.clear();
    await typed;
    await ending;
    expect(settled).toBe('resolved');
    const closed = await waitForSnapshot(session, (x) => x.chat.stage === 'closed');
    expect(closed.chat.conversationId).toBe(c);
    expect(closed.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'conversationEnded' && r.banner.by === 'consumer')).toBe(true);
    const detail = await h.control(account).conversation(c);
    expect(detail.stage).toBe('CLOSE');
    expect((detail.transcript[c] ?? []).filter((e) => e.role === 'CONSUMER').map((e) => eventFields(e).message)).toEqual(['Hello', 'Typed while offline']);
    const order = h.sent.filter((f) => f.type === 'ms.PublishEvent' || f.type === 'cm.UpdateConversationField').map((f) => f.type);
    expect(order.slice(-2)).toEqual(['ms.PublishEvent', 'cm.UpdateConversationField']);
  });
});
