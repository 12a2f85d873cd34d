// The Genesys chaos driver (e2e/genesys-chaos.spec.ts): a chat typed into the real composer in
// Genesys mode and answered by a GWS agent over REST, while the stand-in drops the widget's long
// polls and restarts the GMS Bayeux server (every session unknown: 402, re-handshake, resync) at
// seeded random intervals, sometimes delays deliveries, and now and then reloads the visitor's
// page (unsent messages come back from sessionStorage). At the end the widget's timeline must
// equal the stand-in's transcript: 0 lost, 0 doubled, 0 out of order, every visitor message stored
// once and shown sent. The seed fixes the fault plan, not the run (browser and network timing vary).
import type { APIRequestContext, Page } from '@playwright/test';
import { seededRandom } from '../../server/prng';
import { storedRowsProblems } from './chaos-check';
import { everyRandomInterval } from './fault-loop';
import { GwsAgent, standInChats, type StandInChat } from './gws-agent';
import type { TimelineMessage, Widget } from './widget';

export interface GenesysChaosOptions {
  seed: number;
  messagesEachWay: number;
  service: string;
  log?: (line: string) => void;
}

export interface GenesysChaosReport {
  seed: number;
  durationMs: number;
  /** GMS Bayeux restarts (every session became unknown). */
  restarts: number;
  /** Drop requests, and the held long polls they cut (a poll is not always held at that instant). */
  dropRequests: number;
  longPollsDropped: number;
  /** Page reloads by the visitor mid-chat. */
  reloads: number;
  /** sendMessage publishes beyond the first of each text, seen on the browser's requests. */
  publishRetries: number;
  /** requestNotifications publishes (the resync after every re-handshake, and reconciliations). */
  resyncs: number;
  /** "Not sent" messages the visitor had to Retry by hand. */
  manualRetries: number;
  visitorMessages: number;
  agentMessages: number;
  /** Visitor messages stored more than once + timeline rows shown twice: must be 0. */
  duplicatesFound: number;
  problems: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const VISITOR = 'Chaos';

/** Counts the widget's GMS publishes from the browser's side. */
function watchPublishes(page: Page) {
  const sends = new Map<string, number>();
  let resyncs = 0;
  page.on('request', (req) => {
    if (!req.url().includes('/genesys/cometd') || req.method() !== 'POST') return;
    let batch: unknown;
    try {
      batch = JSON.parse(req.postData() ?? '');
    } catch {
      return;
    }
    for (const m of Array.isArray(batch) ? batch : [batch]) {
      const data = (m as { data?: { operation?: unknown; message?: unknown } } | null)?.data;
      if (data?.operation === 'requestNotifications') resyncs += 1;
      if (data?.operation === 'sendMessage' && typeof data.message === 'string') sends.set(data.message, (sends.get(data.message) ?? 0) + 1);
    }
  });
  return {
    retries: () => [...sends.values()].reduce((n, k) => n + k - 1, 0),
    resyncs: () => resyncs,
  };
}

/** Restarts and long-poll drops at random intervals (0.2 to 1.5 s) until `stop()`. */
function startFaults(request: APIRequestContext, random: () => number, counts: Pick<GenesysChaosReport, 'restarts' | 'dropRequests' | 'longPollsDropped'>, log: (line: string) => void) {
  const stop = everyRandomInterval(random, 200, 1_300, async () => {
    await request.put('/agent/api/genesys/faults', { data: { delayMs: random() < 0.3 ? Math.floor(random() * 300) : 0 } });
    if (random() < 0.4) {
      await request.post('/agent/api/genesys/faults/restart', { data: { which: 'gms' } });
      counts.restarts += 1;
    } else {
      const r = await request.post('/agent/api/genesys/faults/drop-long-poll', { data: { which: 'gms' } });
      counts.dropRequests += 1;
      counts.longPollsDropped += ((await r.json()) as { dropped: number }).dropped;
    }
  }, log);
  return async () => {
    await stop();
    await request.delete('/agent/api/genesys/faults');
  };
}

/** What differs between the widget's timeline and the stand-in's transcript (empty when they agree). */
export function genesysConvergenceProblems(
  timeline: { rows: TimelineMessage[]; duplicates: number },
  chat: StandInChat,
  visitorTexts: readonly string[],
  agentMessages: number,
): string[] {
  const expected = chat.transcript
    .filter((e) => e.type === 'Message' && e.visibility === 'All')
    .sort((a, b) => a.index - b.index)
    .map((e) => ({ sequence: e.index, originator: e.from === VISITOR ? 'consumer' : 'agent', text: e.text ?? '' }));
  const messages = { ...timeline, rows: timeline.rows.filter((r) => r.originator === 'consumer' || r.originator === 'agent') };
  const problems = storedRowsProblems(messages, expected, visitorCopies(chat), visitorTexts, agentMessages);
  // GMS has no receipts: a stored visitor message is "sent", never delivered or read.
  const ticks = messages.rows.filter((r) => r.sequence !== null && r.originator === 'consumer' && r.receipt !== 'sent').map((r) => `${r.text}: ${r.receipt}`);
  if (ticks.length > 0) problems.push(`stored visitor messages not shown as sent: ${ticks.slice(0, 10).join('; ')}`);
  return problems;
}

function visitorCopies(chat: StandInChat): Map<string, number> {
  const copies = new Map<string, number>();
  for (const e of chat.transcript) if (e.type === 'Message' && e.from === VISITOR) copies.set(e.text ?? '', (copies.get(e.text ?? '') ?? 0) + 1);
  return copies;
}

export async function runGenesysChaos(page: Page, w: Widget, request: APIRequestContext, options: GenesysChaosOptions): Promise<GenesysChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const started = Date.now();
  const publishes = watchPublishes(page);
  const counts = { restarts: 0, dropRequests: 0, longPollsDropped: 0 };

