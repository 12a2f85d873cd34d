import { describe, expect, it } from 'vitest';
import type { ChatSession } from '../core/session';
import type { TimelineRow } from '../core/model';
import type { ConversationDetailView } from '../../server/control-client';
import { eventFields } from '../../server/control-client';
import { MemoryStorage } from '../platform/storage';
import { waitForSnapshot, eventually, delay } from './testing/standinHarness';
import { mine, online, texts, sessionFixture } from './testing/sessionFixture';

const { h, open, published, receiptsSent, danaAccepts } = sessionFixture({ deps: () => ({ storage: new MemoryStorage() }) });

const detail = (account: string, c: string) => h.control(account).conversation(c);
const consumerReceipts = (d: ConversationDetailView, consumerId: string) =>
  Object.values(d.transcript).flat().filter((e) => e.originatorId === consumerId && e.event.type === 'AcceptStatusEvent');

describe('LivePerson session against the stand-in', () => {
  it('runs the tutorial flow: create on first message, agent joins, receipts both ways, agent closes', async () => {
    const account = h.account();
    const session = open(account);
    const first = await online(session);
    expect(first.chat.stage).toBe('none');
    const sending = session.send('Hello there');
    const pending = session.getSnapshot();
    expect(mine(pending.chat.timeline, 'Hello there')).toMatchObject({ receipt: 'pending' });
    await sending;
    const sent = await waitForSnapshot(session, (s) => mine(s.chat.timeline, 'Hello there')?.receipt === 'sent');
    const c = sent.chat.conversationId as string;
    const consumerId = sent.chat.consumerId as string;
    expect(sent.chat.stage).toBe('open');
    expect(h.sent.filter((f) => f.type === 'cm.ConsumerRequestConversation')).toHaveLength(1);
    const publish = h.sent.find((f) => f.type === 'ms.PublishEvent' && (f.body?.event as { type?: string }).type === 'ContentEvent');
    const row = mine(sent.chat.timeline, 'Hello there');
    expect(publish?.metadata).toEqual([{ type: 'ExternalId', id: row?.clientId }]);

    const dana = await danaAccepts(account, c);
    const joined = await waitForSnapshot(session, (s) => s.chat.agent?.participantId === dana && s.chat.names[dana] === 'Dana');
    expect(joined.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'agentJoined')).toBe(true);

    // Agent content: ACCEPT on arrival (not seen), READ once the visitor saw it on screen.
    const s1 = (await h.control(account).send(c, { agentId: dana, text: 'Hi, I am Dana' })).sequence!;
    const s2 = (await h.control(account).send(c, { agentId: dana, text: 'How can I help?' })).sequence!;
    await waitForSnapshot(session, (s) => texts(s.chat.timeline).includes('How can I help?'));
    await eventually(async () => consumerReceipts(await detail(account, c), consumerId).some((e) => eventFields(e).status === 'ACCEPT' && eventFields(e).sequenceList?.includes(s2)));
    let receipts = consumerReceipts(await detail(account, c), consumerId);
    expect(receipts.filter((e) => eventFields(e).status === 'READ')).toHaveLength(0);
    expect(receipts.flatMap((e) => eventFields(e).sequenceList ?? []).sort()).toEqual([s1, s2]);
    const rowKeyOf = (text: string) => session.getSnapshot().chat.timeline.find((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === text)?.key as string;
    // Rows that are not stored agent messages (the visitor's own, a banner, an unknown key) read nothing.
    session.markSeen([rowKeyOf('Hello there'), 'no-such-row']);
    await delay(150);
    expect(consumerReceipts(await detail(account, c), consumerId).filter((e) => eventFields(e).status === 'READ')).toHaveLength(0);
    session.markSeen([rowKeyOf('Hi, I am Dana'), rowKeyOf('How can I help?')]);
    await eventually(async () => consumerReceipts(await detail(account, c), consumerId).some((e) => eventFields(e).status === 'READ'));
    receipts = consumerReceipts(await detail(account, c), consumerId);
    const reads = receipts.filter((e) => eventFields(e).status === 'READ');
    expect(reads).toHaveLength(1);
    expect(eventFields(reads[0]).sequenceList).toEqual([s1, s2]);

    // The agent side acknowledges the visitor's message: sent → delivered → read.
    const visitorSeq = mine(sent.chat.timeline, 'Hello there')?.sequence as number;
    await h.control(account).receipts(c, dana, 'ACCEPT', [visitorSeq]);
    await waitForSnapshot(session, (s) => mine(s.chat.timeline, 'Hello there')?.receipt === 'delivered');
    await h.control(account).receipts(c, dana, 'READ', [visitorSeq]);
    await waitForSnapshot(session, (s) => mine(s.chat.timeline, 'Hello there')?.receipt === 'read');

    await h.control(account).typing(c, dana, 'COMPOSING');
    await waitForSnapshot(session, (s) => s.chat.agentTyping?.participantId === dana);

    await h.control(account).close(c);
    await waitForSnapshot(session, (s) => s.chat.stage === 'closed');
    expect(h.schemaProblems).toEqual([]);
  });

  async function conversationWithHistory(session: ChatSession, account: string) {
    await online(session);
    await session.send('First question');
    const snap = await waitForSnapshot(session, (x) => mine(x.chat.timeline, 'First question')?.receipt === 'sent');
    const c = snap.chat.conversationId as string;
    const dana = await danaAccepts(account, c);
    await h.control(account).send(c, { agentId: dana, text: 'Answer one' });
    await h.control(account).send(c, { agentId: dana, text: 'Answer two' });
    const later = await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('Answer two'));
    return { c, dana, consumerId: later.chat.consumerId as string };
  }

  const messageKeys = (timeline: TimelineRow[]) => timeline.filter((r) => r.kind === 'message').map((r) => `${r.dialogId}:${r.sequence}`);

  it('comes back after a reload (same storage) as the same consumer with the same conversation and timeline', async () => {
    const account = h.account();
    const storage = new MemoryStorage();
    const before = open(account, { storage });
    const { c, consumerId } = await conversationWithHistory(before, account);
    const timeline = texts(before.getSnapshot().chat.timeline);
    await eventually(async () => consumerReceipts(await detail(account, c), consumerId).flatMap((e) => eventFields(e).sequenceList ?? []).length === 2);
    before.stop();
    h.sent.length = 0;

    const after = open(account, { storage });
    const snap = await waitForSnapshot(after, (x) => x.connection.status === 'online' && texts(x.chat.timeline).includes('Answer two'));
    expect(snap.chat.consumerId).toBe(consumerId);
    expect(snap.chat.conversationId).toBe(c);
    expect(texts(snap.chat.timeline)).toEqual(timeline);
    expect(h.sent.find((f) => f.type === 'ms.SubscribeMessagingEvents')?.body).toMatchObject({ dialogId: c, fromSeq: 0 });
    expect(h.sent.filter((f) => f.type === 'cm.ConsumerRequestConversation')).toHaveLength(0);
    await delay(100);
    expect(receiptsSent()).toHaveLength(0); // the replayed history shows they were acknowledged before the reload
    expect(storage.length).toBe(1); // only the anonymous jwt is stored, under a per-account key
    expect(storage.key(0)).toContain(account);
  });

  it('rebuilds after every socket drops: no duplicates, no gaps, fromSeq = last + 1, receipts not sent again', async () => {
    const account = h.account();
    const session = open(account);
    // The visitor sees every row as it shows.
    session.subscribe((x) => session.markSeen(x.chat.timeline.map((r) => r.key)));
    const { c, dana, consumerId } = await conversationWithHistory(session, account);
    await eventually(async () => consumerReceipts(await detail(account, c), consumerId).some((e) => eventFields(e).status === 'READ'));
    await delay(100);
    const receiptsBefore = consumerReceipts(await detail(account, c), consumerId).length;
    const keysBefore = messageKeys(session.getSnapshot().chat.timeline);
    const transcript = (await detail(account, c)).transcript[c] ?? [];
    const last = Math.max(...transcript.map((e) => e.sequence));
    h.sent.length = 0;

    await h.faults.drop();
    await waitForSnapshot(session, (x) => x.connection.status !== 'online');
    const back = await online(session);
    expect(h.sent.find((f) => f.type === 'ms.SubscribeMessagingEvents')?.body).toMatchObject({ dialogId: c, fromSeq: last + 1 });
    expect(messageKeys(back.chat.timeline)).toEqual(keysBefore);
    expect(new Set(messageKeys(back.chat.timeline)).size).toBe(keysBefore.length);

    await h.control(account).send(c, { agentId: dana, text: 'After the drop' });
    const after = await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('After the drop'));
    const sequences = after.chat.timeline.flatMap((r) => (r.kind === 'message' && r.sequence !== undefined ? [r.sequence] : []));
    expect(new Set(sequences).size).toBe(sequences.length);
    await eventually(async () => consumerReceipts(await detail(account, c), consumerId).length === receiptsBefore + 2, 8_000, 'receipts for the new message only');
    await delay(150);
    const receipts = consumerReceipts(await detail(account, c), consumerId);
    expect(receipts).toHaveLength(receiptsBefore + 2);
    expect(receipts.slice(receiptsBefore).map((e) => eventFields(e).sequenceList)).toEqual([[last + 1], [last + 1]]);
    expect(h.schemaProblems).toEqual([]);
  });

  it('stores a message sent while disconnected exactly once after the reconnect', async () => {
    const account = h.account();
    const session = open(account, { random: () => 1, connection: { backoff: { baseMs: 700, capMs: 700 } } });
    const { c, consumerId } = await conversationWithHistory(session, account);
    await h.faults.drop();
    await waitForSnapshot(session, (x) => x.connection.status === 'reconnecting');
    const sending = session.send('Sent while offline');
    await delay(100);
    expect(mine(session.getSnapshot().chat.timeline, 'Sent while offline')?.receipt).toBe('pending');
    await sending;
    await waitForSnapshot(session, (x) => mine(x.chat.timeline, 'Sent while offline')?.receipt === 'sent');
    const stored = Object.values((await detail(account, c)).transcript).flat().filter((e) => e.originatorId === consumerId && eventFields(e).message === 'Sent while offline');
    expect(stored).toHaveLength(1);
  });

  it('does not publish twice when the socket drops while a publish awaits its response', async () => {
    const account = h.account();
    const session = open(account);
    const { c, consumerId } = await conversationWithHistory(session, account);
    await h.faults.set({ delayMs: 400 });
    const sending = session.send('In flight');
    const storedAtServer = async () => Object.values((await detail(account, c)).transcript).flat().filter((e) => e.originatorId === consumerId && eventFields(e).message === 'In flight');
    // The server stored it; its response (and echo) are held back by the delay when every socket drops.
    await eventually(async () => (await storedAtServer()).length === 1, 3_000, 'stored at the server');
    await h.faults.drop();
    await h.faults.clear();
    await sending;
    await waitForSnapshot(session, (x) => mine(x.chat.timeline, 'In flight')?.receipt === 'sent');
    expect(await storedAtServer()).toHaveLength(1);
    expect(published('In flight')).toHaveLength(1);
    expect(session.getSnapshot().chat.timeline.filter((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === 'In flight')).toHaveLength(1);
  });
});
