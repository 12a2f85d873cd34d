// LivePerson's own agent SDK (node-agent-sdk 1.2.0, unmodified) drives the stand-in: the echo bot in
// server/agent/examples runs in a child process over TLS (trusting the stand-in's certificate through
// NODE_EXTRA_CA_CERTS), and a visitor chats with it over the real consumer socket.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { faultControl } from '../control-client';
import { spawnEchoBot, stopChild } from '../testing/child';
import type { MessagingEventChange, Notification } from '../../src/liveperson/wire';
import { validateAgentClientFrame, validateAgentServerFrame } from '../../test/lp-agent-schemas';
import { schemasAvailable } from '../../test/lp-schemas';
import { startStandIn, type StandIn } from '../standin';
import { TestClient } from '../testing/client';
import { call, Control, signup } from '../testing/http';

const root = path.resolve(import.meta.dirname, '..', '..');
const GREETING = "Hi, I'm Parley Bot. I echo what you write; say bye to end.";
/** Every frame the SDK's Transport sends and receives, and its session refreshes (server/testing/sdkFrameTap.mjs). */
const tapDir = mkdtempSync(path.join(tmpdir(), 'parley-sdk-frames-'));
const tapFile = path.join(tapDir, 'frames.jsonl');

let standIn: StandIn;
let bot: ChildProcess | undefined;
let readLog = () => '';
const clients: TestClient[] = [];

beforeAll(async () => {
  standIn = await startStandIn({ port: 0, tls: true, staticDir: '/nonexistent-parley-dist' });
});

afterEach(async () => {
  const errors = clients.flatMap((c) => c.schemaErrors);
  for (const c of clients.splice(0)) c.close();
  await stopChild(bot);
  bot = undefined;
  if (errors.length) throw new Error(`schema violations:\n${errors.join('\n')}`);
});

afterAll(async () => {
  await standIn.stop();
  rmSync(tapDir, { recursive: true, force: true });
});

/** The tapped frames: what the SDK sent, what the stand-in answered and notified. */
type Tapped = { dir: 'in' | 'out' | 'refresh'; frame: Record<string, unknown> };
function tapped(): Tapped[] {
  return readFileSync(tapFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Tapped);
}

function startBot(account: string) {
  const tls = standIn.tls;
  if (!tls) throw new Error('no TLS listener');
  // The SDK refreshes its agent session every 10 minutes; here every 0.5 s, so the test sees it do so.
  const b = spawnEchoBot(account, tls, { BOT_RECONNECT_SECONDS: '0.2', BOT_REFRESH_SECONDS: '0.5', FRAME_TAP_FILE: tapFile }, ['--import', path.join(root, 'server', 'testing', 'sdkFrameTap.mjs')]);
  bot = b.child;
  readLog = b.log;
}

type MsgNote = Notification<{ changes: MessagingEventChange[] }>;
const isMsg = (f: unknown): f is MsgNote => (f as Notification).kind === 'notification' && (f as Notification).type === 'ms.MessagingEventNotification';
const changesOf = (c: TestClient): MessagingEventChange[] => c.frames.filter(isMsg).flatMap((n) => n.body.changes);

async function visitor(account: string, jwt: string): Promise<TestClient> {
  const c = await TestClient.connect(`ws://${standIn.host}/ws_api/account/${account}/messaging/consumer?v=3`, { init: { jwt, features: ['MULTI_DIALOG'] } });
  clients.push(c);
  await c.waitFor((f) => f.kind === 'resp' && f.reqId === 'init');
  return c;
}

