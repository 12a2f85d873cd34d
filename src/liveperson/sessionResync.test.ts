// Resync, as the visitor feels it, against the in-process stand-in over real sockets: the open
// conversation is found whatever the number of closed ones, and the round trips to ready are exact
// (a reconnect: one flight; a first load: two), counted from the frames on the wire.
import { describe, expect, it } from 'vitest';
import { eventFields } from '../../server/control-client';
import { CLOCK_MARGIN_MS } from './conversationList';
import { roundTrips, waitForSnapshot, type WireLogEntry } from './testing/standinHarness';
import { online, sessionFixture, startConversation, tab, texts } from './testing/sessionFixture';

const { h, open, startInTab } = sessionFixture();

/** The resubscribe recipe's requests (keep-alives and receipts are not part of it). */
const RECIPE = ['InitConnection', 'cqm.SubscribeExConversations', 'ms.SubscribeMessagingEvents', 'GetClock'];
const since = (from: number): WireLogEntry[] => h.log.slice(from);

describe('LivePerson session: resync', () => {
  it('finds the open conversation behind 1,500 closed ones (the snapshot holds only the first 1,000), and keeps writing to it', async () => {
    const { account, t: visitor, session: first, conversationId: c } = await startInTab('Still open');
    const consumerId = first.getSnapshot().chat.consumerId as string;
    first.stop();
    expect((await h.control(account).seedClosedHistory(consumerId, 1_500)).created).toBe(1_500);

    // A reload: the stand-in's snapshot of everything is capped at the first 1,000 by date.
    const again = open(account, visitor);
    const back = await waitForSnapshot(again, (x) => x.connection.status === 'online' && texts(x.chat.timeline).includes('Still open'));
    expect(back.chat).toMatchObject({ conversationId: c, stage: 'open' });
    await again.send('And more');
    const conversations = await h.control(account).conversations();
    expect(conversations.filter((x) => x.stage === 'OPEN').map((x) => x.id)).toEqual([c]);
    expect(conversations).toHaveLength(1_501);
    const detail = await h.control(account).conversation(c);
    expect((detail.transcript[c] ?? []).filter((e) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent').map((e) => eventFields(e).message)).toEqual(['Still open', 'And more']);
  });

  it('ready in one round trip for a new visitor or a reconnect onto a known dialog, two for a reload onto an open conversation', async () => {
    const account = h.account();
    const visitor = tab();
    // A new visitor: InitConnection, both lists and a GetClock in one flight; nothing to subscribe to.
    let from = h.log.length;
    const first = open(account, visitor);
    await online(first);
    expect(roundTrips(since(from), RECIPE)).toBe(1);
    await startConversation(first, 'Mine');
    first.stop();

    // A reload onto the open conversation: the lists reveal its dialog, subscribed in a second flight.
    from = h.log.length;
    const reloaded = open(account, visitor);
    await waitForSnapshot(reloaded, (x) => x.connection.status === 'online' && texts(x.chat.timeline).includes('Mine'));
    expect(roundTrips(since(from), RECIPE)).toBe(2);

    // A reconnect: the open dialog is known: InitConnection, the lists, the dialog from where it left
    // off and a GetClock go out back to back, and the session is ready after one round trip.
    from = h.log.length;
    await h.faults.drop();
    await waitForSnapshot(reloaded, (x) => x.connection.status !== 'online');
    await online(reloaded);
    const flight = since(from).filter((e) => e.dir === 'out' && RECIPE.includes(String(e.frame.type)));
    expect(flight.map((e) => e.frame.type)).toEqual(['InitConnection', 'cqm.SubscribeExConversations', 'cqm.SubscribeExConversations', 'ms.SubscribeMessagingEvents', 'GetClock']);
    expect(roundTrips(since(from), RECIPE)).toBe(1);
  });

  it('a reconnect asks only for the conversations updated since the last proof, and the UI keeps the very same view', async () => {
    const { account, t: visitor, session: first, conversationId: c } = await startInTab('Kept');
    const consumerId = first.getSnapshot().chat.consumerId as string;
    first.stop();
    await h.control(account).seedClosedHistory(consumerId, 1_000);
    const session = open(account, visitor);
    const before = (await waitForSnapshot(session, (x) => x.connection.status === 'online' && x.chat.earlier?.length === 1_000)).chat;
    expect(before.conversationId).toBe(c);

    const from = h.log.length;
    await h.faults.drop();
    await waitForSnapshot(session, (x) => x.connection.status !== 'online');
    const after = await online(session);
    const lists = since(from).filter((e) => e.dir === 'out' && e.frame.type === 'cqm.SubscribeExConversations');
    const history = lists.map((e) => e.frame.body as { stage?: string[]; minLastUpdatedTime?: number }).find((b) => b.stage?.includes('CLOSE'));
    expect(history?.minLastUpdatedTime).toBeGreaterThan(Date.now() - CLOCK_MARGIN_MS - 60_000);
    // Resent: the open conversation (in both lists) and the few closed ones that ended within the margin; not 1,000.
    const resent = since(from).filter((e) => e.dir === 'in' && e.frame.type === 'cqm.ExConversationChangeNotification');
    const changes = resent.reduce((n, e) => n + ((e.frame.body as { changes?: unknown[] }).changes?.length ?? 0), 0);
    expect(changes).toBeGreaterThanOrEqual(2);
    expect(changes).toBeLessThan(10);
    expect(after.chat).toBe(before);
    expect(after.chat.earlier).toHaveLength(1_000);
  });

  it('a conversation this page dropped while the server keeps it open is rebuilt from the server: the next message goes to it, not "Not sent"', async () => {
    const account = h.account();
    const session = open(account);
    const c = await startConversation(session, 'Before');
    // The server (wrongly, or a frame lost in between) tells this page the open conversation is gone.
    const lists = h.log.filter((e) => e.dir === 'out' && e.frame.type === 'cqm.SubscribeExConversations' && e.frame.body?.convState !== undefined);
    const answer = h.log.find((e) => e.dir === 'in' && e.frame.reqId === lists.at(-1)?.frame.id);
    const subscriptionId = (answer?.frame.body as { subscriptionId?: string } | undefined)?.subscriptionId;
    expect(subscriptionId).toBeTypeOf('string');
    h.inject(JSON.stringify({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', body: { subscriptionId, changes: [{ type: 'DELETE', result: { convId: c } }] } }));
    await waitForSnapshot(session, (x) => x.chat.conversationId === undefined);

    // ConsumerRequestConversation answers 400 (one is open); the page rebuilds and the message goes out once.
    await session.send('After');
    const back = await waitForSnapshot(session, (x) => x.connection.status === 'online' && texts(x.chat.timeline).join('|') === 'Before|After');
    expect(back.chat).toMatchObject({ conversationId: c, stage: 'open' });
    expect(h.sent.filter((f) => f.type === 'cm.ConsumerRequestConversation')).toHaveLength(2);
    const detail = await h.control(account).conversation(c);
    expect((detail.transcript[c] ?? []).filter((e) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent').map((e) => eventFields(e).message)).toEqual(['Before', 'After']);
  });
});
