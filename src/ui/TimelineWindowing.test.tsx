// @vitest-environment jsdom
// Windowing in jsdom: there is no layout here, so the viewport height and the scroll offset are
// set by hand and every row counts at the estimated height (the real geometry is tested in Chromium,
// e2e/limits.spec.ts).
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TimelineRow } from '../core/model';
import { ESTIMATED_ROW_PX, FULL_RENDER_MAX, TAIL_ROWS } from './windowing';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

const VIEWPORT = 400;
let viewport = 0;
const original = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');

beforeEach(() => {
  viewport = VIEWPORT;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => viewport });
});
afterEach(() => {
  if (original) Object.defineProperty(HTMLElement.prototype, 'clientHeight', original);
});

const conversation = (count: number): TimelineRow[] =>
  Array.from({ length: count }, (_, i) => (i % 2 === 0 ? rows.agentText(i, `agent ${i}`) : rows.consumerText(`c${i}`, `visitor ${i}`, 'sent', i)));

const renderedSequences = () => [...screen.getByRole('log').querySelectorAll('[data-sequence]')].map((el) => Number(el.getAttribute('data-sequence')));

/** Scrolls to `top` of a scroll height of every rendered row and spacer (the view follows the end only near it). */
function scrollTo(top: number) {
  const scroller = screen.getByRole('log').parentElement as HTMLElement;
  const log = screen.getByRole('log');
  const height = () => [...log.querySelectorAll('.parley-spacer')].reduce((total, el) => total + parseFloat((el as HTMLElement).style.height), 0) + log.querySelectorAll('[data-row-key]').length * ESTIMATED_ROW_PX;
  Object.defineProperty(scroller, 'scrollHeight', { configurable: true, get: height });
  Object.defineProperty(scroller, 'scrollTop', { configurable: true, get: () => top, set: () => {} });
  act(() => void fireEvent.scroll(scroller));
}

describe('timeline windowing', () => {
  it('renders every row of an ordinary conversation', () => {
    renderWidget({ open: true, chat: { timeline: conversation(FULL_RENDER_MAX) } });
    expect(renderedSequences()).toHaveLength(FULL_RENDER_MAX);
  });

  it('keeps only the rows near the viewport in the DOM for 10,000 events, in order, with their marks', () => {
    renderWidget({ open: true, chat: { timeline: conversation(10_000) } });
    const first = renderedSequences();
    expect(first.length).toBeGreaterThan(0);
    expect(first.length).toBeLessThanOrEqual(Math.ceil((VIEWPORT + 2 * 600) / ESTIMATED_ROW_PX) + 1);
    scrollTo(5000 * ESTIMATED_ROW_PX);
    const middle = renderedSequences();
    expect(middle.length).toBeLessThanOrEqual(40);
    expect(middle).toContain(5000);
    expect(middle).toEqual([...middle].sort((a, b) => a - b));
    expect(middle.every((s, i) => i === 0 || s === (middle[i - 1] as number) + 1)).toBe(true);
    const log = screen.getByRole('log');
    expect(log.querySelector('[data-sequence="5000"]')?.getAttribute('data-originator')).toBe('agent');
    expect(log.querySelector('[data-sequence="5001"]')?.getAttribute('data-originator')).toBe('consumer');
    // Spacers keep the full scroll height: rows above and below are accounted for.
    const spacers = [...log.querySelectorAll('.parley-spacer')].map((el) => parseFloat((el as HTMLElement).style.height));
    expect(spacers.reduce((a, b) => a + b, 0) + middle.length * ESTIMATED_ROW_PX).toBeCloseTo(10_000 * ESTIMATED_ROW_PX);
  });

  it('at the bottom, 500 new rows render at once at the end, before any scroll event says where the view went', async () => {
    const history = conversation(10_000);
    const { push } = renderWidget({ open: true, chat: { timeline: history } });
    expect(renderedSequences().at(-1)).toBe(9_999);
    const more = Array.from({ length: 500 }, (_, i) => rows.agentText(10_000 + i, `more ${i}`));
    await push({ chat: { timeline: [...history, ...more] } });
    const shown = renderedSequences();
    expect(shown.at(-1)).toBe(10_499);
    expect(shown.length).toBeLessThanOrEqual(Math.ceil((VIEWPORT + 2 * 600) / ESTIMATED_ROW_PX) + 1);
  });

  it('renders the latest rows while the timeline has no size yet', () => {
    viewport = 0;
    renderWidget({ open: true, chat: { timeline: conversation(10_000) } });
    expect(renderedSequences()).toEqual(Array.from({ length: TAIL_ROWS }, (_, i) => 10_000 - TAIL_ROWS + i));
  });

  it('announces a new agent message once, even when its row is scrolled out of the DOM', async () => {
    const history = conversation(10_000);
    const { push } = renderWidget({ open: true, chat: { timeline: history } });
    scrollTo(0);
    const fresh = rows.agentText(10_000, 'A new answer');
    await push({ chat: { timeline: [...history, fresh], unread: 1 } });
    expect(renderedSequences()).not.toContain(10_000);
    const polite = document.querySelector('[aria-live="polite"]') as HTMLElement;
    expect(polite.textContent).toBe('Agent: A new answer');
    await push({ chat: { timeline: [...history, fresh, rows.consumerText('c-new', 'thanks', 'pending')] } });
    expect(polite.querySelectorAll('p')).toHaveLength(1);
  });
});