/** Waits (with the bot's log in the error) until `pred` holds for the client's messaging changes. */
async function until(c: TestClient, what: string, pred: (changes: MessagingEventChange[]) => boolean, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred(changesOf(c))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; bot log:\n${readLog()}\nchanges: ${JSON.stringify(changesOf(c)).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const texts = (changes: MessagingEventChange[], originator: string) =>
  changes.filter((c) => c.originatorId === originator && c.event.type === 'ContentEvent').map((c) => (c.event as { message: string }).message);
/** Per visitor sequence, the receipt statuses the bot published for it (deduplicated by sequence). */
function receipts(changes: MessagingEventChange[], botId: string): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  const seen = new Set<number>();
  for (const c of changes) {
    if (c.originatorId !== botId || c.event.type !== 'AcceptStatusEvent' || c.sequence === undefined || seen.has(c.sequence)) continue;
    seen.add(c.sequence);
    for (const s of c.event.sequenceList) (out[s] ??= []).push(c.event.status);
  }
  return out;
}
const unique = (changes: MessagingEventChange[]) => [...new Map(changes.filter((c) => c.sequence !== undefined).map((c) => [c.sequence, c])).values()];

async function publish(c: TestClient, dialogId: string, message: string): Promise<number> {
  const r = await c.request('ms.PublishEvent', { dialogId, event: { type: 'ContentEvent', contentType: 'text/plain', message } });
  expect(r.code).toBe(200);
  return (r.body as { sequence: number }).sequence;
}

describe('node-agent-sdk echo bot against the stand-in', () => {
  it('logs in, goes ONLINE, accepts the ring, greets, echoes with ACCEPT and READ, survives drops on both sides, closes on bye', { timeout: 40_000 }, async () => {
    const account = `bot-${Date.now().toString(36)}`;
    const control = new Control(standIn.url, account);
    const agents = (await call<Array<{ id: string; nickname: string; role: string }>>(`${standIn.url}/agent/api/${account}/agents`)).body;
    const botAgent = agents.find((a) => a.nickname === 'Parley Bot');
    expect(botAgent).toMatchObject({ role: 'bot' });
    const botId = botAgent?.id ?? '';

    const jwt = await signup(standIn.url, account);
    let c = await visitor(account, jwt);
    await c.request('cqm.SubscribeExConversations', { convState: ['OPEN'] });
    const conv = ((await c.request('cm.ConsumerRequestConversation')).body as { conversationId: string }).conversationId;
    await c.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 });

    startBot(account);
    // The ring accepted: the bot is the conversation's ASSIGNED_AGENT, for the visitor and in the console.
    await c.waitFor((f) => f.kind === 'notification' && JSON.stringify(f.body).includes(`"id":"${botId}","role":"ASSIGNED_AGENT","state":"ACTIVE"`), { timeoutMs: 15_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\nbot log:\n${readLog()}`);
    });
    const view = (await control.conversation(conv)).body as { queue: string; participants: Array<{ id: string; role: string }> };
    expect(view.queue).toBe('open');
    expect(view.participants).toContainEqual({ id: botId, role: 'ASSIGNED_AGENT' });

    await until(c, 'the greeting', (ch) => texts(ch, botId).includes(GREETING));
    const hello = await publish(c, conv, 'hello');
    await until(c, 'the echo of hello', (ch) => texts(ch, botId).includes('You said: hello'));
    await until(c, 'READ of hello', (ch) => (receipts(ch, botId)[hello] ?? []).includes('READ'));
    expect(receipts(changesOf(c), botId)[hello]).toEqual(['ACCEPT', 'READ']);

    // The visitor's socket drops right after sending: the new socket's history has the echo.
    const two = await publish(c, conv, 'two');
    c.close();
    c = await visitor(account, jwt);
    await c.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'] });
    await c.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 });
    await until(c, 'the echo of two', (ch) => texts(unique(ch), botId).includes('You said: two'));
    await until(c, 'READ of two', (ch) => (receipts(ch, botId)[two] ?? []).includes('READ'));

    // The bot's socket drops: what the visitor writes meanwhile is answered once the bot is back.
    expect((await faultControl(standIn.url).dropAgents()).dropped).toBeGreaterThanOrEqual(1);
    const three = await publish(c, conv, 'three');
    await until(c, 'the echo of three', (ch) => texts(unique(ch), botId).includes('You said: three'), 15_000);
    await until(c, 'READ of three', (ch) => (receipts(ch, botId)[three] ?? []).includes('READ'));

    // The SDK's own agent-session refreshes, on its timer: each accepted (it stops refreshing after a
    // failure), and the bot still answers afterwards.
    const refreshes = () => tapped().filter((f) => f.dir === 'refresh').map((f) => f.frame);
    const end = Date.now() + 8000;
    while (refreshes().length < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(refreshes().length).toBeGreaterThanOrEqual(2);
    expect(refreshes().filter((r) => r.error !== null)).toEqual([]);

    const bye = await publish(c, conv, 'bye');
    await c.waitFor((f) => f.kind === 'notification' && f.type === 'cqm.ExConversationChangeNotification' && JSON.stringify(f.body).includes('"stage":"CLOSE"'), { timeoutMs: 8000 });
    await until(c, 'Goodbye', (ch) => texts(ch, botId).includes('Goodbye!'));

    // Nothing lost, nothing twice: the whole stored transcript, in order.
    const transcript = (await control.conversation(conv)).body as { transcript: Record<string, Array<{ originatorId: string; event: { type: string; message?: string; status?: string; sequenceList?: number[] } }>>; closeReason: string };
    expect(transcript.closeReason).toBe('AGENT');
    const events = transcript.transcript[conv] ?? [];
    const said = events.filter((e) => e.event.type === 'ContentEvent').map((e) => `${e.originatorId === botId ? 'bot' : 'visitor'}: ${e.event.message}`);
    expect(said).toEqual([
      `bot: ${GREETING}`,
      'visitor: hello',
      'bot: You said: hello',
      'visitor: two',
      'bot: You said: two',
      'visitor: three',
      'bot: You said: three',
      'visitor: bye',
      'bot: Goodbye!',
    ]);
    const botReceipts = events.filter((e) => e.originatorId === botId && e.event.type === 'AcceptStatusEvent').map((e) => `${e.event.status} ${e.event.sequenceList?.join(',')}`);
    expect(botReceipts).toEqual([hello, two, three, bye].flatMap((s) => [`ACCEPT ${s}`, `READ ${s}`]));
    // The SDK reports a notification it could not transform as an error, and a dialog participant its
    // Transformer cannot map as a warning ("invalid participant"); it drops both.
    expect(readLog()).not.toMatch(/\[echo-bot\] (error|warn|.* failed)/);
    expect(readLog()).not.toMatch(/invalid participant/);
    expect(readLog()).toMatch(/socket closed[\s\S]*connected as/);

    // Every frame between the SDK and the stand-in, checked against LivePerson's agent schemas.
    const all = tapped();
    const frames = all.filter((f): f is Tapped & { dir: 'in' | 'out' } => f.dir !== 'refresh');
    expect(frames.length).toBeGreaterThan(20);
    const types = new Set(frames.map((f) => String(f.frame.type)));
    for (const t of ['.ams.routing.SetAgentState', '.ams.routing.UpdateRingState', '.ams.ms.QueryMessages', '.ams.ms.OnlineEventDistribution', '.ams.aam.ExConversationChangeNotification', '.ams.cm.UpdateConversationField']) expect(types).toContain(t);
    if (schemasAvailable()) {
      const errors = frames.flatMap(({ dir, frame }) => (dir === 'out' ? validateAgentClientFrame(frame) : validateAgentServerFrame(frame)).map((e) => `${dir} ${e} in ${JSON.stringify(frame).slice(0, 300)}`));
      expect(errors).toEqual([]);
    }
  });
});
