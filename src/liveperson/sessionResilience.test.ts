import { describe, expect, it } from 'vitest';
import { MESSAGE_MAX_LENGTH } from '../core/session';
import { MemoryStorage } from '../platform/storage';
import { brokenStorage } from './testing/brokenStorage';
import { waitForSnapshot, eventually, delay } from './testing/standinHarness';
import { mine, online, sessionFixture, startConversation, type MessageRow } from './testing/sessionFixture';

const { h, create, open, published, danaAccepts, surveyAsked } = sessionFixture({ deps: () => ({ storage: new MemoryStorage(), random: () => 0.5 }) });

describe('LivePerson session: failures and recovery', () => {
  it('retries a publish answered 429/500, then stores it', async () => {
    const session = open(h.account());
    await online(session);
    await session.send('Opening line');
    await h.faults.set({ failNext: { count: 2, code: 429 } });
    await session.send('Despite the rate limit');
    expect(mine(session.getSnapshot().chat.timeline, 'Despite the rate limit')?.receipt).toBe('sent');
    expect(published('Despite the rate limit')).toHaveLength(3);
  });

  it('marks a message "Not sent" after repeated server errors; retry(rowKey) sends it again', async () => {
    const session = open(h.account());
    await online(session);
    await session.send('Opening line');
    await h.faults.set({ failNext: { count: 4, code: 500 } });
    await expect(session.send('Unlucky')).rejects.toThrow(/not sent/i);
    const failed = mine(session.getSnapshot().chat.timeline, 'Unlucky');
    expect(failed?.receipt).toBe('failed');
    expect(published('Unlucky')).toHaveLength(4);
    // Addressed by the row's key, as the other row actions are: its client id names no row.
    await expect(session.retry(failed?.clientId as string)).rejects.toMatchObject({ kind: 'notFound' });
    await session.retry(failed?.key as string);
    await waitForSnapshot(session, (x) => mine(x.chat.timeline, 'Unlucky')?.receipt === 'sent');
    await expect(session.retry('no-such-id')).rejects.toThrow(/no failed message/i);
  });

  it('ends the conversation for the visitor', async () => {
    const session = open(h.account());
    await online(session);
    await expect(session.endConversation()).rejects.toThrow(/no open conversation/i);
    await expect(session.endConversation()).rejects.toMatchObject({ kind: 'nothingToEnd' });
    await expect(session.send('x'.repeat(MESSAGE_MAX_LENGTH + 1))).rejects.toMatchObject({ kind: 'tooLong' });
    await session.send('Bye soon');
    await session.endConversation();
    const closed = await waitForSnapshot(session, (x) => x.chat.stage === 'closed');
    expect(closed.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'conversationEnded' && r.banner.by === 'consumer')).toBe(true);
    const update = h.sent.find((f) => f.type === 'cm.UpdateConversationField');
    expect(update?.body).toEqual({ conversationId: closed.chat.conversationId, conversationField: { field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: closed.chat.conversationId, state: 'CLOSE', closedCause: 'Closed by consumer' } } });
    // A message after the end starts a new conversation.
    await session.send('One more thing');
    const next = await waitForSnapshot(session, (x) => x.chat.stage === 'open');
    expect(next.chat.conversationId).not.toBe(closed.chat.conversationId);
    expect(h.sent.filter((f) => f.type === 'cm.ConsumerRequestConversation')).toHaveLength(2);
  });

  it('follows the post-conversation survey into its own dialog', async () => {
    const account = h.account();
    const { session, conversationId: c } = await surveyAsked(account);
    const survey = await waitForSnapshot(session, (x) => x.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'surveyStarted'));
    expect(survey.chat.stage).toBe('open');
    const { dialogs } = await h.control(account).conversation(c);
    const dialogId = dialogs.find((d) => d.dialogType === 'POST_SURVEY')?.dialogId as string;
    expect(dialogId).toBeDefined();
    await eventually(() => h.sent.some((f) => f.type === 'ms.SubscribeMessagingEvents' && f.body?.dialogId === dialogId));
    expect(h.sent.find((f) => f.type === 'ms.SubscribeMessagingEvents' && f.body?.dialogId === dialogId)?.body).toMatchObject({ conversationId: c, fromSeq: 0 });
    const question = await waitForSnapshot(session, (x) => x.chat.timeline.some((r) => r.kind === 'message' && r.dialogId === dialogId && r.originator !== 'consumer'));
    expect(question.chat.timeline.length).toBeGreaterThan(1);
    await session.send('5');
    const answer = published('5')[0];
    expect(answer?.body).toMatchObject({ dialogId, conversationId: c });
  });

  it('throttles COMPOSING to once per 3 s and sends ACTIVE when the visitor stops', async () => {
    let now = Date.now();
    const session = open(h.account(), { now: () => now });
    await online(session);
    session.setComposing(true); // no conversation yet: nothing to publish to
    await session.send('Hi');
    const states = () => h.sent.flatMap((f) => ((f.body?.event as { type?: string; chatState?: string } | undefined)?.type === 'ChatStateEvent' ? [(f.body?.event as { chatState: string }).chatState] : []));
    session.setComposing(true);
    session.setComposing(true);
    now += 1_000;
    session.setComposing(true);
    expect(states()).toEqual(['COMPOSING']);
    now += 2_500;
    session.setComposing(true);
    expect(states()).toEqual(['COMPOSING', 'COMPOSING']);
    session.setComposing(false);
    session.setComposing(false);
    expect(states()).toEqual(['COMPOSING', 'COMPOSING', 'ACTIVE']);
  });

  it('works without usable storage (every access throws) and ignores failing profile lookups', async () => {
    const broken = brokenStorage();
    const account = h.account();
    const realFetch = globalThis.fetch;
    const fetchFn = (input: string, init?: RequestInit) => (input.includes('/le-users/') ? Promise.reject(new Error('offline')) : realFetch(input, init));
    const session = open(account, { storage: broken, fetch: fetchFn });
    const c = await startConversation(session, 'No storage here');
    const agents = await h.control(account).agents();
    await h.control(account).accept(c, agents[0]!.id);
    const joined = await waitForSnapshot(session, (x) => x.chat.agent !== undefined);
    await delay(50);
    expect(joined.chat.names).toEqual({});
    expect(session.getSnapshot().connection.status).toBe('online');
  });

  it('adopts the open conversation when another tab created it first (400 on ConsumerRequestConversation)', async () => {
    const account = h.account();
    const storage = new MemoryStorage();
    const a = open(account, { storage });
    await online(a);
    const b = open(account, { storage });
    await online(b);
    await Promise.all([a.send('From tab A'), b.send('From tab B')]);
    const conversations = await h.control(account).conversations();
    expect(conversations).toHaveLength(1);
    expect(h.sent.filter((f) => f.type === 'cm.ConsumerRequestConversation')).toHaveLength(2);
    expect(h.sent.filter((f) => f.type === 'cqm.UnsubscribeExConversations')).toHaveLength(2); // the adopting tab's old list subscriptions (open, all)
    for (const s of [a, b]) {
      const snap = await waitForSnapshot(s, (x) => ['From tab A', 'From tab B'].every((t) => x.chat.timeline.some((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === t)));
      expect(snap.chat.conversationId).toBe(conversations[0]?.id);
    }
  });

  it('reports an error when no usable token can be had, and start() tries again', async () => {
    let calls = 0;
    const session = create({ account: h.account(), getJwt: async () => (calls++, 'not-a-token') }, { random: () => 0 });
    session.start();
    const failed = await waitForSnapshot(session, (x) => x.connection.status === 'error');
    expect(failed.connection.error).toMatch(/sign in/i);
    const before = calls;
    session.start();
    await waitForSnapshot(session, (x) => x.connection.status === 'error' && calls > before);
    expect(h.sent).toHaveLength(0); // nothing went out without a token
  });

  it('keeps one ordered timeline when notifications are duplicated, reordered and sent before responses', async () => {
    const account = h.account();
    const session = open(account);
    const c = await startConversation(session, 'Start');
    const dana = await danaAccepts(account, c);
    await h.faults.set({ duplicate: 0.5, reorder: 0.5, notifyBeforeResponse: true, seed: 7 });
    for (let i = 0; i < 4; i += 1) {
      await session.send(`Visitor ${i}`);
      await h.control(account).send(c, { agentId: dana, text: `Agent ${i}` });
    }
    const done = await waitForSnapshot(session, (x) => x.chat.timeline.some((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === 'Agent 3'));
    const rows = done.chat.timeline.filter((r): r is MessageRow => r.kind === 'message');
    expect(rows.map((r) => (r.body.kind === 'text' ? r.body.text : '?'))).toEqual(['Start', 'Visitor 0', 'Agent 0', 'Visitor 1', 'Agent 1', 'Visitor 2', 'Agent 2', 'Visitor 3', 'Agent 3']);
    expect(rows.filter((r) => r.originator === 'consumer').every((r) => r.receipt === 'sent')).toBe(true);
    const { counters } = await h.faults.get();
    expect(counters.duplicated).toBeGreaterThan(0); // the faults really happened
    expect(counters.reordered).toBeGreaterThan(0);
  });
});
