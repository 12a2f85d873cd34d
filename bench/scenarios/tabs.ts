// One connection for all tabs: 1, 3 and 10 pages of one Chromium context on the widget,
// over the same scripted conversation, counted at the stand-in (GET /agent/api/faults: consumer
// sockets accepted, frames received from and sent to consumer sockets), so the counts are exact.
//
// The script, for each tab count: tab 1 opens the window and writes "hello"; the other tabs open
// one after another (the slowest one's navigation → "hello" shown is recorded); Dana accepts and
// sends 5 messages; every tab shows them; 2 s settle (receipts, typing), then 10 s idle.
import type { BrowserContext, Page } from '@playwright/test';
import { benchAccount, benchContext, controlOf, faultsOf } from '../env';
import { danaOf, type BenchContext, type RunResult, type Scenario } from '../scenario';

const TAB_COUNTS = [1, 3, 10] as const;
const ANSWERS = 5;
const SETTLE_MS = 2_000;
const IDLE_MS = 10_000;
const SHOWN_MS = 15_000;

const frameOf = (page: Page) => page.frameLocator('parley-widget iframe');
const bubble = (page: Page, text: string) => frameOf(page).locator('.parley-bubble', { hasText: text });

interface TabsRun {
  sockets: number;
  framesIn: number;
  framesOut: number;
  /** The slowest later tab: navigation → "hello" shown (0 with one tab). */
  laterTab: number;
}

async function script(ctx: BenchContext, context: BrowserContext, tabs: number): Promise<TabsRun> {
  const account = benchAccount(`tabs${tabs}`);
  const control = controlOf(ctx.standIn.url, account);
  const faults = faultsOf(ctx.standIn.url);
  const before = (await faults.get()).counters;
  const first = await context.newPage();
  await first.goto(`/?account=${account}&open=1`);
  await frameOf(first).getByRole('textbox', { name: 'Message' }).fill('hello');
  await frameOf(first).getByRole('button', { name: 'Send' }).click();
  await frameOf(first).locator('[data-receipt="sent"]').first().waitFor({ timeout: SHOWN_MS });
  const pages = [first];
  let laterTab = 0;
  for (let i = 1; i < tabs; i += 1) {
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(`/?account=${account}&open=1`);
    await bubble(page, 'hello').waitFor({ timeout: SHOWN_MS });
    laterTab = Math.max(laterTab, Date.now() - started);
    pages.push(page);
  }
  const [conversation] = await control.conversations();
  if (!conversation) throw new Error('tabs: no conversation at the stand-in');
  const dana = await danaOf(control);
  await control.accept(conversation.id, dana.id);
  for (let m = 1; m <= ANSWERS; m += 1) await control.send(conversation.id, { agentId: dana.id, text: `answer ${m}` });
  for (const page of pages) await bubble(page, `answer ${ANSWERS}`).waitFor({ timeout: SHOWN_MS });
  await first.waitForTimeout(SETTLE_MS + IDLE_MS);
  const after = (await faults.get()).counters;
  return { sockets: after.sockets - before.sockets, framesIn: after.framesIn - before.framesIn, framesOut: after.framesOut - before.framesOut, laterTab };
}

const perCount = (tabs: number) => {
  const t = `${tabs} tab${tabs === 1 ? '' : 's'}`;
  return [
    { id: `tabs.${tabs}.sockets`, label: `${t}: consumer sockets at the stand-in`, unit: 'count' as const, before: `${tabs} (one per tab)`, budget: { max: 1 } },
    { id: `tabs.${tabs}.framesIn`, label: `${t}: frames to the stand-in`, unit: 'count' as const },
    { id: `tabs.${tabs}.framesOut`, label: `${t}: frames from the stand-in`, unit: 'count' as const },
    ...(tabs > 1 ? [{ id: `tabs.${tabs}.laterTab`, label: `${t}: a later tab shows the conversation`, unit: 'ms' as const }] : []),
  ];
};

export const tabs: Scenario = {
  name: 'tabs',
  figures: TAB_COUNTS.flatMap(perCount),
  async run(ctx: BenchContext): Promise<RunResult> {
    const values: Record<string, number> = {};
    for (const count of TAB_COUNTS) {
      const context = await benchContext(ctx.browser, ctx.standIn.url);
      try {
        const run = await script(ctx, context, count);
        values[`tabs.${count}.sockets`] = run.sockets;
        values[`tabs.${count}.framesIn`] = run.framesIn;
        values[`tabs.${count}.framesOut`] = run.framesOut;
        if (count > 1) values[`tabs.${count}.laterTab`] = run.laterTab;
      } finally {
        await context.close();
      }
    }
    return { values };
  },
};
