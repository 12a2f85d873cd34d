// @vitest-environment jsdom
// The loader's widget in a host page: where it mounts, what it needs of the host's globals, the
// launcher's live region, Escape on the launcher, and the full-screen (modal) flag for the frame.
// (Replaced Map/Set/Promise/URL and a patched Array.prototype are tested in Chromium,
// e2e/embed-isolation.spec.ts: jsdom itself uses this realm's globals.)
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from './protocol';
import { createEmbed, FULL_SCREEN } from './embed';
import { APP, mediaQueries, polyfillForEmbed, setupEmbed, type EmbedHarness } from './testing/harness';

let fullScreen = false;
beforeAll(() => polyfillForEmbed(() => fullScreen));

let harness: EmbedHarness | undefined;
afterEach(() => {
  harness?.api.destroy();
  harness = undefined;
  fullScreen = false;
});
const setup = (...args: Parameters<typeof setupEmbed>) => (harness = setupEmbed(...args));

describe('the widget in the host page', () => {
  it('mounts on <html>, not <body>: a transformed body would capture its fixed position', () => {
    const { host } = setup();
    expect(host.parentNode).toBe(document.documentElement);
  });

  it('answers getJwt from a plain value, a rejection or a throw, without the host Promise', () => {
    const answers: Array<() => unknown> = [() => 'plain', () => ({ then: (_: unknown, fail: (e: unknown) => void) => fail(new Error('IdP down')) }), () => { throw new Error('boom'); }];
    let next = 0;
    const h = setup({ getJwt: () => answers[next++]!() as Promise<string> });
    h.api.open();
    h.fromFrame({ tag: TAG, type: 'ready' });
    for (const id of [1, 2, 3]) h.fromFrame({ tag: TAG, type: 'getJwt', id });
    const tokens = h.frameWindow().postMessage.mock.calls.map(([m]) => m as { type: string }).filter((m) => m.type === 'token');
    expect(tokens).toEqual([
      { tag: TAG, type: 'token', id: 1, jwt: 'plain' },
      { tag: TAG, type: 'token', id: 2, error: 'IdP down' },
      { tag: TAG, type: 'token', id: 3, error: 'boom' },
    ]);
  });

  it('announces what the frame says about unread messages in a polite live region of its own', () => {
    const { live, launcher, fromFrame, api } = setup();
    api.open();
    api.close();
    expect(live?.getAttribute('aria-live')).toBe('polite');
    expect(live?.textContent).toBe('');
    fromFrame({ tag: TAG, type: 'unread', count: 1, say: 'New message from Dana: hi' });
    expect(live?.textContent).toBe('New message from Dana: hi');
    expect(launcher.getAttribute('aria-label')).toBe('Open chat, 1 unread');
    // A count without words (read, or fewer) leaves the last announcement; junk is never shown as markup.
    fromFrame({ tag: TAG, type: 'unread', count: 0 });
    expect(live?.textContent).toBe('New message from Dana: hi');
    fromFrame({ tag: TAG, type: 'unread', count: 2, say: '<img src=x onerror=alert(1)>' });
    expect(live?.querySelector('img')).toBeNull();
    expect(live?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('Escape on the launcher closes the open window; a closed one stays closed', () => {
    const { launcher, api, fromFrame, frameWindow } = setup();
    launcher.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    api.open();
    fromFrame({ tag: TAG, type: 'ready' });
    launcher.focus();
    launcher.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    const sent = frameWindow().postMessage.mock.calls.map(([m]) => m as { type: string; open?: boolean });
    expect(sent.filter((m) => m.type === 'open')).toEqual([{ tag: TAG, type: 'open', open: false, modal: false }]);
  });

  it('tells the frame whether its layout is full screen (modal), at init, on open and when it changes', () => {
    fullScreen = true;
    const { api, fromFrame, frameWindow } = setup();
    api.open();
    fromFrame({ tag: TAG, type: 'ready' });
    const post = frameWindow().postMessage;
    expect(post.mock.calls[0]?.[0]).toMatchObject({ type: 'init', open: true, modal: true });
    fullScreen = false;
    const media = mediaQueries[mediaQueries.length - 1]!;
    expect(media.media).toBe(FULL_SCREEN);
    media.onchange?.();
    expect(post.mock.calls[1]?.[0]).toMatchObject({ type: 'open', open: true, modal: false });
  });

  it('destroy() is final: nothing is drawn or posted afterwards, and a new widget can take its place', () => {
    const first = setup();
    first.launcher.dispatchEvent(new Event('pointerenter'));
    const post = first.frameWindow().postMessage;
    first.api.destroy();
    first.fromFrame({ tag: TAG, type: 'ready' });
    first.api.open();
    expect(post).not.toHaveBeenCalled();
    expect(document.querySelectorAll('parley-widget')).toHaveLength(0);
    const second = createEmbed({ account: 'acme', appUrl: APP, load: 'intent' });
    expect(document.querySelectorAll('parley-widget')).toHaveLength(1);
    second.destroy();
  });
});
