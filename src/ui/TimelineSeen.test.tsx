// @vitest-environment jsdom
// What the visitor saw (READ), the "↓ New messages" button and the "New messages" divider, over the
// fake session with a controllable IntersectionObserver (jsdom lays nothing out; e2e/attention.spec.ts
// drives the real one in Chromium).
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TimelineRow } from '../core/model';
import { rows } from './testing/fakeSession';
import { installIntersections, type Intersections } from './testing/intersection';
import { renderWidget } from './testing/renderWidget';

const names = { 'agent-1': 'Dana' };
let io: Intersections;
beforeEach(() => {
  io = installIntersections();
});
afterEach(() => vi.unstubAllGlobals());

const slotOf = (text: string) => screen.getByText(text).closest('[data-row-key]') as HTMLElement;
const seenCalls = (session: ReturnType<typeof renderWidget>['session']) => session.callsOf('markSeen').map((c) => c.rowKeys);

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  act(() => void document.dispatchEvent(new Event('visibilitychange')));
}
afterEach(() => void delete (document as { visibilityState?: unknown }).visibilityState);

/** Gives the timeline's scroller a geometry (jsdom has none) and scrolls it: `fromBottom` px above the end. */
function scrollUp(fromBottom: number) {
  const scroller = document.querySelector('.parley-timeline') as HTMLElement;
  Object.defineProperty(scroller, 'scrollHeight', { configurable: true, value: 2_000 });
  Object.defineProperty(scroller, 'clientHeight', { configurable: true, value: 400 });
  scroller.scrollTop = 1_600 - fromBottom;
  fireEvent.scroll(scroller);
  return scroller;
}

describe('seen rows (READ means it was on screen)', () => {
  const timeline: TimelineRow[] = [rows.consumerText('c1', 'Hi', 'sent', 1), rows.agentText(2, 'First answer'), rows.agentText(3, 'Second answer')];

  it('reports an agent row once at least half of it is on screen, once, and never the visitor’s own rows', async () => {
    const { session } = renderWidget({ open: true, chat: { names, timeline, unread: 2 } });
    expect(io.observed()).not.toContain(slotOf('Hi'));
    act(() => io.show(slotOf('First answer'), 0.4));
    expect(seenCalls(session)).toEqual([]);
    act(() => io.show(slotOf('First answer'), 0.5));
    expect(seenCalls(session)).toEqual([['m-2']]);
    act(() => io.show(slotOf('First answer'), 1));
    act(() => io.show(slotOf('First answer'), 0));
    act(() => io.show(slotOf('First answer'), 1));
    expect(seenCalls(session)).toEqual([['m-2']]);
  });

  it('counts a bubble taller than the viewport once it fills half of it', async () => {
    const { session } = renderWidget({ open: true, chat: { names, timeline, unread: 2 } });
    act(() => io.show(slotOf('Second answer'), 0.3, { height: 2_000, viewport: 400 }));
    expect(seenCalls(session)).toEqual([['m-3']]);
  });

  it('never watches a row windowed out of the DOM (a long conversation renders only its tail here)', async () => {
    const long = Array.from({ length: 1_000 }, (_, i) => rows.agentText(i, `Message ${i}`));
    const { session } = renderWidget({ open: true, chat: { names, timeline: long, unread: 1_000 } });
    const watched = io.observed().map((element) => element.getAttribute('data-row-key'));
    expect(watched.length).toBeGreaterThan(0);
    expect(watched.length).toBeLessThan(100);
    expect(watched).not.toContain('m-0');
    for (const element of io.observed()) act(() => io.show(element, 1));
    expect(seenCalls(session).flat()).toEqual(expect.arrayContaining(watched));
    expect(seenCalls(session).flat()).not.toContain('m-0');
  });

  it('sees nothing while the window is closed or the tab hidden, and what is on screen once both change', async () => {
    const { session, setOpen } = renderWidget({ open: false, chat: { names, timeline, unread: 2 } });
    act(() => io.show(slotOf('First answer'), 1));
    expect(seenCalls(session)).toEqual([]);
    setVisibility('hidden');
    setOpen(true);
    act(() => io.show(slotOf('Second answer'), 1));
    expect(seenCalls(session)).toEqual([]);
    setVisibility('visible');
    expect(seenCalls(session).flat().sort()).toEqual(['m-2', 'm-3']);
  });
});

describe('"↓ New messages" and the divider', () => {
  const older = [rows.agentText(1, 'Read long ago'), rows.consumerText('c1', 'Thanks', 'read', 2)];

  it('shows the button while unseen new messages are below the fold, scrolls to the first of them, and hides once they are seen', async () => {
    const { push, user } = renderWidget({ open: true, chat: { names, timeline: older } });
    const scroller = scrollUp(500);
    expect(screen.queryByRole('button', { name: 'New messages' })).toBeNull();
    await push({ chat: { timeline: [...older, rows.agentText(3, 'New one'), rows.agentText(4, 'Newer one')], unread: 2 } });
    const button = screen.getByRole('button', { name: 'New messages' });
    // jsdom lays nothing out: the first new row says it is 300 px below the scroller's top.
    vi.spyOn(slotOf('New one'), 'getBoundingClientRect').mockReturnValue({ top: 300 } as DOMRect);
    scroller.scrollTop = 900;
    await user.click(button);
    expect(scroller.scrollTop).toBe(900 + 300 - 8);
    act(() => io.show(slotOf('New one'), 1));
    expect(screen.getByRole('button', { name: 'New messages' })).toBeTruthy(); // "Newer one" is still below
    act(() => io.show(slotOf('Newer one'), 1));
    expect(screen.queryByRole('button', { name: 'New messages' })).toBeNull();
  });

  it('does not show the button at the bottom (the new message is on screen there)', async () => {
    const { push } = renderWidget({ open: true, chat: { names, timeline: older } });
    await push({ chat: { timeline: [...older, rows.agentText(3, 'New one')], unread: 1 } });
    expect(screen.queryByRole('button', { name: 'New messages' })).toBeNull();
  });

  it('puts the divider above the first unread message when the window opens, and keeps it there while open', async () => {
    const timeline = [...older, rows.agentText(3, 'While you were away'), rows.agentText(4, 'And this')];
    const { push, setOpen } = renderWidget({ open: false, chat: { names, timeline, unread: 2 } });
    expect(screen.queryByRole('separator')).toBeNull();
    setOpen(true);
    const divider = screen.getByRole('separator');
    expect(divider.textContent).toBe('New messages');
    expect(slotOf('While you were away').contains(divider)).toBe(true);
    // Read while open: it stays; the next opening has nothing unread: none.
    await push({ chat: { unread: 0 } });
    expect(slotOf('While you were away').contains(screen.getByRole('separator'))).toBe(true);
    setOpen(false);
    setOpen(true);
    expect(screen.queryByRole('separator')).toBeNull();
  });

  it('waits for the conversation to load when the window opened before it', async () => {
    const { push } = renderWidget({ open: true, chat: { names } });
    await push({ chat: { timeline: [...older, rows.agentText(3, 'Unread after the reload')], unread: 1 } });
    expect(slotOf('Unread after the reload').contains(screen.getByRole('separator'))).toBe(true);
  });
});
