// LivePerson's identity flows through the session, against the stand-in (real sockets): on an
// identity expiry (4407) the unauthenticated v3 flow keeps the consumer and the conversation; the
// legacy signup becomes a new visitor, and the visitor is told the earlier conversation is gone.
import { describe, expect, it } from 'vitest';
import { consumerIdOf, externalTokenKey, anonymousTokenKey } from './identity';
import { MemoryStorage } from '../platform/storage';
import { waitForSnapshot } from './testing/standinHarness';
import { mine, online, sessionFixture, startConversation, texts } from './testing/sessionFixture';

const { h, create, open, consumerTexts } = sessionFixture({ deps: () => ({ storage: new MemoryStorage(), random: () => 0.5 }) });

describe('LivePerson session: identity flows', () => {
  it('v3: authorize, exchange at the connector, connect; a 4407 refreshes and keeps the consumer and the conversation', async () => {
    const storage = new MemoryStorage();
    const account = h.account();
    const session = create({ account, connectorId: 'parley-web' }, { storage });
    session.start();
    const c = await startConversation(session, 'Before expiry');
    const first = session.getSnapshot();
    const externalBefore = storage.getItem(externalTokenKey(account));
    expect(externalBefore).toBeTruthy();
    expect(storage.getItem(anonymousTokenKey(account))).toBeNull();
    expect(first.chat.consumerId).toBe((await h.control(account).conversation(c)).consumerId);

    h.sent.length = 0;
    await h.faults.expireTokens(); // the socket closes with 4407
    await waitForSnapshot(session, (x) => x.connection.status !== 'online');
    const back = await online(session);
    expect(storage.getItem(externalTokenKey(account))).not.toBe(externalBefore);
    expect(back.chat.consumerId).toBe(first.chat.consumerId);
    expect(back.chat.conversationId).toBe(c);
    expect(back.connection.notice).toBeUndefined();
    expect(consumerIdOf((h.sent[0]?.headers as Array<{ jwt?: string }>)[1]?.jwt ?? '')).toBe(first.chat.consumerId);
    await session.send('After expiry');
    expect(mine(session.getSnapshot().chat.timeline, 'After expiry')?.receipt).toBe('sent');
    expect(await consumerTexts(account, c)).toEqual(['Before expiry', 'After expiry']);
  });

  it('legacy signup: a 4407 is a new visitor, with the notice, an empty timeline and a new conversation', async () => {
    const storage = new MemoryStorage();
    const account = h.account();
    const session = open(account, { storage });
    const c = await startConversation(session, 'Before expiry');
    const before = session.getSnapshot();
    expect(before.connection.notice).toBeUndefined();

    await h.faults.expireTokens(); // the socket closes with 4407
    const back = await waitForSnapshot(session, (x) => x.connection.status === 'online' && x.chat.consumerId !== before.chat.consumerId);
    expect(back.connection.notice).toBe('conversationLost');
    expect(consumerIdOf(storage.getItem(anonymousTokenKey(account)) ?? '')).toBe(back.chat.consumerId);
    expect(texts(back.chat.timeline)).toEqual([]);
    expect(back.chat.conversationId).toBeUndefined();
    await session.send('After expiry');
    const next = session.getSnapshot().chat.conversationId as string;
    expect(next).not.toBe(c);
    expect(await consumerTexts(account, next)).toEqual(['After expiry']);
    expect(await consumerTexts(account, c)).toEqual(['Before expiry']);
    expect(session.getSnapshot().connection.notice).toBe('conversationLost'); // it stays told
  });
});
