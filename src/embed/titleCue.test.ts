// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createTitleCue } from './titleCue';

describe('the page title as an attention cue', () => {
  it('counts unread while the window is closed, and gives the page its own title back', () => {
    document.title = 'Shop';
    const cue = createTitleCue(document);
    cue.update(0, false);
    expect(document.title).toBe('Shop');
    cue.update(2, false);
    expect(document.title).toBe('(2) Shop');
    cue.update(3, false);
    expect(document.title).toBe('(3) Shop');
    // Open in a visible tab: the page's own title.
    cue.update(3, true);
    expect(document.title).toBe('Shop');
    cue.update(1, false);
    // The page changes its title meanwhile (an SPA's route): that one comes back.
    document.title = 'Checkout';
    cue.update(2, false);
    expect(document.title).toBe('(2) Checkout');
    cue.update(0, false);
    expect(document.title).toBe('Checkout');
  });

  it('counts while the tab is hidden, even with the window open', () => {
    document.title = 'Docs';
    const cue = createTitleCue(document);
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    try {
      cue.update(1, true);
      expect(document.title).toBe('(1) Docs');
    } finally {
      Object.defineProperty(document, 'hidden', { value: false, configurable: true });
    }
    // Visible again (embed.ts updates on visibilitychange): the page's own title.
    cue.update(1, true);
    expect(document.title).toBe('Docs');
  });
});
