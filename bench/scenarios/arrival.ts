// 10,000 messages: arriving live in an open window (the stand-in's bulk send: notifications of
// 500 changes), then as a returning visitor's history (socket open to the last message shown),
// with the most rows in the DOM during each arrival, then a scroll upwards.
import { pollTap, readTap, sleep, until } from '../env';
import { comesBack, droppedFrames, firstNotificationAfter, longTasksIn, onlineAfter, visitorWithAgent, type BenchContext, type RunResult, type Scenario } from '../scenario';

const MESSAGES = 10_000;
const SCROLL_FRAMES = 240;
const SCROLL_STEP_PX = 60;
/** "The DOM bounded at all times": a viewport's rows and the overscan, whatever the conversation's length. */
const ROWS_BOUND = 100;

export const arrival: Scenario = {
  name: 'arrival',
  figures: [
    { id: 'live.wall', label: '10,000 messages live (notifications of 500): first arrival → last shown', unit: 'ms', before: '1,700 ms', budget: { max: 500 } },
    { id: 'live.rowsMax', label: '10,000 messages live: most rows in the DOM during arrival', unit: 'count', before: '501', budget: { max: ROWS_BOUND } },
    { id: 'live.longTasks', label: '10,000 messages live: long tasks during arrival', unit: 'count' },
    { id: 'arrival.wall', label: '10,000-message history: socket open → last shown', unit: 'ms', budget: { max: 500 } },
    { id: 'arrival.cpu', label: '10,000-message history: main-thread CPU (navigation → shown)', unit: 'ms' },
    { id: 'arrival.longTasks', label: '10,000-message history: long tasks during arrival', unit: 'count' },
    { id: 'arrival.rowsMax', label: '10,000-message history: most rows in the DOM during arrival', unit: 'count', budget: { max: ROWS_BOUND } },
    { id: 'scroll.rowsMax', label: 'Scroll: most rows in the DOM', unit: 'count', before: '18' },
    { id: 'scroll.longTasks', label: `Scroll (${SCROLL_FRAMES} frames × ${SCROLL_STEP_PX} px): long tasks`, unit: 'count', budget: { max: 0 } },
    { id: 'scroll.dropped', label: 'Scroll: dropped frames', unit: 'count' },
  ],
  async run(ctx: BenchContext): Promise<RunResult> {
    const v = await visitorWithAgent(ctx, 'arrival');
    try {
      // Live, into the open window of a new conversation.
      await until('the widget online', async () => onlineAfter(await pollTap(v.frame), 0));
      await sleep(500);
      await v.frame.evaluate('window.__bench.resetRows()');
      const liveFrom = Date.now();
      const live = await v.control.act(v.conversationId, 'bulk', { agentId: v.agentId, count: MESSAGES, text: 'Live' });
      const liveShown = await until('the last live message shown', async () => (await pollTap(v.frame)).seqSeen[String(live.last)], 120_000);
      const liveTap = await readTap(v.frame);
      const liveFirst = firstNotificationAfter(liveTap, liveFrom) ?? liveFrom;
      await v.page.close();

      // The history: the visitor comes back with the window open.
      const shown = await comesBack(v, live.last);
      const { frame, cpu } = shown;
      await shown.main.detach();
      const open = shown.tap.opens[0]?.open ?? shown.shownAt;
      await sleep(1_000);

      await frame.evaluate('window.__bench.resetRows()');
      const scrollFrom = Date.now();
      await frame.evaluate('window.__bench.startFrames()');
      await frame.evaluate(`window.__bench.scrollUp(${SCROLL_STEP_PX}, ${SCROLL_FRAMES})`);
      const rafs = (await frame.evaluate('window.__bench.stopFrames()')) as number[];
      const scrolled = await readTap(frame);
      return {
        values: {
          'live.wall': liveShown - liveFirst,
          'live.rowsMax': liveTap.rowsMax,
          'live.longTasks': longTasksIn(liveTap, liveFirst, liveShown).length,
          'arrival.wall': shown.shownAt - open,
          'arrival.cpu': cpu,
          'arrival.longTasks': longTasksIn(shown.tap, open, shown.shownAt).length,
          'arrival.rowsMax': shown.tap.rowsMax,
          'scroll.rowsMax': scrolled.rowsMax,
          'scroll.longTasks': longTasksIn(scrolled, scrollFrom, Date.now()).length,
          'scroll.dropped': droppedFrames(rafs),
        },
      };
    } finally {
      await v.close();
    }
  },
};
