// The server is the truth about which conversations exist and which notifications are ours, against
// the in-process stand-in over real sockets: a restarted server (all state lost), and notifications
// for subscriptions or dialogs the session never asked for.
import { describe, expect, it, vi } from 'vitest';
import type WebSocket from 'ws';
import { startStandIn, type StandIn } from '../../server/standin';
import { waitForSnapshot, delay, type SentFrame } from './testing/standinHarness';
import { online, sessionFixture, startConversation, texts } from './testing/sessionFixture';

let restarted: StandIn | undefined;
const { h, create, open, consumerTexts, danaAccepts, authenticate } = sessionFixture({
  cleanup: async () => {
    await restarted?.stop();
    restarted = undefined;
  },
});

describe('LivePerson session: the server is the truth', () => {
  it('recovers from a server restart (state and signing secret lost): a new consumer, a new conversation, no ghost', async () => {
    const account = h.account();
    const session = open(account, { connection: { backoff: { baseMs: 200, capMs: 400 } } });
    await online(session);
    await session.send('Before the restart');
    const before = session.getSnapshot().chat;
    expect(before.stage).toBe('open');

    const { port } = h.standIn;
    await h.standIn.stop();
    await waitForSnapshot(session, (x) => x.connection.status === 'reconnecting');
    const typed = session.send('After the restart');
    restarted = await startStandIn({ port });

    await typed;
    const after = await waitForSnapshot(session, (x) => x.connection.status === 'online' && x.chat.stage === 'open' && texts(x.chat.timeline).includes('After the restart'));
    expect(after.chat.consumerId).not.toBe(before.consumerId);
    expect(after.chat.conversationId).not.toBe(before.conversationId);
    expect(texts(after.chat.timeline)).toEqual(['After the restart']); // no ghost of the old conversation
    const conversations = await h.control(account).conversations();
    expect(conversations.map((c) => c.id)).toEqual([after.chat.conversationId]);
    expect(await consumerTexts(account, after.chat.conversationId as string)).toEqual(['After the restart']);
    // It stays online (no resubscribe loop) and keeps working.
    await session.send('Still here');
    expect(session.getSnapshot().connection.status).toBe('online');
  });

  it('drops conversations the fresh snapshot does not list (same consumer, server state lost)', async () => {
    const account = h.account();
    // An authenticated consumer keeps its id across the restart (the IdP derives it from the auth code).
    const getJwt = () => authenticate(account, 'restart-bob');
    const session = create({ account, getJwt }, { connection: { backoff: { baseMs: 200, capMs: 400 } } });
    session.start();
    await online(session);
    await session.send('Old conversation');
    const before = session.getSnapshot().chat;

    const { port } = h.standIn;
    await h.standIn.stop();
    restarted = await startStandIn({ port });
    await waitForSnapshot(session, (x) => x.connection.status === 'online' && x.chat.stage === 'none');
    expect(session.getSnapshot().chat.consumerId).toBe(before.consumerId);
    expect(session.getSnapshot().chat.timeline).toEqual([]);

    await session.send('New conversation');
    const after = await waitForSnapshot(session, (x) => x.chat.stage === 'open' && texts(x.chat.timeline).includes('New conversation'));
    expect(after.chat.conversationId).not.toBe(before.conversationId);
    expect(texts(after.chat.timeline)).toEqual(['New conversation']);
  });

  it('ignores notifications for a subscription or a dialog it did not subscribe to', async () => {
    const account = h.account();
    const sockets: WebSocket[] = [];
    class Tapped extends h.WebSocket {
      constructor(...args: ConstructorParameters<typeof h.WebSocket>) {
        super(...args);
        sockets.push(this as unknown as WebSocket);
      }
    }
    const session = open(account, { WebSocket: Tapped });
    const c = await startConversation(session, 'Hello');
    const consumerId = session.getSnapshot().chat.consumerId as string;
    const viewBefore = session.getSnapshot().chat;
    const socket = sockets.at(-1) as WebSocket;
    const inject = (frame: object) => socket.emit('message', Buffer.from(JSON.stringify(frame)), false);
    const now = Date.now() + 60_000;

    // A conversation list from a subscription this socket never made (newer and open: it would win).
    inject({
      kind: 'notification',
      type: 'cqm.ExConversationChangeNotification',
      body: {
        subscriptionId: 'not-ours',
        changes: [{
          type: 'UPSERT',
          result: {
            convId: 'intruder',
            conversationDetails: {
              state: 'OPEN', stage: 'OPEN', startTs: now, metaDataLastUpdateTs: now,
              participants: [{ id: consumerId, role: 'CONSUMER' }],
              dialogs: [{ dialogId: 'intruder', dialogType: 'MAIN', channelType: 'MESSAGING', state: 'OPEN', creationTs: now }],
            },
          },
        }],
      },
    });
    // Messaging events for a dialog it never subscribed to, one claiming our conversation.
    const change = (dialogId: string, message: string) => ({
      sequence: 7, originatorId: 'someone', originatorMetadata: { id: 'someone', role: 'ASSIGNED_AGENT' },
      serverTimestamp: now, dialogId, conversationId: c, event: { type: 'ContentEvent', contentType: 'text/plain', message },
    });
    inject({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [change('ghost-dialog', 'Injected into a ghost dialog')] } });
    inject({
      kind: 'notification',
      type: 'cqm.ExConversationChangeNotification',
      body: { subscriptionId: 'not-ours-either', changes: [{ type: 'DELETE', result: { convId: c, conversationDetails: { state: 'CLOSE', startTs: now, participants: [{ id: consumerId, role: 'CONSUMER' }] } } }] },
    });

    // A normal exchange afterwards: the agent's message arrives, nothing injected shows.
    const dana = await danaAccepts(account, c);
    await h.control(account).send(c, { agentId: dana, text: 'A real answer' });
    const after = await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('A real answer'));
    expect(after.chat.conversationId).toBe(viewBefore.conversationId);
    expect(after.chat.stage).toBe('open');
    expect(texts(after.chat.timeline)).toEqual(['Hello', 'A real answer']);
  });

  it('comes online when the server refuses one dialog subscription (4xx): that dialog is skipped, no reconnect loop', async () => {
    const account = h.account();
    let refuse = false;
    // The client asks for its dialog; on the way out the request names a dialog the server does not know (404).
    class Refused extends h.WebSocket {
      send(data: unknown, ...rest: unknown[]): void {
        const frame = JSON.parse(String(data)) as SentFrame;
        if (refuse && frame.type === 'ms.SubscribeMessagingEvents') frame.body = { ...frame.body, dialogId: 'no-such-dialog' };
        (super.send as (...args: unknown[]) => void)(JSON.stringify(frame), ...rest);
      }
    }
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const session = open(account, { WebSocket: Refused });
      await online(session);
      await session.send('Hello');
      refuse = true;
      h.sent.length = 0;
      await h.faults.drop();
      await waitForSnapshot(session, (x) => x.connection.status !== 'online');
      await online(session);
      await delay(300);
      expect(session.getSnapshot().connection.status).toBe('online');
      expect(h.sent.filter((f) => f.type === 'InitConnection')).toHaveLength(1);
      expect(h.sent.filter((f) => f.type === 'ms.SubscribeMessagingEvents')).toHaveLength(1); // not asked again on this socket
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/refused to subscribe/), expect.anything());
      expect(texts(session.getSnapshot().chat.timeline)).toEqual(['Hello']);
    } finally {
      warn.mockRestore();
    }
  });
});
