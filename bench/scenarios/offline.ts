// Losing the network and getting it back (issue 13, "Losing the network is noticed late"): the
// browser context goes offline (Playwright's context.setOffline, CDP network emulation, which also
// fires the pages' offline and online events) with the window open and Dana in the conversation.
// From going offline to the status line saying "You're offline" (data-status="offline"); the
// visitor writes a message meanwhile; from back online to the connection ready again (status
// online: resubscribed) and to that message stored (its publish answered by the stand-in).
import { pollTap, readTap, sleep, until } from '../env';
import { onlineAfter, publishAnswered, statusAfter, visitorWithAgent, type BenchContext, type RunResult, type Scenario } from '../scenario';

const OFFLINE_FOR_MS = 1_000;

export const offline: Scenario = {
  name: 'offline',
  figures: [
    { id: 'offline.detect', label: 'Offline: network lost → "You\'re offline" shown', unit: 'ms', before: 'about 9 s' },
    { id: 'offline.ready', label: 'Offline: network back → connection ready', unit: 'ms', before: '5 to 12 s' },
    { id: 'offline.sent', label: 'Offline: network back → message written offline stored', unit: 'ms' },
  ],
  async run(ctx: BenchContext): Promise<RunResult> {
    const v = await visitorWithAgent(ctx, 'offline');
    try {
      await until('the widget online', async () => onlineAfter(await pollTap(v.frame), 0));
      await sleep(500);
      const context = v.page.context();
      const lostAt = Date.now();
      await context.setOffline(true);
      const shown = await until('"You\'re offline"', async () => statusAfter(await pollTap(v.frame), lostAt, 'offline'), 10_000);
      const text = `Written offline ${lostAt}`;
      await v.frame.getByRole('textbox', { name: 'Message' }).fill(text);
      await v.frame.getByRole('button', { name: 'Send' }).click();
      await sleep(OFFLINE_FOR_MS);
      const backAt = Date.now();
      await context.setOffline(false);
      const ready = await until('the connection ready', async () => onlineAfter(await pollTap(v.frame), backAt), 30_000);
      const stored = await until('the message stored', async () => publishAnswered(await readTap(v.frame), text), 30_000, 50);
      return { values: { 'offline.detect': shown - lostAt, 'offline.ready': ready - backAt, 'offline.sent': stored - backAt } };
    } finally {
      await v.close();
    }
  },
};
