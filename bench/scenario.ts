// What a scenario is (one file under bench/scenarios/, listed in bench/scenarios/index.ts) and the
// steps several of them share: a visitor who starts a conversation that Dana accepts, and reading
// the requests the widget sent from the probe's frames.
import type { Browser, Frame, Page } from '@playwright/test';
import type { AccountControl } from '../server/control-client';
import type { Figure } from './stats';
import { benchAccount, benchContext, controlOf, MainThread, pollTap, readTap, until, widgetFrame, type StandInChild, type TapRecord } from './env';

export interface BenchContext {
  standIn: StandInChild;
  browser: Browser;
  /** The floor page's URL (bench/floor.html). */
  floorUrl: string;
  /** Where the production build the stand-in serves is. */
  dist: string;
}

/** One run's values: figure id → value (and the floor's, under the same id). */
export interface RunResult {
  values: Record<string, number>;
  floor?: Record<string, number>;
}

export interface Scenario {
  name: string;
  /** The figures it reports (values filled from the runs). */
  figures: Array<Omit<Figure, 'values' | 'floor'> & { hasFloor?: boolean }>;
  run(ctx: BenchContext): Promise<RunResult>;
}

export interface Visitor {
  page: Page;
  frame: Frame;
  account: string;
  control: AccountControl;
  conversationId: string;
  consumerId: string;
  agentId: string;
  close(): Promise<void>;
}

/** The stand-in's agent Dana, who answers in every scenario. */
export async function danaOf(control: AccountControl) {
  const dana = (await control.agents()).find((a) => a.nickname === 'Dana');
  if (!dana) throw new Error('the stand-in has no agent Dana');
  return dana;
}

/** A fresh account; its visitor opens the window, writes, and Dana accepts. */
export async function visitorWithAgent(ctx: BenchContext, scenario: string): Promise<Visitor> {
  const account = benchAccount(scenario);
  const control = controlOf(ctx.standIn.url, account);
  const context = await benchContext(ctx.browser, ctx.standIn.url);
  const page = await context.newPage();
  await page.goto(`/?account=${account}&open=1`);
  const frame = await widgetFrame(page);
  const composer = frame.getByRole('textbox', { name: 'Message' });
  await composer.fill('Hello from the bench');
  await frame.getByRole('button', { name: 'Send' }).click();
  const conversation = await until('the conversation', async () => (await control.conversations())[0]);
  const dana = await danaOf(control);
  await control.accept(conversation.id, dana.id);
  return {
    page,
    frame,
    account,
    control,
    conversationId: conversation.id,
    consumerId: conversation.consumerId,
    agentId: dana.id,
    close: () => context.close(),
  };
}

export interface SentRequest {
  id: string;
  type: string;
  at: number;
  raw: string;
  body: Record<string, unknown> | undefined;
  /** When its response arrived (undefined: not yet). */
  answeredAt?: number;
}

/** The requests sent on socket `socket` (default: the last one), each with when it was answered. */
export function requestsOf(tap: TapRecord, socket = tap.opens.length - 1): SentRequest[] {
  const sent = new Map<string, SentRequest>();
  for (const f of tap.frames) {
    if (f.socket !== socket) continue;
    let parsed: { kind?: string; id?: unknown; reqId?: unknown; type?: string; body?: Record<string, unknown> };
    try {
      parsed = JSON.parse(f.data);
    } catch {
      continue;
    }
    if (f.dir === 'out' && parsed.kind === 'req') sent.set(String(parsed.id), { id: String(parsed.id), type: String(parsed.type), at: f.at, raw: f.data, body: parsed.body });
    if (f.dir === 'in' && parsed.kind === 'resp') {
      const req = sent.get(String(parsed.reqId));
      if (req && req.answeredAt === undefined) req.answeredAt = f.at;
    }
  }
  return [...sent.values()];
}

/** The subscribe flight: requests that bring the state back (not receipts, typing or publishing). */
export const isSubscribeRequest = (r: SentRequest) => !/PublishEvent|SetUserProfile|GetUserProfile|UpdateConversationField/.test(r.type);

/**
 * Round trips on the critical path up to `readyAt`: a request sent after the answer to another
 * one of these arrived is one round trip further. 1 = everything went out in one flight.
 */
