// Resync after a reconnect, and the first load, of a returning visitor with 1,000 closed
// conversations and an open one of 1,000 events; next to the floor, which sends the same subscribe
// requests Parley sent (read from the probe) in one flight on the same socket and only parses.
import type { Page } from '@playwright/test';
import { faultsOf, MainThread, pollTap, readTap, sleep, until } from '../env';
import { comesBack, isSubscribeRequest, requestsOf, roundTrips, visitorWithAgent, type BenchContext, type RunResult, type Scenario } from '../scenario';

const CLOSED = 1_000;
const EVENTS = 1_000;

interface FloorConfig {
  url: string;
  frames: string[];
  expectSequence?: number;
}

async function floorRun(page: Page, config: FloorConfig, load: string | undefined): Promise<{ wall: number; cpu: number }> {
  const main = await MainThread.of(page);
  const before = await main.taskMs();
  if (load) await page.goto(`${load}#${encodeURIComponent(JSON.stringify(config))}`);
  else await page.evaluate(`window.__floor.run(${JSON.stringify(config)})`);
  await until('the floor started', () => page.evaluate('window.__floor.done && true') as Promise<true | undefined>, 30_000, 5);
  const ready = (await page.evaluate('window.__floor.done')) as number | string;
  if (typeof ready === 'string') throw new Error(`floor: ${ready} on ${config.url} sending ${config.frames.map((f) => f.slice(0, 200)).join(' / ')}`);
  const cpu = (await main.taskMs()) - before;
  const start = load ? ((await page.evaluate('performance.timeOrigin')) as number) : ((await page.evaluate('window.__floor.open')) as number);
  await main.detach();
  return { wall: ready - start, cpu };
}

export const resync: Scenario = {
  name: 'resync',
  figures: [
    { id: 'resync.wall', label: 'Resync: socket open → ready', unit: 'ms', before: '147 ms (floor 46 ms)', hasFloor: true },
    { id: 'resync.cpu', label: 'Resync: main-thread CPU', unit: 'ms', before: '87 ms (floor 18 ms)', hasFloor: true, budget: { floorTimes: 2 } },
    { id: 'resync.roundTrips', label: 'Resync: round trips to ready', unit: 'count', before: '5', hasFloor: true, budget: { max: 1 } },
    { id: 'resync.requests', label: 'Resync: subscribe requests', unit: 'count', before: '5' },
    { id: 'firstLoad.wall', label: 'First load: navigation → ready', unit: 'ms', before: '439 ms (floor 48 ms)', hasFloor: true },
    { id: 'firstLoad.cpu', label: 'First load: main-thread CPU', unit: 'ms', before: '194 ms (floor 21 ms)', hasFloor: true },
    { id: 'firstLoad.roundTrips', label: 'First load: round trips to ready', unit: 'count', hasFloor: true, budget: { max: 2 } },
  ],
  async run(ctx: BenchContext): Promise<RunResult> {
    const v = await visitorWithAgent(ctx, 'resync');
    try {
      const bulk = await v.control.act(v.conversationId, 'bulk', { agentId: v.agentId, count: EVENTS - 3, text: 'History' });
      const last = bulk.last;
      await v.control.seedClosedHistory(v.consumerId, CLOSED);
      await v.page.close();

      // First load: a returning visitor whose window was open.
      const loaded = await comesBack(v, last);
      const { page, frame, main } = loaded;
      const firstCpu = loaded.cpu;
      const navigated = loaded.navigated;
      const firstRequests = requestsOf(loaded.tap, 0).filter((r) => isSubscribeRequest(r) && r.at <= loaded.ready);
      await sleep(500);

      // Resync: every socket dropped; the widget reconnects and resubscribes.
      const before = await pollTap(frame);
      const cpu1 = await main.taskMs();
      await faultsOf(ctx.standIn.url).drop();
      // Awaited in the page (no polling, which would cost the page CPU): the new socket open, then
      // the session online (the host's 'connection' event: the status line waits out a short drop).
      const resynced = (await frame.evaluate(`window.__bench.onlineOnNewSocket(${before.opens.length})`)) as { open: number; ready: number };
      const resyncCpu = (await main.taskMs()) - cpu1;
      const resyncTap = await readTap(frame, before.frameCount);
      const resyncRequests = requestsOf(resyncTap).filter((r) => isSubscribeRequest(r) && r.at <= resynced.ready);
      await main.detach();
      const url = resyncTap.opens[0]?.url ?? '';
      await page.close();

      const floorPage = await v.frame.page().context().newPage();
      const floorFirst = await floorRun(floorPage, { url, frames: firstRequests.map((r) => r.raw), expectSequence: last }, ctx.floorUrl);
      await sleep(200);
      const floorResync = await floorRun(floorPage, { url, frames: resyncRequests.map((r) => r.raw) }, undefined);
      await floorPage.close();
      return {
        values: {
          'resync.wall': resynced.ready - resynced.open,
          'resync.cpu': resyncCpu,
          'resync.roundTrips': roundTrips(resyncRequests, resynced.ready),
          'resync.requests': resyncRequests.length,
          'firstLoad.wall': loaded.ready - navigated,
          'firstLoad.cpu': firstCpu,
          'firstLoad.roundTrips': roundTrips(firstRequests, loaded.ready),
        },
        floor: {
          'resync.wall': floorResync.wall,
          'resync.cpu': floorResync.cpu,
          'resync.roundTrips': 1,
          'firstLoad.wall': floorFirst.wall,
          'firstLoad.cpu': floorFirst.cpu,
          'firstLoad.roundTrips': 1,
        },
      };
    } finally {
      await v.close();
    }
  },
};
