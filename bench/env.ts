// The bench's environment: the stand-in as a child process on 127.0.0.1 (port 0: it prints its
// URL), serving a production build; Debian's Chromium through Playwright, with the probe
// (bench/tap.js) in every frame; and the CDP measurements the scenarios share (main-thread task
// time, CPU throttling). Everything started here is stopped by `close()`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Frame, type Page } from '@playwright/test';
import { accountControl, faultControl, type AccountControl } from '../server/control-client';
import { stopChild } from '../server/testing/child';

export const ROOT = path.resolve(import.meta.dirname, '..');
const TAP = readFileSync(path.join(ROOT, 'bench', 'tap.js'), 'utf8');
const FLOOR_PAGE = readFileSync(path.join(ROOT, 'bench', 'floor.html'), 'utf8');

/**
 * Serves the floor page (bench/floor.html) on 127.0.0.1 (a page from Playwright's router would
 * count as a public one, which Chromium forbids to open local sockets). Resolves with its URL.
 */
export async function startFloorServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(FLOOR_PAGE));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/floor.html`;
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface StandInChild {
  url: string;
  host: string;
  child: ChildProcess;
  /** The server process's resident memory now and at its peak (VmRSS, VmHWM), in MB. */
  memory(): { rss: number; peak: number };
  stop(): Promise<void>;
}

export async function startStandInChild(staticDir: string): Promise<StandInChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', PARLEY_DIST: staticDir, TLS_PORT: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the stand-in did not start in 30 s:\n${log}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`the stand-in exited (${code}):\n${log}`)));
    child.stdout?.on('data', (d: Buffer) => {
      log += d.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (found?.[1]) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
  });
  const status = (field: string) => {
    const text = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) / 1024;
  };
  return { url, host: new URL(url).host, child, memory: () => ({ rss: status('VmRSS'), peak: status('VmHWM') }), stop: () => stopChild(child) };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (no cache, no storage) with the probe in every frame. */
export async function benchContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: TAP });
  return context;
}

/** What the probe recorded in one frame (see bench/tap.js). */
export interface TapRecord {
  frames: Array<{ socket: number; dir: 'in' | 'out'; at: number; data: string }>;
  frameCount: number;
  opens: Array<{ url: string; created: number; open?: number }>;
  longTasks: Array<{ start: number; duration: number }>;
  seqSeen: Record<string, number>;
  rowsMax: number;
  statuses: Array<{ at: number; status: string }>;
  clicks: number[];
  composerAt?: number;
  /** The session's connection status as the host page heard it (Parley's 'connection' event). */
  connections: Array<{ at: number; status: string }>;
  timeOrigin: number;
}

export const readTap = (frame: Frame | Page, from = 0) => frame.evaluate(`window.__bench.read(${from})`) as Promise<TapRecord>;

/**
 * The probe's record without its frames, to poll while main-thread time is measured: copying the
 * frames out (megabytes after a 1,000-event history) costs the measured renderer more CPU than the
 * resync itself. Read the frames once, with `readTap`, after the measurement.
 */
export const pollTap = (frame: Frame | Page) => frame.evaluate('window.__bench.read(window.__bench.frames.length)') as Promise<TapRecord>;

/** The widget's iframe (frame.html), once it is there. */
export async function widgetFrame(page: Page, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/frame.html'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('the widget frame never appeared');
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` (in Node) until it answers a value, or throws after `timeoutMs`. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The renderer's main-thread work so far (CDP Performance metrics: TaskDuration, in ms). */
export class MainThread {
  private constructor(private readonly cdp: CDPSession) {}

  static async of(page: Page): Promise<MainThread> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    return new MainThread(cdp);
  }

  async taskMs(): Promise<number> {
    const { metrics } = await this.cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  }

  async throttle(rate: number): Promise<void> {
    await this.cdp.send('Emulation.setCPUThrottlingRate', { rate });
  }

  detach = () => this.cdp.detach().catch(() => undefined);
}

/** The stand-in's control API and faults for one account. */
export function controlOf(baseUrl: string, account: string): AccountControl {
  return accountControl(baseUrl, account);
}
export const faultsOf = faultControl;

let accounts = 0;
export const benchAccount = (scenario: string) => `bench-${scenario}-${process.pid}-${++accounts}`;
