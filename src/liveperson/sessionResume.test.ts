import { describe, expect, it } from 'vitest';
import { waitForSnapshot } from './testing/standinHarness';
import { online, sessionFixture, startConversation, texts } from './testing/sessionFixture';

const { h, open, danaAccepts } = sessionFixture();

/** A well-formed agent message for the dialog with a sequence the server never assigned. */
const bogusFrame = (dialogId: string, sequence: number, text: string) =>
  JSON.stringify({
    kind: 'notification',
    type: 'ms.MessagingEventNotification',
    body: {
      changes: [
        {
          sequence,
          originatorId: 'not-an-agent',
          originatorMetadata: { id: 'not-an-agent', role: 'ASSIGNED_AGENT' },
          serverTimestamp: Date.now(),
          event: { type: 'ContentEvent', message: text, contentType: 'text/plain' },
          conversationId: dialogId,
          dialogId,
        },
      ],
    },
  });

describe('LivePerson session: where a resubscribe resumes', () => {
  it('one frame with a bogus high sequence does not hide the messages below it after a drop', async () => {
    const account = h.account();
    const session = open(account, { random: () => 0 });
    const c = await startConversation(session, 'Hello');
    const dana = await danaAccepts(account, c);
    await h.control(account).send(c, { agentId: dana, text: 'Before the bogus frame' });
    await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('Before the bogus frame'));

    h.inject(bogusFrame(c, 1_000_000, 'Bogus'));
    await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('Bogus'));

    // Offline: the agent writes while the widget cannot connect.
    await h.faults.set({ refuseSockets: true });
    await h.faults.drop();
    await waitForSnapshot(session, (x) => x.connection.status !== 'online');
    await h.control(account).send(c, { agentId: dana, text: 'Written while you were away' });
    h.sent.length = 0;
    await h.faults.clear();
    await online(session);

    const resumed = h.sent.find((f) => f.type === 'ms.SubscribeMessagingEvents')?.body;
    expect(resumed?.fromSeq).toBeLessThan(1_000_000);
    const back = await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('Written while you were away'));
    expect(texts(back.chat.timeline)).toEqual(['Hello', 'Before the bogus frame', 'Written while you were away', 'Bogus']);

    // and live messages keep flowing after it
    await h.control(account).send(c, { agentId: dana, text: 'And after' });
    await waitForSnapshot(session, (x) => texts(x.chat.timeline).includes('And after'));
  });
});
