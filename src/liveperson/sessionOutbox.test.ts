// Exactly-once across reloads and timeouts, against the in-process stand-in over real sockets: the
// outbox in sessionStorage, reconciled with the replayed history by ExternalId.
import { describe, expect, it } from 'vitest';
import { outboxKey } from './outboxStorage';
import { MemoryStorage } from '../platform/storage';
import { waitForSnapshot, eventually } from './testing/standinHarness';
import { mine, online, sessionFixture, startConversation, tab } from './testing/sessionFixture';

const { h, create, open, published, consumerTexts, inFlightInTab, startInTab } = sessionFixture();

const keysOf = (s: MemoryStorage) => Array.from({ length: s.length }, (_, i) => s.key(i));

describe('LivePerson session: the outbox across reloads and timeouts', () => {
  it('keeps messages typed while disconnected in sessionStorage (only them) and sends them after a reload, in order', async () => {
    const { account, t, session: a, conversationId: c } = await startInTab('first');
    await h.faults.set({ refuseSockets: true });
    await h.faults.drop();
    await waitForSnapshot(a, (x) => x.connection.status === 'reconnecting');
    a.send('offline one').catch(() => undefined);
    a.send('offline two').catch(() => undefined);
    expect(mine(a.getSnapshot().chat.timeline, 'offline two')?.receipt).toBe('pending');
    expect(keysOf(t.sessionStorage)).toEqual([outboxKey(account)]);
    const saved = JSON.parse(t.sessionStorage.getItem(outboxKey(account)) as string) as { messages: Array<{ text: string }> };
    expect(saved.messages.map((m) => m.text)).toEqual(['offline one', 'offline two']);
    a.stop(); // the page goes away

    await h.faults.clear();
    const b = open(account, t);
    expect(mine(b.getSnapshot().chat.timeline, 'offline one')?.receipt).toBe('pending'); // shown at once, before online
    await waitForSnapshot(b, (x) => ['offline one', 'offline two'].every((text) => mine(x.chat.timeline, text)?.receipt === 'sent'));
    expect(await consumerTexts(account, c)).toEqual(['first', 'offline one', 'offline two']);
    expect(b.getSnapshot().chat.conversationId).toBe(c);
    expect(t.sessionStorage.length).toBe(0);
  });

  it('reconciles a message stored before the reload (no response seen) with the history instead of publishing it again', async () => {
    const account = h.account();
    const t = tab();
    const c = await inFlightInTab(account, t);

    const b = open(account, t);
    await waitForSnapshot(b, (x) => mine(x.chat.timeline, 'in flight')?.receipt === 'sent');
    expect(published('in flight')).toHaveLength(1);
    expect(await consumerTexts(account, c)).toEqual(['first', 'in flight']);
    expect(b.getSnapshot().chat.timeline.filter((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === 'in flight')).toHaveLength(1);
    await eventually(() => t.sessionStorage.length === 0, 3_000, 'the outbox reconciled (storage emptied)');
    expect(published('in flight')).toHaveLength(1);
  });

  it('restores a "Not sent" message as failed; Retry sends it', async () => {
    const account = h.account();
    const t = tab();
    const a = open(account, t);
    await online(a);
    await a.send('first');
    await h.faults.set({ failNext: { count: 4, code: 500 } });
    await expect(a.send('unlucky')).rejects.toThrow(/not sent/i);
    a.stop();
    const b = open(account, t);
    await online(b);
    const failed = await waitForSnapshot(b, (x) => mine(x.chat.timeline, 'unlucky')?.receipt === 'failed');
    await b.retry(mine(failed.chat.timeline, 'unlucky')?.key as string);
    expect(mine(b.getSnapshot().chat.timeline, 'unlucky')?.receipt).toBe('sent');
    expect(published('unlucky')).toHaveLength(5);
    expect(t.sessionStorage.length).toBe(0);
  });

  it('on a publish that gets no answer, reconnects and reconciles rather than publishing again on the same socket', async () => {
    const account = h.account();
    const s = open(account, { connection: { requestTimeoutMs: 400 } });
    const c = await startConversation(s, 'first');
    await h.faults.set({ delayMs: 2_000 });
    const slow = s.send('slow answer');
    await eventually(async () => (await consumerTexts(account, c)).includes('slow answer'), 5_000, 'stored');
    await h.faults.clear();
    await slow;
    expect(published('slow answer')).toHaveLength(1);
    expect(await consumerTexts(account, c)).toEqual(['first', 'slow answer']);
    expect(h.sent.filter((f) => f.type === 'InitConnection')).toHaveLength(2);
  });

  it('waits for a late (reordered) history replay before publishing an uncertain message again', async () => {
    const account = h.account();
    const s = open(account);
    const c = await startConversation(s, 'first');
    await h.faults.set({ delayMs: 3_000 });
    const pending = s.send('answer lost');
    await eventually(async () => (await consumerTexts(account, c)).includes('answer lost'), 8_000, 'stored');
    // Every notification is now held back until the next one (or 50 ms): the replay of the stored
    // message reaches the widget only after the GetClock that ends the resubscribe.
    await h.faults.set({ delayMs: 0, reorder: 1 });
    await h.faults.drop();
    await pending;
    expect(published('answer lost')).toHaveLength(1);
    expect(await consumerTexts(account, c)).toEqual(['first', 'answer lost']);
  });

  it('reconnects quickly after each drop of a socket that had come online (the backoff restarts)', async () => {
    const s = open(h.account(), { random: () => 1 });
    await online(s);
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const dropped = Date.now();
      await h.faults.drop();
      await waitForSnapshot(s, (x) => x.connection.status !== 'online');
      await online(s);
      waits.push(Date.now() - dropped);
    }
    // Without the restart the 5th wait alone would be 8 s (500 ms × 2⁴).
    expect(Math.max(...waits)).toBeLessThan(1_500);
  });

  it('gives up after a bounded number of failing getJwt calls, shows an error, and start() tries again', async () => {
    let calls = 0;
    const session = create(
      {
        account: h.account(),
        getJwt: () => {
          calls += 1;
          return Promise.reject(new Error('the host could not authenticate'));
        },
      },
      { random: () => 0 },
    );
    session.start();
    const failed = await waitForSnapshot(session, (x) => x.connection.status === 'error');
    expect(failed.connection.error).toMatch(/sign in/i);
    expect(calls).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls).toBe(4); // no loop
    session.start();
    await waitForSnapshot(session, (x) => x.connection.status === 'error' && calls === 8);
    expect(h.sent).toHaveLength(0);
  });
});
