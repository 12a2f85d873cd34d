// The chaos driver shared by e2e/chaos.spec.ts (CI, fixed seed) and `npm run soak` (longer): a
// conversation typed into the real composer and answered through the control API while the
// stand-in drops sockets at random intervals, fails, delays, duplicates and reorders. Every random
// choice of the driver comes from one seeded PRNG, so a seed names a run (the timing of the
// browser and the network still varies between runs).
import type { Page } from '@playwright/test';
import { seededRandom } from '../../server/prng';
import type { Control, ConversationDetail } from './control';
import { convergenceProblems, visitorCopies } from './chaos-check';
import { watchFrames } from './chaos-frames';
import { everyRandomInterval } from './fault-loop';
import type { Widget } from './widget';

export interface ChaosOptions {
  seed: number;
  /** At least this many messages each way. */
  messagesEachWay: number;
  /** Keep the conversation going at least this long (the soak run). */
  minDurationMs?: number;
  log?: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  durationMs: number;
  /** Sockets the stand-in dropped (drop requests while the widget was already offline drop none). */
  drops: number;
  /** Requests the stand-in answered 429 or 500 on purpose. */
  failedRequests: number;
  duplicatedNotifications: number;
  reorderedNotifications: number;
  /** Sockets the widget opened (InitConnection sent). */
  connections: number;
  /** Publishes of a visitor message beyond its first (after 429/500 or a lost answer). */
  publishRetries: number;
  /** Failed messages the visitor had to Retry by hand ("Not sent"). */
  manualRetries: number;
  visitorMessages: number;
  agentMessages: number;
  /** ACCEPT/READ receipts the agent side sent for visitor messages. */
  agentReceipts: number;
  /** Visitor messages stored more than once + timeline rows shown twice: must be 0. */
  duplicatesFound: number;
  /** What differs between the widget and the stand-in at the end (empty when they agree). */
  problems: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The stand-in's faults, changed at random intervals until `stop()`. */
function startFaults(control: Control, random: () => number, log: (line: string) => void) {
  // A drop every 0.2 to 3 s.
  const stop = everyRandomInterval(random, 200, 2_800, async () => {
    const patch: Record<string, unknown> = { delayMs: random() < 0.5 ? Math.floor(random() * 250) : 0, notifyBeforeResponse: random() < 0.5 };
    if (random() < 0.35) patch.failNext = { count: 1 + Math.floor(random() * 2), code: random() < 0.5 ? 429 : 500 };
    await control.setFaults(patch);
    await control.dropSockets();
  }, log);
  return async () => {
    await stop();
    await control.clearFaults();
  };
}

export async function runChaos(page: Page, w: Widget, control: Control, options: ChaosOptions): Promise<ChaosReport> {
  const log = options.log ?? (() => undefined);
  const random = seededRandom(options.seed);
  const started = Date.now();
  const frames = watchFrames(page);
  const before = (await control.faultState()).counters;
  await control.settings({ autoReceipts: false });

  await w.goto(control.account, '&open=1');
  await w.send('v0');
  const c = (await control.onlyConversation()).id;
  const dana = await control.agent('Dana');
  await control.accept(c, dana.id);
  await control.setFaults({ seed: options.seed, duplicate: 0.1, reorder: 0.1 });
  const stopFaults = startFaults(control, random, log);

  let visitor = 1; // v0 was the first
  let agent = 0;
  let agentReceipts = 0;
  const acknowledged = new Map<number, 'ACCEPT' | 'READ'>();
  let logged = 0;
  const enough = () => visitor > options.messagesEachWay && agent >= options.messagesEachWay && Date.now() - started >= (options.minDurationMs ?? 0);
  try {
    while (!enough()) {
      const r = random();
      if (r < 0.45) {
        await w.send(`v${visitor}`);
        visitor += 1;
      } else if (r < 0.9) {
        await control.say(c, dana.id, `a${agent}`);
        agent += 1;
      } else {
        agentReceipts += await acknowledgeSome(control, c, dana.id, random, acknowledged);
      }
      if (visitor + agent >= logged + 100) {
        logged = visitor + agent;
        log(`chaos: ${visitor} visitor / ${agent} agent messages after ${Math.round((Date.now() - started) / 1000)} s`);
      }
    }
  } finally {
    await stopFaults();
  }
  agentReceipts += await acknowledgeSome(control, c, dana.id, random, acknowledged);

  // Everything settles: the widget and the stand-in must agree exactly.
  const texts = Array.from({ length: visitor }, (_, i) => `v${i}`);
  let problems: string[] = ['not checked'];
  let detail: ConversationDetail | undefined;
  let manualRetries = 0;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(500)) {
    manualRetries += await retryFailed(w);
    detail = await control.conversation(c);
    problems = convergenceProblems(await w.readTimeline(), detail, texts, agent);
    if (problems.length === 0) break;
  }
  const timeline = await w.readTimeline();
  const after = (await control.faultState()).counters;
  const copies = detail ? visitorCopies(detail) : new Map<string, number>();
  return {
    seed: options.seed,
    durationMs: Date.now() - started,
    drops: after.drops - before.drops,
    failedRequests: after.failed - before.failed,
    duplicatedNotifications: after.duplicated - before.duplicated,
    reorderedNotifications: after.reordered - before.reordered,
    connections: frames.connections,
    publishRetries: frames.publishRetries(),
    manualRetries,
    visitorMessages: visitor,
    agentMessages: agent,
    agentReceipts,
    duplicatesFound: timeline.duplicates + [...copies.values()].reduce((n, k) => n + Math.max(0, k - 1), 0),
    problems,
  };
}

/** The agent side acknowledges a few stored visitor messages: ACCEPT some new ones, READ some accepted ones. */
async function acknowledgeSome(control: Control, c: string, agentId: string, random: () => number, acknowledged: Map<number, 'ACCEPT' | 'READ'>): Promise<number> {
  const detail = await control.conversation(c);
  const visitorSeqs = (detail.transcript[c] ?? []).filter((e) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent').map((e) => e.sequence);
  const accept = visitorSeqs.filter((s) => !acknowledged.has(s) && random() < 0.5);
  const read = visitorSeqs.filter((s) => acknowledged.get(s) === 'ACCEPT' && random() < 0.5);
  let sent = 0;
  if (accept.length > 0) {
    await control.receipt(c, agentId, 'ACCEPT', accept);
    accept.forEach((s) => acknowledged.set(s, 'ACCEPT'));
    sent += 1;
  }
  if (read.length > 0) {
    await control.receipt(c, agentId, 'READ', read);
    read.forEach((s) => acknowledged.set(s, 'READ'));
    sent += 1;
  }
  return sent;
}

/** Clicks Retry on every "Not sent" message (what a visitor would do); returns how many. */
async function retryFailed(w: Widget): Promise<number> {
  const buttons = w.log.locator('[data-originator="consumer"]').getByRole('button', { name: 'Retry' });
  const count = await buttons.count();
  for (let i = 0; i < count; i++) await buttons.first().click();
  return count;
}
