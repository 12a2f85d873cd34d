// Closed conversations against the in-process stand-in over real sockets: a reload onto one shows its
// history read-only (no receipts), a restored outbox message it already holds is never sent again,
// and ending a conversation while offline waits behind the outbox.
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../core/model';
import { waitForSnapshot, eventually, delay } from './testing/standinHarness';
import { online, sessionFixture, tab, texts } from './testing/sessionFixture';

const { h, open, receiptsSent, consumerTexts, danaAccepts, inFlightInTab, startInTab } = sessionFixture();

const ended = (timeline: TimelineRow[]) => timeline.some((r) => r.kind === 'banner' && r.banner.type === 'conversationEnded');

describe('LivePerson session: closed conversations', () => {
  it('after a reload onto a closed conversation shows its messages and end banner, sends no receipts, and starts a new one on the next message (below the earlier thread)', async () => {
    const { account, t, session: a, conversationId: c } = await startInTab('Question');
    const dana = await danaAccepts(account, c);
    await h.control(account).send(c, { agentId: dana, text: 'Answer' });
    await waitForSnapshot(a, (x) => texts(x.chat.timeline).includes('Answer'));
    a.stop();
    await h.control(account).send(c, { agentId: dana, text: 'Written after you left' });
    await h.control(account).close(c);
    h.sent.length = 0;

    const b = open(account, t);
    b.subscribe((x) => b.markSeen(x.chat.timeline.map((r) => r.key))); // every row is seen as it shows
    const shown = await waitForSnapshot(b, (x) => x.connection.status === 'online' && texts(x.chat.timeline).includes('Written after you left'));
    expect(shown.chat.conversationId).toBe(c);
    expect(shown.chat.stage).toBe('closed');
    expect(texts(shown.chat.timeline)).toEqual(['Question', 'Answer', 'Written after you left']);
    expect(ended(shown.chat.timeline)).toBe(true);
    expect(h.sent.find((f) => f.type === 'ms.SubscribeMessagingEvents')?.body).toMatchObject({ dialogId: c, conversationId: c, fromSeq: 0 });
    await delay(150);
    expect(receiptsSent()).toEqual([]); // a closed dialog takes no receipts

    await b.send('A new question');
    const next = await waitForSnapshot(b, (x) => x.chat.stage === 'open' && texts(x.chat.timeline).includes('A new question'));
    expect(next.chat.conversationId).not.toBe(c);
    // The earlier thread stays in view above its "ended" row; the new one follows.
    expect(texts(next.chat.timeline)).toEqual(['Question', 'Answer', 'Written after you left', 'A new question']);
    const at = (match: (r: (typeof next.chat.timeline)[number]) => boolean) => next.chat.timeline.findIndex(match);
    const endedAt = at((r) => r.kind === 'banner' && r.banner.type === 'conversationEnded');
    expect(endedAt).toBeGreaterThan(at((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === 'Written after you left'));
    expect(endedAt).toBeLessThan(at((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === 'A new question'));
    expect(await consumerTexts(account, c)).toEqual(['Question']);
    expect(await consumerTexts(account, next.chat.conversationId as string)).toEqual(['A new question']);
  });

  it('reconciles a restored message with the history of its conversation that closed meanwhile (never sent again)', async () => {
    const account = h.account();
    const t = tab();
    const c = await inFlightInTab(account, t);
    await h.control(account).close(c);
    h.sent.length = 0;

    const b = open(account, t);
    await online(b);
    await eventually(() => t.sessionStorage.length === 0, 3_000, 'the restored message reconciled');
    const view = b.getSnapshot().chat;
    expect(view.conversationId).toBe(c);
    expect(texts(view.timeline)).toEqual(['first', 'in flight']);
    expect(view.timeline.find((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === 'in flight')).toMatchObject({ receipt: 'sent' });
    expect(h.sent.filter((f) => f.type === 'ms.PublishEvent' || f.type === 'cm.ConsumerRequestConversation')).toEqual([]);
    expect(await consumerTexts(account, c)).toEqual(['first', 'in flight']);
    const conversations = await h.control(account).conversations();
    expect(conversations.map((x) => x.id)).toEqual([c]);
  });
});
