// Tokens against the in-process stand-in: a close 4401 with a host getJwt gets a fresh token and the
// same conversation resumes; after an outage of the token source the bounded attempts end in the
// error state, which retries by itself once the browser is back online or the tab visible again.
// (4407, refusals and the bounded attempts: sessionResilience and sessionOutbox tests; the same in
// Chromium: e2e/tokens.spec.ts.)
import { describe, expect, it } from 'vitest';
import { consumerIdOf } from './identity';
import { MemoryStorage } from '../platform/storage';
import { waitForSnapshot, delay } from './testing/standinHarness';
import { online, sessionFixture, startConversation, texts } from './testing/sessionFixture';

// Every session here gets exactly the deps its test names.
const { h, create, authenticate } = sessionFixture({ deps: () => ({}) });

describe('LivePerson session: tokens', () => {
  it('on 4401 asks the host getJwt for a fresh token and resumes the same conversation', async () => {
    const account = h.account();
    const tokens: string[] = [];
    const getJwt = async () => {
      const jwt = await authenticate(account, 'alice');
      tokens.push(jwt);
      return jwt;
    };
    const storage = new MemoryStorage();
    const session = create({ account, getJwt }, { storage, sessionStorage: new MemoryStorage() });
    session.start();
    const c = await startConversation(session, 'before');
    h.sent.length = 0;

    await h.faults.expireTokens();
    await waitForSnapshot(session, (x) => x.connection.status !== 'online');
    await online(session);
    expect(tokens).toHaveLength(2);
    expect(consumerIdOf(tokens[1] as string)).toBe(consumerIdOf(tokens[0] as string));
    const init = h.sent.find((f) => f.type === 'InitConnection') as { headers?: Array<{ jwt?: string }> };
    expect(init.headers?.some((header) => header.jwt === tokens[1])).toBe(true);
    await session.send('after');
    const snapshot = session.getSnapshot();
    expect(snapshot.chat.conversationId).toBe(c);
    expect(texts(snapshot.chat.timeline)).toEqual(['before', 'after']);
    expect(storage.length).toBe(0); // an authenticated token is never stored
    const conversations = await h.control(account).conversations();
    expect(conversations.map((x) => x.id)).toEqual([c]);
  });

  /** A browser's "online" and "visibilitychange" moments, fired by the test. */
  const reachability = () => {
    const listeners = new Set<() => void>();
    return {
      whenBack: (listener: () => void) => (listeners.add(listener), () => void listeners.delete(listener)),
      fire: () => [...listeners].forEach((listener) => listener()),
      count: () => listeners.size,
    };
  };

  it('after an outage of the token source: bounded attempts, the error, then back online by itself once the browser is', async () => {
    const account = h.account();
    let outage = true;
    let calls = 0;
    const getJwt = async () => {
      calls += 1;
      if (outage) throw new TypeError('Failed to fetch');
      return authenticate(account, 'carol');
    };
    const back = reachability();
    const session = create({ account, getJwt }, { sessionStorage: new MemoryStorage(), random: () => 0, whenBack: back.whenBack, connection: { maxAuthFailures: 2 } });
    session.start();
    const failed = await waitForSnapshot(session, (x) => x.connection.status === 'error');
    expect(failed.connection.error).toMatch(/sign in/i);
    expect(failed.connection.errorKind).toBe('signIn'); // what the UI words from its catalogue
    expect(calls).toBe(3);
    await delay(200);
    expect(calls).toBe(3); // bounded: no loop while the outage lasts

    back.fire(); // still down: one more bounded round, the error again
    await waitForSnapshot(session, (x) => x.connection.status === 'error' && calls === 6);
    await delay(200);
    expect(calls).toBe(6);

    outage = false;
    back.fire(); // the network is back: no click needed
    await online(session);
    await session.send('after the outage');
    expect(session.getSnapshot().connection.status).toBe('online');
    back.fire(); // online: nothing to do
    await delay(100);
    expect(calls).toBe(7);
    session.stop();
    expect(back.count()).toBe(0);
  });

  it('does not retry by itself when the token was refused (only Retry does)', async () => {
    const account = h.account();
    const back = reachability();
    const session = create({ account }, { storage: new MemoryStorage(), sessionStorage: new MemoryStorage(), random: () => 0, whenBack: back.whenBack, connection: { maxAuthFailures: 1 } });
    await h.faults.set({ refuseAuth: true });
    session.start();
    await waitForSnapshot(session, (x) => x.connection.status === 'error');
    const refused = async () => (await h.faults.get()).counters.refused;
    const before = await refused();
    back.fire();
    await delay(300);
    expect(await refused()).toBe(before);
    expect(session.getSnapshot().connection.status).toBe('error');
  });
});
