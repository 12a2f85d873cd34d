// A seeded chaos run on the Genesys side: 100 messages each way between a GMS visitor and a GWS
// agent (both the real cometd client) while long polls are dropped and the Bayeux servers restart.
// The clients resync the way the note prescribes (GMS requestNotifications, GWS transcript read)
// and deduplicate by index; in the end both hold the stand-in's transcript: 0 lost, 0 doubled,
// 0 out of order. What this checks is the stand-in: no fault loses or duplicates a transcript entry.
import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../prng';
import { call } from '../testing/http';
import { standInForTests } from '../testing/harness';
import { disconnect, gmsVisitor, gwsAgent, type GmsVisitor, type GwsAgentClient } from '../testing/genesys';

const h = standInForTests();
const open: Array<GmsVisitor | GwsAgentClient> = [];

afterEach(async () => {
  for (const c of open.splice(0)) await disconnect(c.cometd);
  await call(`${h.url}/agent/api/genesys/faults`, 'DELETE');
});

type Msg = { index: number; type: string; text?: string; visibility?: string };
const N = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  for (const t0 = Date.now(); !cond(); await sleep(20)) if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
}

describe('Genesys chaos', () => {
  it('100 messages each way through dropped long polls and Bayeux restarts: 0 lost, 0 doubled, 0 out of order', async () => {
    const rng = seededRandom(12);
    const dana = await gwsAgent(h.url, 'dana');
    const v = await gmsVisitor(h.url, 'customer-support', { resync: true });
    open.push(dana, v);
    await v.op('requestChat', { nickname: 'Chaos' });
    const { chatId } = await v.deliveries.waitFor<{ chatId: string }>((d) => typeof d.chatId === 'string');
    await dana.notifications.waitFor((n) => (n.chat as { id?: string } | undefined)?.id === chatId);
    expect((await dana.op(chatId, 'Accept')).body).toEqual({ statusCode: 0 });

    // The agent's view: the topic, plus a transcript read after every re-handshake.
    const agentSeen = new Map<number, Msg>();
    let agentDeliveries = 0;
    const onLog = (messages: Msg[]) => messages.forEach((m) => agentSeen.set(m.index, m));
    const readTranscript = async () => onLog(((await dana.call('GET', `/api/v2/me/chats/${chatId}/messages`)).body.messages ?? []) as Msg[]);
    dana.cometd.addListener('/meta/handshake', (m) => {
      if (m.successful && m.reestablish) void readTranscript();
    });
    const seenCount = { notifications: 0 };
    const tally = () => {
      for (; seenCount.notifications < dana.notifications.items.length; seenCount.notifications++) {
        const n = dana.notifications.items[seenCount.notifications] as Record<string, unknown>;
        if (n.messageType === 'MessageLogUpdated') {
          agentDeliveries += (n.messages as Msg[]).length;
          onLog(n.messages as Msg[]);
        }
      }
    };

    /** The visitor writes like a widget's outbox: a publish refused (402 during a restart) is retried once reconnected. */
    const visitorSend = async (text: string) => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const reply = await v.op('sendMessage', { message: text });
        if (reply.successful) return;
        await sleep(50);
      }
      throw new Error(`could not send ${text}`);
    };

    let restarts = 0;
    let drops = 0;
    let dropAttempts = 0;
    for (let i = 1; i <= N; i++) {
      const roll = rng();
      if (roll < 0.04) {
        await call(`${h.url}/agent/api/genesys/faults/restart`, 'POST');
        restarts++;
      } else if (roll < 0.12) {
        dropAttempts++;
        drops += (await call<{ dropped: number }>(`${h.url}/agent/api/genesys/faults/drop-long-poll`, 'POST')).body.dropped;
      }
      await dana.op(chatId, 'SendMessage', { text: `agent ${i}` });
      await visitorSend(`visitor ${i}`);
      if (i % 10 === 0) tally();
    }
    expect(restarts).toBeGreaterThanOrEqual(3);
    expect(dropAttempts).toBeGreaterThanOrEqual(5);
    // A poll is not always held at the instant of a drop; some were.
    expect(drops).toBeGreaterThanOrEqual(1);

    const transcript = (await call<Array<{ id: string; transcript: Msg[] }>>(`${h.url}/agent/api/genesys/chats`)).body.find((c) => c.id === chatId)?.transcript ?? [];
    const texts = (xs: Msg[]) => xs.filter((m) => m.type === 'Message' || m.type === 'Text').map((m) => m.text);
    const expected = texts(transcript);
    expect(expected).toHaveLength(2 * N);
    expect(new Set(expected).size).toBe(2 * N);

    // The visitor: deduplicated by index, it holds exactly the transcript, in order.
    const visitorView = () => {
      const seen = new Map<number, Msg>();
      for (const d of v.deliveries.items) for (const m of (d.messages ?? []) as Msg[]) seen.set(m.index, m);
      return [...seen.values()].sort((a, b) => a.index - b.index);
    };
    // No extra resync: live deliveries plus the resync after each re-handshake are enough.
    await until(() => texts(visitorView()).length === 2 * N, 'the visitor transcript');
    expect(texts(visitorView())).toEqual(expected);
    expect(visitorView().map((m) => m.index)).toEqual(transcript.map((m) => m.index));

    await readTranscript();
    tally();
    const agentView = [...agentSeen.values()].sort((a, b) => a.index - b.index);
    expect(texts(agentView)).toEqual(expected);
    // The server never delivered an entry twice on the topic between faults (restarts may cut some).
    expect(agentDeliveries).toBeLessThanOrEqual(transcript.length);
  }, 60_000);
});
