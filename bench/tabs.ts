// Benchmark: sockets and frames at the stand-in for 1, 3 and 10 tabs of one visitor (pages of one
// Chromium context), with the tabs sharing one session (src/embed/tabs) and, for comparison, without
// (the page's BroadcastChannel removed before the frame loads: each tab then runs its own session,
// as every tab did before). Counts are the stand-in's own (GET /agent/api/faults: sockets accepted,
// frames received from and sent to consumer sockets), so they are exact, not sampled.
//
// Scenario per run: tab 1 opens the window and writes "hello"; the other tabs open (the time until
// each shows "hello" is recorded); Dana accepts and sends 5 messages; every tab shows them; 2 s
// settle (receipts, typing); then 10 s idle (keep-alives). Figures are for the whole run.
//
// Run: npx tsx bench/tabs.ts   (builds the widget into .bench/dist-tabs first; PARLEY_BENCH_SKIP_BUILD=1 reuses it)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { accountControl, faultControl } from '../server/control-client';
import { startStandIn } from '../server/standin';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, '.bench', 'dist-tabs');
const TAB_COUNTS = [1, 3, 10];
const IDLE_MS = 10_000;

interface Figures {
  tabs: number;
  shared: boolean;
  sockets: number;
  framesIn: number;
  framesOut: number;
  /** The slowest later tab: from navigation to "hello" shown. */
  laterTabMs: number;
}

const frameOf = (page: Page) => page.frameLocator('parley-widget iframe');
const bubble = (page: Page, text: string) => frameOf(page).locator('.parley-bubble', { hasText: text });

async function run(browser: Browser, baseUrl: string, tabs: number, shared: boolean): Promise<Figures> {
  const account = `bench-tabs-${tabs}-${shared ? 'shared' : 'apart'}-${Date.now().toString(36)}`;
  const control = accountControl(baseUrl, account);
  const faults = faultControl(baseUrl);
  const before = (await faults.get()).counters;
  const context = await browser.newContext({ baseURL: baseUrl });
  if (!shared) await context.addInitScript(() => Reflect.deleteProperty(globalThis, 'BroadcastChannel'));
  try {
    const first = await context.newPage();
    await first.goto(`/?account=${account}&open=1`);
    const composer = frameOf(first).getByRole('textbox', { name: 'Message' });
    await composer.fill('hello');
    await frameOf(first).getByRole('button', { name: 'Send' }).click();
    await frameOf(first).locator('[data-receipt="sent"]').first().waitFor({ timeout: 15_000 });
    const pages = [first];
    let laterTabMs = 0;
    for (let i = 1; i < tabs; i += 1) {
      const page = await context.newPage();
      const started = Date.now();
      await page.goto(`/?account=${account}&open=1`);
      await bubble(page, 'hello').waitFor({ timeout: 15_000 });
      laterTabMs = Math.max(laterTabMs, Date.now() - started);
      pages.push(page);
    }
    const [conversation] = await control.conversations();
    if (!conversation) throw new Error('no conversation');
    const agents = await control.agents();
    const dana = agents.find((a) => a.nickname === 'Dana');
    if (!dana) throw new Error('no Dana');
    await control.accept(conversation.id, dana.id);
    for (let m = 1; m <= 5; m += 1) await control.send(conversation.id, { agentId: dana.id, text: `answer ${m}` });
    for (const page of pages) await bubble(page, 'answer 5').waitFor({ timeout: 15_000 });
    await first.waitForTimeout(2_000 + IDLE_MS);
    const after = (await faults.get()).counters;
    return {
      tabs,
      shared,
      sockets: after.sockets - before.sockets,
      framesIn: after.framesIn - before.framesIn,
      framesOut: after.framesOut - before.framesOut,
      laterTabMs,
    };
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (process.env.PARLEY_BENCH_SKIP_BUILD !== '1') {
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build'], { cwd: ROOT, env: { ...process.env, PARLEY_DIST: DIST }, stdio: 'ignore' });
  }
  const standIn = await startStandIn({ port: 0, staticDir: DIST });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const figures: Figures[] = [];
  try {
    for (const tabs of TAB_COUNTS) {
      for (const shared of [true, false]) figures.push(await run(browser, standIn.url, tabs, shared));
    }
  } finally {
    await browser.close();
    await standIn.stop();
  }
  console.log('| tabs | one session for all tabs | consumer sockets | frames in (to the stand-in) | frames out (from it) | later tab shows the conversation |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const f of figures) {
    console.log(`| ${f.tabs} | ${f.shared ? 'yes' : 'no (each tab its own)'} | ${f.sockets} | ${f.framesIn} | ${f.framesOut} | ${f.tabs === 1 ? '–' : `${f.laterTabMs} ms`} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
