// @vitest-environment jsdom
// Hostile structured content, read by LivePerson's reader (src/liveperson/richContent.ts) and
// rendered through the real Timeline and MessageBubble: each card falls back to its text, and the
// window stays usable. (LivePerson's hostile frames through the same Timeline: hostileTimeline.fuzz.test.tsx.)
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { readRichContent } from '../liveperson/richContent';
import { rows } from '../ui/testing/fakeSession';
import { renderWidget } from '../ui/testing/renderWidget';

afterEach(() => {
  cleanup();
});

describe('Timeline under hostile cards', () => {
  it('draws hostile cards as their bare fallback text: 10,000 elements, deep nesting, a 5 MB caption', async () => {
    const huge = 'c'.repeat(5 * 1024 * 1024);
    let deep: unknown = { type: 'text', text: 'bottom' };
    for (let i = 0; i < 60; i++) deep = { type: 'vertical', elements: [deep] };
    const hostile = [
      { type: 'vertical', elements: Array.from({ length: 10_000 }, (_, i) => ({ type: 'text', text: `t${i}` })) },
      deep,
      { type: 'vertical', elements: [{ type: 'image', url: 'https://a.example/i.png', caption: huge }] },
    ];
    const timeline = [
      ...hostile.map((content, i) => rows.agentText(i + 1, '', 'agent-1', { body: { kind: 'rich', fallbackText: `fallback ${i + 1}`, content } })),
      rows.agentText(4, '', 'agent-1', { body: { kind: 'rich', fallbackText: 'good', content: { type: 'vertical', elements: [{ type: 'text', text: 'A good card' }] } } }),
    ];
    renderWidget({ richContent: readRichContent, open: true, chat: { timeline } });
    const log = screen.getByRole('log');
    expect(await within(log).findByText('A good card')).toBeTruthy();
    for (const i of [1, 2, 3]) expect(within(log).getByText(`fallback ${i}`)).toBeTruthy();
    expect(log.querySelector('[data-render-failed]')).toBeNull();
    // Rejected before drawing: each hostile bubble holds its fallback as one bare text node, no
    // element at all (not 10,000 paragraphs, 61 nested boxes or a 5 MB figure), and the only card
    // drawn in the log is the good one: its .parley-rich wrapper, the vertical and its text.
    const bubbles = [...log.querySelectorAll('.parley-bubble')];
    expect(bubbles).toHaveLength(4);
    bubbles.slice(0, 3).forEach((bubble, i) => {
      expect(bubble.textContent).toBe(`fallback ${i + 1}`);
      expect(bubble.querySelectorAll('*')).toHaveLength(0);
    });
    expect(log.querySelectorAll('[class*="parley-rich"]')).toHaveLength(3);
  });
});