export function roundTrips(requests: readonly SentRequest[], readyAt: number): number {
  const before = requests.filter((r) => r.at <= readyAt);
  const depth = new Map<string, number>();
  for (const r of before) {
    let d = 1;
    for (const o of before) if (o !== r && o.answeredAt !== undefined && o.answeredAt <= r.at) d = Math.max(d, (depth.get(o.id) ?? 1) + 1);
    depth.set(r.id, d);
  }
  return Math.max(0, ...depth.values());
}

/** The first time, after `after`, that the connection status line (its data-status) became `status`. */
export function statusAfter(tap: Pick<TapRecord, 'statuses'>, after: number, status: string): number | undefined {
  return tap.statuses.find((s) => s.at > after && s.status === status)?.at;
}

/** When the session (not the status line, which waits out a short drop) reported `status` after `after`. */
export const connectionAfter = (tap: Pick<TapRecord, 'connections'>, after: number, status: string) => tap.connections.find((c) => c.at >= after && c.status === status)?.at;

/** The first time, after `after`, that the status line's status became 'online'. */
export const onlineAfter = (tap: Pick<TapRecord, 'statuses'>, after: number) => statusAfter(tap, after, 'online');

/** When the visitor's message `text` was first published and answered by the stand-in, on any socket. */
export function publishAnswered(tap: TapRecord, text: string): number | undefined {
  const sockets = new Set(tap.frames.map((f) => f.socket));
  const answers = [...sockets].flatMap((socket) => requestsOf(tap, socket).filter((r) => r.type === 'ms.PublishEvent' && r.body?.event !== undefined && JSON.stringify(r.body.event).includes(JSON.stringify(text))));
  const times = answers.map((r) => r.answeredAt).filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

/** Long tasks (over 50 ms) that started within [from, to]. */
export const longTasksIn = (tap: TapRecord, from: number, to: number) => tap.longTasks.filter((t) => t.start >= from && t.start <= to);

/** The requests the widget published for receipts (ACCEPT and READ) on any socket, sent after `after`. */
export function receiptRequests(tap: TapRecord, after: number): number {
  let count = 0;
  for (const f of tap.frames) {
    if (f.dir !== 'out' || f.at < after || !f.data.includes('AcceptStatusEvent')) continue;
    const parsed = JSON.parse(f.data) as { type?: string; body?: { event?: { type?: string } } };
    if (parsed.type === 'ms.PublishEvent' && parsed.body?.event?.type === 'AcceptStatusEvent') count++;
  }
  return count;
}

/** When the first messaging event notification after `after` arrived. */
export function firstNotificationAfter(tap: TapRecord, after: number): number | undefined {
  return tap.frames.find((f) => f.dir === 'in' && f.at >= after && f.data.includes('"ms.MessagingEventNotification"'))?.at;
}

/** When the last messaging event notification before `before` arrived. */
export function lastNotificationBefore(tap: TapRecord, before: number): number | undefined {
  let last: number | undefined;
  for (const f of tap.frames) if (f.dir === 'in' && f.at <= before && f.data.includes('"ms.MessagingEventNotification"')) last = f.at;
  return last;
}

/** Frames late by more than one 60 Hz interval, from animation frame times. */
export function droppedFrames(rafs: readonly number[]): number {
  let dropped = 0;
  for (let i = 1; i < rafs.length; i++) dropped += Math.max(0, Math.round(((rafs[i] as number) - (rafs[i - 1] as number)) / (1000 / 60)) - 1);
  return dropped;
}

/**
 * The visitor comes back (a new page of the same browser) with the window open: until the message
 * with sequence `last` is shown and the status is online; the main-thread work from navigation on.
 */
export async function comesBack(v: Visitor, last: number | undefined) {
  if (last === undefined) throw new Error('the stand-in stored no message to wait for');
  const page = await v.frame.page().context().newPage();
  const main = await MainThread.of(page);
  const cpu0 = await main.taskMs();
  await page.goto(`/?account=${v.account}&open=1`);
  const frame = await widgetFrame(page);
  const shown = await until('the last message shown', async () => {
    const tap = await pollTap(frame);
    const at = tap.seqSeen[String(last)];
    const online = onlineAfter(tap, 0);
    return at !== undefined && online !== undefined ? { shownAt: at, ready: Math.max(at, online) } : undefined;
  });
  const cpu = (await main.taskMs()) - cpu0;
  const tap = await readTap(frame);
  const navigated = (await page.evaluate('performance.timeOrigin')) as number;
  return { page, frame, main, cpu, navigated, tap, ...shown };
}