  await page.goto(`/?backend=genesys&service=${options.service}&nickname=${VISITOR}&open=1`);
  await w.open();
  await w.send('v0');
  let chat: StandInChat | undefined;
  for (const deadline = Date.now() + 15_000; !chat && Date.now() < deadline; await sleep(100)) chat = (await standInChats(request, options.service))[0];
  if (!chat) throw new Error('the widget opened no chat');
  const chatId = chat.id;
  const dana = await GwsAgent.signIn(request, 'dana');
  await dana.op(chatId, 'Accept');
  const stopFaults = startFaults(request, random, counts, log);

  let visitor = 1; // v0 was the first
  let agent = 0;
  let reloads = 0;
  try {
    while (visitor <= options.messagesEachWay || agent < options.messagesEachWay) {
      const visitorTurn = agent >= options.messagesEachWay || (visitor <= options.messagesEachWay && random() < 0.5);
      if (random() < 0.02) {
        // The visitor reloads mid-chat: messages in flight come back from sessionStorage and are
        // reconciled with the transcript before any is published again.
        await page.reload();
        await w.open();
        reloads += 1;
      }
      if (visitorTurn) {
        await w.send(`v${visitor}`);
        visitor += 1;
      } else {
        await dana.op(chatId, 'SendMessage', { text: `a${agent}` });
        agent += 1;
      }
      if ((visitor + agent) % 50 === 0) log(`genesys chaos: ${visitor} visitor / ${agent} agent messages after ${Math.round((Date.now() - started) / 1000)} s`);
    }
  } finally {
    await stopFaults();
  }

  // Everything settles: the widget and the stand-in must agree exactly.
  const texts = Array.from({ length: visitor }, (_, i) => `v${i}`);
  let problems: string[] = ['not checked'];
  let manualRetries = 0;
  let timeline = await w.readTimeline();
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(500)) {
    manualRetries += await retryFailed(w);
    chat = (await standInChats(request, options.service)).find((c) => c.id === chatId);
    timeline = await w.readTimeline();
    problems = chat ? genesysConvergenceProblems(timeline, chat, texts, agent) : ['the chat is gone from the stand-in'];
    if (problems.length === 0) break;
  }
  const copies = chat ? visitorCopies(chat) : new Map<string, number>();
  return {
    seed: options.seed,
    durationMs: Date.now() - started,
    ...counts,
    reloads,
    publishRetries: publishes.retries(),
    resyncs: publishes.resyncs(),
    manualRetries,
    visitorMessages: visitor,
    agentMessages: agent,
    duplicatesFound: timeline.duplicates + [...copies.values()].reduce((n, k) => n + Math.max(0, k - 1), 0),
    problems,
  };
}

/** Clicks Retry on every "Not sent" message (what a visitor would do); returns how many. */
async function retryFailed(w: Widget): Promise<number> {
  const buttons = w.log.locator('[data-originator="consumer"]').getByRole('button', { name: 'Retry' });
  const count = await buttons.count();
  for (let i = 0; i < count; i++) await buttons.first().click();
  return count;
}
