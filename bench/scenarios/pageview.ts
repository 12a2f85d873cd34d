// What a page view costs a website, in a fresh browser (no cache): the bytes transferred before any
// intent and up to the window open and connected (Parley's requests only: the loader and
// everything its frame fetches, not the demo page's own), and the time from the click on the
// launcher to a usable composer (shown, and the connection online), at 1× and 4× CPU.
import { gzipSync } from 'node:zlib';
import type { Page, Response } from '@playwright/test';
import { benchAccount, benchContext, MainThread, readTap, sleep, until, widgetFrame, type TapRecord } from '../env';
import { onlineAfter, type BenchContext, type RunResult, type Scenario } from '../scenario';

const IDLE_MS = 3_000;

interface Bytes {
  transferred: number;
  jsCssGz: number;
}

/** Counts Parley's responses in `page`: the loader, and whatever any frame but the page's own fetched. */
function countBytes(page: Page): { now(): Promise<Bytes> } {
  const pending: Array<Promise<Bytes>> = [];
  const measure = async (response: Response): Promise<Bytes> => {
    const request = response.request();
    const ours = new URL(response.url()).pathname === '/parley.js' || request.frame() !== page.mainFrame();
    if (!ours) return { transferred: 0, jsCssGz: 0 };
    const sizes = await request.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
    const kind = request.resourceType();
    const code = kind === 'script' || kind === 'stylesheet' || /\.(js|css)$/.test(new URL(response.url()).pathname);
    const body = code ? await response.body().catch(() => Buffer.alloc(0)) : undefined;
    return { transferred: sizes.responseBodySize + sizes.responseHeadersSize, jsCssGz: body ? gzipSync(body, { level: 9 }).length : 0 };
  };
  page.on('response', (response) => void pending.push(measure(response)));
  return {
    async now() {
      const all = await Promise.all(pending);
      return all.reduce((a, b) => ({ transferred: a.transferred + b.transferred, jsCssGz: a.jsCssGz + b.jsCssGz }), { transferred: 0, jsCssGz: 0 });
    },
  };
}

/** A new visitor loads the page, waits, then clicks the launcher: bytes before and after, and click → usable. */
async function pageView(ctx: BenchContext, throttle: number): Promise<{ before: Bytes; open: Bytes; usable: number }> {
  const context = await benchContext(ctx.browser, ctx.standIn.url);
  try {
    const page = await context.newPage();
    const bytes = countBytes(page);
    await page.goto(`/?account=${benchAccount('pageview')}`);
    await sleep(IDLE_MS);
    const before = await bytes.now();
    const main = await MainThread.of(page);
    if (throttle !== 1) await main.throttle(throttle);
    await page.getByRole('button', { name: /^Open chat/ }).click();
    const frame = await widgetFrame(page);
    const [clickedAt] = ((await readTap(page)) as TapRecord).clicks;
    if (clickedAt === undefined) throw new Error('the click was not seen');
    const usableAt = await until('a usable composer', async () => {
      const tap = await readTap(frame);
      const online = onlineAfter(tap, 0);
      return tap.composerAt !== undefined && online !== undefined ? Math.max(tap.composerAt, online) : undefined;
    });
    if (throttle !== 1) await main.throttle(1);
    await main.detach();
    await sleep(1_000);
    return { before, open: await bytes.now(), usable: usableAt - clickedAt };
  } finally {
    await context.close();
  }
}

export const pageview: Scenario = {
  name: 'pageview',
  figures: [
    { id: 'bytes.beforeIntent', label: 'Page view before intent: bytes transferred (Parley’s requests)', unit: 'bytes' },
    { id: 'bytes.beforeIntentGz', label: 'Page view before intent: JS+CSS gz', unit: 'bytes', before: '2,982 B (parley.js) + 90 KB on idle' },
    { id: 'bytes.open', label: 'Window open and connected: bytes transferred', unit: 'bytes' },
    { id: 'bytes.openGz', label: 'Window open and connected: JS+CSS gz', unit: 'bytes', before: '114.6 KB', budget: { max: 100_000 } },
    { id: 'composer.1x', label: 'Click → usable composer (1× CPU)', unit: 'ms', before: '728 ms', budget: { max: 500 } },
    { id: 'composer.4x', label: 'Click → usable composer (4× CPU throttling)', unit: 'ms', before: '1,371 ms', budget: { max: 1_000 } },
  ],
  async run(ctx: BenchContext): Promise<RunResult> {
    const normal = await pageView(ctx, 1);
    const slow = await pageView(ctx, 4);
    return {
      values: {
        'bytes.beforeIntent': normal.before.transferred,
        'bytes.beforeIntentGz': normal.before.jsCssGz,
        'bytes.open': normal.open.transferred,
        'bytes.openGz': normal.open.jsCssGz,
        'composer.1x': normal.usable,
        'composer.4x': slow.usable,
      },
    };
  },
};
