// @vitest-environment jsdom
// Work proportional to the change: a commit re-renders only the rows whose object changed.
// Each row's render is counted at its MessageBoundary, which the row's slot renders every time it does.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineRow } from '../core/model';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

const renders = vi.hoisted(() => [] as string[]);
/** Renders of the Timeline itself: it asks for its window of rows once per render. */
const timelineRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('./windowing', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./windowing')>();
  return {
    ...actual,
    useVirtualRows: (...args: Parameters<typeof actual.useVirtualRows>) => {
      timelineRenders.count++;
      return actual.useVirtualRows(...args);
    },
  };
});
vi.mock('./boundaries', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./boundaries')>();
  return {
    ...actual,
    MessageBoundary: (props: Parameters<typeof actual.MessageBoundary>[0]) => {
      renders.push(String(props.sequence));
      return actual.MessageBoundary(props);
    },
  };
});

const TEN_MINUTES = 10 * 60_000;
/** Agent messages ten minutes apart: each is a group of its own, so a new one changes no neighbour. */
const agent = (sequence: number): TimelineRow => rows.agentText(sequence, `agent ${sequence}`, 'agent-1', { at: 1_700_000_000_000 + sequence * TEN_MINUTES });

beforeEach(() => {
  renders.length = 0;
  timelineRenders.count = 0;
});

describe('timeline renders', () => {
  it('a new message renders that row alone; the rows before it do not render again', async () => {
    const timeline = [agent(1), agent(2), agent(3), agent(4), agent(5)];
    const { push } = renderWidget({ open: true, chat: { timeline } });
    expect([...renders].sort()).toEqual(['1', '2', '3', '4', '5']);
    renders.length = 0;
    await push({ chat: { timeline: [...timeline, agent(6)] } });
    expect(renders).toEqual(['6']);
  });

  it('a changed row (a receipt) renders alone; an unchanged timeline renders no row', async () => {
    const mine = rows.consumerText('c1', 'hello', 'sent', 2);
    const timeline = [agent(1), mine, agent(3)];
    const { push } = renderWidget({ open: true, chat: { timeline } });
    renders.length = 0;
    const [first, , last] = timeline as [TimelineRow, TimelineRow, TimelineRow];
    await push({ chat: { timeline: [first, { ...mine, receipt: 'read' } as TimelineRow, last] } });
    expect(renders).toEqual(['2']);
    renders.length = 0;
    await push({ chat: { unread: 1 } });
    expect(renders).toEqual([]);
  });

  it('a new agent message renders the timeline once: announcing it and seeing it render only their own parts', async () => {
    const timeline = [agent(1), agent(2)];
    const { push } = renderWidget({ open: true, chat: { timeline } });
    timelineRenders.count = 0;
    await push({ chat: { timeline: [...timeline, agent(3)], unread: 1 } });
    expect(timelineRenders.count).toBe(1);
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toContain('agent 3');
  });

  it('a burst of 500 unread agent messages writes the three it keeps to the live region, not 500', async () => {
    const timeline = [agent(1)];
    const { push } = renderWidget({ open: true, chat: { timeline } });
    const burst = Array.from({ length: 500 }, (_, i) => agent(2 + i));
    const created = vi.spyOn(document, 'createElement');
    await push({ chat: { timeline: [...timeline, ...burst], unread: 500 } });
    const lines = created.mock.calls.filter(([tag]) => tag === 'p').length;
    created.mockRestore();
    expect(lines).toBe(3);
    expect([...(document.querySelector('[aria-live="polite"]')?.children ?? [])].map((p) => p.textContent)).toEqual(['Agent: agent 499', 'Agent: agent 500', 'Agent: agent 501']);
  });
});
