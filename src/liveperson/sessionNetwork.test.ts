// The browser's network events against the in-process stand-in: going offline drops the socket at
// once (instead of waiting for a keep-alive to time out), and coming back connects at once (instead
// of waiting out the backoff); the conversation resumes.
import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '../platform/storage';
import { waitForSnapshot } from './testing/standinHarness';
import { online, sessionFixture, startConversation, texts } from './testing/sessionFixture';

const { h, create } = sessionFixture({ deps: () => ({}) });

/** The browser's "online" / "offline" moments, fired by the test. */
function network() {
  const back = new Set<() => void>();
  const lost = new Set<() => void>();
  return {
    whenBack: (listener: () => void) => (back.add(listener), () => void back.delete(listener)),
    whenOffline: (listener: () => void) => (lost.add(listener), () => void lost.delete(listener)),
    goOffline: () => [...lost].forEach((listener) => listener()),
    comeBack: () => [...back].forEach((listener) => listener()),
  };
}

describe('LivePerson session: the browser offline and back', () => {
  it('drops the socket as soon as the browser is offline, and reconnects at once when it is back', async () => {
    const account = h.account();
    const net = network();
    // A backoff this long (random 1: its ceiling) would keep the visitor waiting 20 s without the online event.
    const session = create(
      { account },
      { storage: new MemoryStorage(), sessionStorage: new MemoryStorage(), random: () => 1, whenBack: net.whenBack, whenOffline: net.whenOffline, connection: { backoff: { baseMs: 20_000, capMs: 20_000 } } },
    );
    session.start();
    const c = await startConversation(session, 'before');

    const lostAt = Date.now();
    net.goOffline();
    await waitForSnapshot(session, (x) => x.connection.status === 'reconnecting');
    expect(Date.now() - lostAt).toBeLessThan(500);

    await new Promise((resolve) => setTimeout(resolve, 200)); // now waiting out the 20 s backoff
    const backAt = Date.now();
    net.comeBack();
    await online(session);
    expect(Date.now() - backAt).toBeLessThan(3000);
    await session.send('after');
    expect(session.getSnapshot().chat.conversationId).toBe(c);
    expect(texts(session.getSnapshot().chat.timeline)).toEqual(['before', 'after']);
    session.stop();
  });
});

describe('LivePerson session: a socket that dies without a word', () => {
  it('is replaced while a message waits, long before any request times out, and the message is sent once', async () => {
    const account = h.account();
    // Requests and keep-alives that wait a minute: only the liveness check can notice the silence.
    const session = create({ account }, { storage: new MemoryStorage(), sessionStorage: new MemoryStorage(), random: () => 0, connection: { requestTimeoutMs: 60_000, keepAliveMs: 60_000 } });
    session.start();
    const id = await startConversation(session, 'before');
    const { sockets } = (await h.faults.get()).counters;
    expect(await h.faults.blackhole()).toMatchObject({ silenced: 1 });
    const sending = session.send('into the silence');
    await waitForSnapshot(session, (x) => x.connection.status === 'reconnecting', 10_000);
    await sending;
    expect(texts(session.getSnapshot().chat.timeline)).toEqual(['before', 'into the silence']);
    const transcript = Object.values((await h.control(account).conversation(id)).transcript).flat();
    expect(transcript.filter((e) => e.role === 'CONSUMER' && (e.event as { message?: unknown }).message === 'into the silence')).toHaveLength(1);
    expect((await h.faults.get()).counters.sockets).toBe(sockets + 1);
    session.stop();
  }, 30_000);
});
