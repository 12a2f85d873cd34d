// Losing the network and getting it back (how late the loss is noticed, how soon it recovers): the
// browser context goes offline (Playwright's context.setOffline, CDP network emulation, which also
// fires the pages' offline and online events) with the window open and Dana in the conversation.
// From going offline to the status line saying "You're offline" (data-status="offline"); the
// visitor writes a message meanwhile; from back online to the connection ready again (the session
// reports online to the host page: resubscribed) and to that message stored (its publish answered
// by the stand-in).
//
// Then a silent loss: the stand-in's blackhole fault makes the socket go silent without any
// offline event or close, and the visitor writes at once: from the silence until the widget notices
// (it reports reconnecting; the status line says so only if that lasts), from then until it is
// ready again on a new socket, and from the silence until that message is stored.
import { faultsOf, pollTap, readTap, sleep, until } from '../env';
import { connectionAfter, onlineAfter, publishAnswered, statusAfter, visitorWithAgent, type BenchContext, type RunResult, type Scenario } from '../scenario';

const OFFLINE_FOR_MS = 1_000;
/** How long the widget may take to notice a silent socket (a keep-alive interval and timeout, and more). */
const SILENT_MS = 60_000;

export const offline: Scenario = {
  name: 'offline',
  figures: [
    { id: 'offline.detect', label: 'Offline: network lost → "You\'re offline" shown', unit: 'ms', before: 'about 9 s' },
    { id: 'offline.ready', label: 'Offline: network back → connection ready', unit: 'ms', before: '5 to 12 s' },
    { id: 'offline.sent', label: 'Offline: network back → message written offline stored', unit: 'ms' },
    { id: 'silent.detect', label: 'Silent loss, the visitor writes: silence → noticed (reconnecting)', unit: 'ms' },
    { id: 'silent.ready', label: 'Silent loss: noticed → connection ready', unit: 'ms' },
    { id: 'silent.sent', label: 'Silent loss: silence → the message stored', unit: 'ms' },
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
      const ready = await until('the connection ready', async () => connectionAfter(await pollTap(v.frame), backAt, 'online'), 30_000);
      const stored = await until('the message stored', async () => publishAnswered(await readTap(v.frame), text), 30_000, 50);
      await sleep(500);

      const silentAt = Date.now();
      await faultsOf(ctx.standIn.url).blackhole();
      const unheard = `Written into the silence ${silentAt}`;
      await v.frame.getByRole('textbox', { name: 'Message' }).fill(unheard);
      await v.frame.getByRole('button', { name: 'Send' }).click();
      const noticed = await until('the silence noticed', async () => connectionAfter(await pollTap(v.frame), silentAt, 'reconnecting'), SILENT_MS, 50);
      const back = await until('the connection ready again', async () => connectionAfter(await pollTap(v.frame), noticed, 'online'), 30_000);
      const heard = await until('the message stored', async () => publishAnswered(await readTap(v.frame), unheard), 30_000, 50);
      return {
        values: {
          'offline.detect': shown - lostAt,
          'offline.ready': ready - backAt,
          'offline.sent': stored - backAt,
          'silent.detect': noticed - silentAt,
          'silent.ready': back - noticed,
          'silent.sent': heard - silentAt,
        },
      };
    } finally {
      await v.close();
    }
  },
};
