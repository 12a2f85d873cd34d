// Earlier conversations through the LivePerson session, against the in-process stand-in over real
// sockets: the list comes from the conversation list's snapshot (no messaging subscription for any
// of them, even 1,500), newest first with its agent; opening one subscribes its dialog from sequence
// 0 and shows its messages; closing it sends nothing (no consumer unsubscribe is documented).
import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../core/model';
import { MemoryStorage } from '../platform/storage';
import { waitForSnapshot } from './testing/standinHarness';
import { sessionFixture, startConversation } from './testing/sessionFixture';

const { h, open, danaAccepts } = sessionFixture();
const texts = (rows: TimelineRow[] | undefined) => (rows ?? []).flatMap((r) => (r.kind === 'message' && r.body.kind === 'text' ? [r.body.text] : []));
const subscribesTo = (dialogId: string, since = 0) => h.sent.slice(since).filter((f) => f.type === 'ms.SubscribeMessagingEvents' && f.body?.dialogId === dialogId);

describe('LivePerson session: earlier conversations', () => {
  it('lists them from the snapshot, newest first, and opens one read-only from sequence 0', async () => {
    const account = h.account();
    const storage = new MemoryStorage(); // the same visitor after a reload
    const first = open(account, { storage });
    const firstId = await startConversation(first, 'My order is late');
    const dana = await danaAccepts(account, firstId);
    await h.control(account).send(firstId, { agentId: dana, text: 'It ships today' });
    await h.control(account).close(firstId);
    await waitForSnapshot(first, (s) => s.chat.stage === 'closed');
    await first.send('Another question');
    const secondId = (await waitForSnapshot(first, (s) => s.chat.stage === 'open' && s.chat.conversationId !== firstId)).chat.conversationId as string;
    const consumerId = first.getSnapshot().chat.consumerId as string;
    await h.control(account).seedClosedHistory(consumerId, 300);
    first.stop();
    const since = h.sent.length;

    const back = open(account, { storage });
    const listed = await waitForSnapshot(back, (s) => s.connection.status === 'online' && (s.chat.earlier?.length ?? 0) === 301, 15_000);
    expect(listed.chat.conversationId).toBe(secondId);
    const [newest, next] = listed.chat.earlier ?? [];
    expect(newest).toMatchObject({ id: firstId, agentId: dana });
    expect(newest?.rows).toBeUndefined(); // not loaded: no messages, and the stand-in's snapshot has no last message
    expect(newest!.endedAt).toBeGreaterThan(next!.endedAt);
    // Only the open conversation's dialog was subscribed, none of the 301 closed ones.
    const subscribed = new Set(h.sent.slice(since).filter((f) => f.type === 'ms.SubscribeMessagingEvents').map((f) => f.body?.dialogId));
    expect([...subscribed]).toEqual([secondId]);

    const opened = back.openEarlier?.(firstId);
    await opened?.loaded;
    const shown = await waitForSnapshot(back, (s) => s.chat.earlier?.[0]?.rows !== undefined);
    expect(texts(shown.chat.earlier?.[0]?.rows)).toEqual(['My order is late', 'It ships today']);
    expect(shown.chat.earlier?.[0]?.lastMessage).toMatchObject({ text: 'It ships today', originator: 'agent' });
    expect(subscribesTo(firstId, since).map((f) => f.body?.fromSeq)).toEqual([0]);
    // The current conversation is untouched by it.
    expect(texts(shown.chat.timeline)).toEqual(expect.arrayContaining(['Another question']));
    opened?.close();
    expect(h.sent.some((f) => f.type === 'ms.UnsubscribeMessagingEvents')).toBe(false);
    // Opened again later: from what it holds, not from 0 again.
    await back.openEarlier?.(firstId).loaded;
    expect(subscribesTo(firstId, since).map((f) => f.body?.fromSeq)).toEqual([0, 2]);
    await expect(back.openEarlier?.('no-such-conversation').loaded).rejects.toMatchObject({ kind: 'notFound' });
  }, 30_000);
});
