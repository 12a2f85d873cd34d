// @vitest-environment jsdom
// <ParleyChat>: rebuilt only when the configuration's content changes; getJwt (a function, not
// part of that content) reaches the page side of the bridge, and the newest one is called.
import { render } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParleyChat } from './ParleyChat';
import { TAG } from './protocol';
import { polyfillForEmbed } from './testing/harness';

const APP = 'https://cdn.parley.example/frame.html';

beforeAll(() => polyfillForEmbed());

describe('<ParleyChat>', () => {
  it('keeps one widget across renders and asks the newest getJwt', async () => {
    const config = (getJwt: () => Promise<string>) => ({ account: 'acme', appUrl: APP, load: 'intent' as const, getJwt });
    const view = render(<ParleyChat config={config(async () => 'first')} />);
    const widget = document.querySelector('parley-widget');
    view.rerender(<ParleyChat config={config(async () => 'second')} />);
    expect(document.querySelector('parley-widget')).toBe(widget);

    const root = widget!.shadowRoot!;
    root.querySelector('button')!.dispatchEvent(new Event('pointerenter'));
    const posted: unknown[] = [];
    const frameWindow = { postMessage: (data: unknown) => posted.push(data) };
    Object.defineProperty(root.querySelector('iframe')!, 'contentWindow', { get: () => frameWindow });
    const fromFrame = (data: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin: 'https://cdn.parley.example', source: frameWindow as unknown as Window }));
    fromFrame({ tag: TAG, type: 'ready' });
    expect(posted[0]).toMatchObject({ type: 'init', hostJwt: true });
    fromFrame({ tag: TAG, type: 'getJwt', id: 7 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted[1]).toEqual({ tag: TAG, type: 'token', id: 7, jwt: 'second' });

    view.rerender(<ParleyChat config={{ account: 'acme', appUrl: APP, load: 'intent' }} />);
    expect(document.querySelector('parley-widget')).not.toBe(widget);
    view.unmount();
    expect(document.querySelector('parley-widget')).toBeNull();
  });
});
