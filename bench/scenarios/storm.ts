// The stand-in's reconnect storm: BENCH_STORM_SESSIONS (default 1,000) headless consumer sessions
// in Node (raw sockets, as the widget speaks), each with an open conversation it follows; every
// socket is dropped at once (faults/drop); each reconnects at once and resubscribes in one flight
// (InitConnection, SubscribeExConversations, SubscribeMessagingEvents). Until all are answered;
// errors; the stand-in's memory.
import WebSocket from 'ws';
import { benchAccount, faultsOf, sleep } from '../env';
import type { BenchContext, RunResult, Scenario } from '../scenario';

const SESSIONS = Number(process.env.BENCH_STORM_SESSIONS ?? 1_000);
const CONCURRENCY = 50;
const TIMEOUT_MS = 60_000;

interface Session {
  jwt: string;
  conversationId: string;
  socket?: WebSocket;
}

/** Opens a socket and sends `frames` at once; resolves with the answers' codes, by request id. */
function flight(wsUrl: string, frames: Array<Record<string, unknown>>, onSocket: (ws: WebSocket) => void): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl);
    onSocket(ws);
    const codes: Record<string, number> = {};
    const timer = setTimeout(() => reject(new Error('no answer in time')), TIMEOUT_MS);
    ws.on('open', () => {
      for (const f of frames) ws.send(JSON.stringify(f));
    });
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { kind?: string; reqId?: string; code?: number };
      if (frame.kind !== 'resp' || frame.reqId === undefined) return;
      codes[frame.reqId] = frame.code ?? 0;
      if (Object.keys(codes).length === frames.length) {
        clearTimeout(timer);
        resolve(codes);
      }
    });
    ws.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

const init = (jwt: string) => ({ kind: 'req', id: 'init', type: 'InitConnection', headers: [{ type: '.ams.headers.ConsumerAuthentication', jwt }] });

async function inBatches<T>(items: T[], fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < items.length) await fn(items[next++] as T);
  }));
}

export const storm: Scenario = {
  name: 'storm',
  figures: [
    { id: 'storm.resubscribed', label: `Reconnect storm: ${SESSIONS} sessions dropped → all resubscribed`, unit: 'ms', before: '709 ms' },
    { id: 'storm.errors', label: 'Reconnect storm: errors', unit: 'count', before: '0', budget: { max: 0 } },
    { id: 'storm.rss', label: 'Reconnect storm: stand-in memory (RSS) after', unit: 'MB', before: '130 MB' },
    { id: 'storm.peak', label: 'Reconnect storm: stand-in peak memory (since its start)', unit: 'MB' },
  ],
  async run(ctx: BenchContext): Promise<RunResult> {
    const account = benchAccount('storm');
    const wsUrl = `ws://${ctx.standIn.host}/ws_api/account/${account}/messaging/consumer?v=3`;
    const sessions: Session[] = [];
    try {
      await inBatches(Array.from({ length: SESSIONS }, (_, i) => i), async () => {
        const signed = await fetch(`${ctx.standIn.url}/api/account/${account}/signup`, { method: 'POST' });
        const { jwt } = (await signed.json()) as { jwt: string };
        const session: Session = { jwt, conversationId: '' };
        const ws = new WebSocket(wsUrl);
        session.socket = ws;
        const answers = new Map<string, (frame: { code?: number; body?: { conversationId?: string } }) => void>();
        ws.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { kind?: string; reqId?: string; code?: number; body?: { conversationId?: string } };
          if (frame.kind === 'resp' && frame.reqId) answers.get(frame.reqId)?.(frame);
        });
        const ask = (frame: Record<string, unknown>) => new Promise<{ code?: number; body?: { conversationId?: string } }>((resolve) => {
          answers.set(String(frame.id), resolve);
          ws.send(JSON.stringify(frame));
        });
        await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
        await ask(init(jwt));
        const requested = await ask({ kind: 'req', id: 'conv', type: 'cm.ConsumerRequestConversation', body: {} });
        const id = requested.body?.conversationId;
        if (requested.code !== 200 || !id) throw new Error(`storm: a conversation was refused: ${requested.code}`);
        session.conversationId = id;
        await ask({ kind: 'req', id: 'ms', type: 'ms.SubscribeMessagingEvents', body: { dialogId: id, conversationId: id, fromSeq: 0 } });
        sessions.push(session);
      });
      await sleep(500);
      const dropped = new Promise<void>((resolve) => {
        let left = sessions.length;
        for (const s of sessions) s.socket?.once('close', () => --left === 0 && resolve());
      });
      const start = performance.now();
      await faultsOf(ctx.standIn.url).drop();
      await dropped;
      let errors = 0;
      await Promise.all(
        sessions.map(async (s) => {
          try {
            const codes = await flight(
              wsUrl,
              [
                init(s.jwt),
                { kind: 'req', id: 'cqm', type: 'cqm.SubscribeExConversations', body: { stage: ['OPEN'] } },
                { kind: 'req', id: 'ms', type: 'ms.SubscribeMessagingEvents', body: { dialogId: s.conversationId, conversationId: s.conversationId, fromSeq: 1 } },
              ],
              (ws) => (s.socket = ws),
            );
            errors += Object.values(codes).filter((c) => c < 200 || c >= 300).length;
          } catch {
            errors++;
          }
        }),
      );
      const resubscribed = performance.now() - start;
      const memory = ctx.standIn.memory();
      return { values: { 'storm.resubscribed': resubscribed, 'storm.errors': errors, 'storm.rss': memory.rss, 'storm.peak': memory.peak } };
    } finally {
      for (const s of sessions) s.socket?.terminate();
    }
  },
};
