// `npm run server` as a real process: one hostile frame must not take it down (the reviewer
// reproduced a ~20 KB deeply nested frame killing the process with an unhandled rejection).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { stopChild } from '../testing/child';
import WebSocket from 'ws';
import { signup } from '../testing/http';

const root = path.resolve(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;

afterEach(async () => {
  await stopChild(child);
  child = undefined;
});

/** Starts server/main.ts on a free port; resolves with its URL once it printed it. */
function startServer(): Promise<{ url: string; exit: Promise<number | null>; output: () => string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', PARLEY_DIST: path.join(root, '.no-such-dist') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const exit = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)[^]*messaging \(ws\)/.exec(out);
      if (!m?.[1]) return;
      clearTimeout(timer);
      resolve({ url: m[1], exit, output: () => out });
    });
    proc.stderr.on('data', () => undefined);
    void exit.then((code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
}

function request(ws: WebSocket, raw: string, id: string): Promise<{ code: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no response to ${id}`)), 5000);
    const onMessage = (data: Buffer) => {
      const f = JSON.parse(data.toString()) as { kind: string; reqId?: string; code: number; body: unknown };
      if (f.kind !== 'resp' || f.reqId !== id) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve(f);
    };
    ws.on('message', onMessage);
    ws.send(raw);
  });
}

it('survives a deeply nested frame and keeps answering', async () => {
  const { url, exit } = await startServer();
  const account = 'proc-test';
  const jwt = await signup(url, account);
  const ws = new WebSocket(`${url.replace('http', 'ws')}/ws_api/account/${account}/messaging/consumer?v=3`, { headers: { Authorization: `jwt ${jwt}` } });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  try {
    const conv = await request(ws, JSON.stringify({ kind: 'req', id: 'c', type: 'cm.ConsumerRequestConversation' }), 'c');
    const dialogId = (conv.body as { conversationId: string }).conversationId;
    const nested = `{"a":${'['.repeat(10_000)}1${']'.repeat(10_000)}}`;
    const raw = `{"kind":"req","id":"deep","type":"ms.PublishEvent","body":{"dialogId":"${dialogId}","event":{"type":"ContentEvent","contentType":"application/json","message":${nested}}}}`;
    expect((await request(ws, raw, 'deep')).code).toBe(400);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await request(ws, '{"kind":"req","id":"clock","type":"GetClock"}', 'clock')).code).toBe(200);
    const other = await fetch(`${url}/api/account/${account}/service/baseURI.json?version=1.0`);
    expect(other.status).toBe(200);
    expect(child?.exitCode).toBeNull();
  } finally {
    ws.terminate();
  }
  child?.kill('SIGTERM');
  expect(await exit).toBe(0);
}, 30_000);

it("prints the agent console's URL with the demo page's account, so it opens on the demo's conversations", async () => {
  const { url, output } = await startServer();
  expect(output()).toContain(`agent console:    ${url}/agent/?account=demo\n`);
  const res = await fetch(`${url}/agent/api/demo/conversations`);
  expect(res.status).toBe(200);
}, 30_000);
