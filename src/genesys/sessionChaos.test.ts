// The Genesys session (the real cometd client in Node) through a seeded chaos run against the
// in-process stand-in: the visitor writes without waiting, a GWS agent answers, while the GMS Bayeux
// server restarts and long polls are dropped at random, and the page "reloads" now and then (the
// session stops; a new one starts on the same localStorage and sessionStorage). In the end the
// visitor's timeline equals the stand-in's transcript: 0 lost, 0 doubled, 0 out of order.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSession } from '../core/session';
import { MemoryStorage } from '../platform/storage';
import { seededRandom } from '../../server/prng';
import { standInForTests } from '../../server/testing/harness';
import { call } from '../../server/testing/http';
import { cometdClient, disconnect, gwsAgent, type GwsAgentClient } from '../../server/testing/genesys';
import { createGenesysSession } from './session';

const h = standInForTests();
const SERVICE = 'chaos-node';
let current: ChatSession | undefined;
let dana: GwsAgentClient | undefined;

afterEach(async () => {
  current?.stop();
  if (dana) await disconnect(dana.cometd);
  await call(`${h.url}/agent/api/genesys/faults`, 'DELETE');
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Entry = { index: number; type: string; text?: string; from: string };

function open(storage: MemoryStorage, tab: MemoryStorage): ChatSession {
  const s = createGenesysSession(
    { backend: 'genesys', gms: h.url, service: SERVICE, nickname: 'Chaos', transport: 'long-polling' },
    { storage, sessionStorage: tab, createCometD: () => cometdClient(`${h.url}/genesys/cometd`) },
  );
  s.start();
  return s;
}

const rowsOf = (s: ChatSession) =>
  s.getSnapshot().chat.timeline.flatMap((r) => (r.kind === 'message' && r.body.kind === 'text' ? [{ sequence: r.sequence, originator: r.originator, text: r.body.text, receipt: r.receipt }] : []));

describe('Genesys session chaos', () => {
  it.each([7, 11])('seed %i: restarts, dropped long polls and reloads lose, double and reorder nothing', async (seed) => {
    const random = seededRandom(seed);
    const N = 150;
    const storage = new MemoryStorage();
    const tab = new MemoryStorage();
    dana = await gwsAgent(h.url, 'dana');
    current = open(storage, tab);
    void current.send('v0').catch(() => undefined);
    let chatId: string | undefined;
    for (const t0 = Date.now(); !chatId; await sleep(20)) {
      if (Date.now() - t0 > 10_000) throw new Error('no chat');
      chatId = current.getSnapshot().chat.conversationId;
    }
    expect((await dana.op(chatId, 'Accept')).status).toBe(200);

    let visitor = 1;
    let agent = 0;
    const faults = { restarts: 0, drops: 0, reloads: 0 };
    while (visitor <= N || agent < N) {
      const r = random();
      if (r < 0.03) {
        await call(`${h.url}/agent/api/genesys/faults/restart`, 'POST', { which: 'gms' });
        faults.restarts++;
      } else if (r < 0.07) {
        await call(`${h.url}/agent/api/genesys/faults/drop-long-poll`, 'POST', { which: 'gms' });
        faults.drops++;
      } else if (r < 0.08) {
        current.stop();
        current = open(storage, tab);
        faults.reloads++;
      }
      if ((random() < 0.5 && visitor <= N) || agent >= N) {
        void current.send(`v${visitor++}`).catch(() => undefined);
      } else {
        await dana.op(chatId, 'SendMessage', { text: `a${agent++}` });
      }
      await sleep(Math.floor(random() * 40));
    }

    const expected = async () =>
      (await call<Array<{ id: string; transcript: Entry[] }>>(`${h.url}/agent/api/genesys/chats?service=${SERVICE}`, 'GET')).body
        .find((c) => c.id === chatId)
        ?.transcript.filter((e) => e.type === 'Message')
        .map((e) => ({ sequence: e.index, originator: e.from === 'Chaos' ? 'consumer' : 'agent', text: e.text, receipt: e.from === 'Chaos' ? 'sent' : undefined })) ?? [];
    let want = await expected();
    for (const t0 = Date.now(); Date.now() - t0 < 40_000; await sleep(200)) {
      want = await expected();
      if (JSON.stringify(rowsOf(current)) === JSON.stringify(want) && want.length === 2 * N + 1) break;
    }
    const got = rowsOf(current);
    const pending = got.filter((r) => r.receipt !== 'sent' && r.originator === 'consumer').map((r) => `${r.text}:${r.receipt}`);
    expect({ faults, pending, stored: want.length }).toEqual({ faults, pending: [], stored: 2 * N + 1 });
    expect(got).toEqual(want);
  }, 120_000);
});
