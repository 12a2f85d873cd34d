// @vitest-environment jsdom
// <ParleyChat>: rebuilt only when what the widget is built from changes; getJwt (a function, not
// part of that content) reaches the page side of the bridge, and the newest one is called; the ref
// works before the widget exists, and its listeners and the open window survive a rebuild; a new
// jwt goes through setJwt().
import { render } from '@testing-library/react';
import { createRef, useLayoutEffect, type RefObject } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParleyChat } from './ParleyChat';
import { TAG } from './protocol';
import { polyfillForEmbed } from './testing/harness';
import type { EmbedConfig, ParleyApi } from './types';

const APP = 'https://cdn.parley.example/frame.html';

beforeAll(() => polyfillForEmbed());

/** The widget now on the page: its launcher, and its frame (loaded) with a recording window. */
function current() {
  const hosts = document.querySelectorAll('parley-widget');
  expect(hosts).toHaveLength(1);
  const root = hosts[0]!.shadowRoot!;
  const launcher = root.querySelector('button')!;
  launcher.dispatchEvent(new Event('pointerenter'));
  const frame = root.querySelector('iframe')!;
  const posted: Array<Record<string, unknown>> = [];
  const frameWindow = { postMessage: (data: Record<string, unknown>) => posted.push(data) };
  Object.defineProperty(frame, 'contentWindow', { get: () => frameWindow });
  const fromFrame = (data: unknown) =>
    window.dispatchEvent(new MessageEvent('message', { data, origin: 'https://cdn.parley.example', source: frameWindow as unknown as Window }));
  fromFrame({ tag: TAG, type: 'ready' });
  return { host: hosts[0]!, launcher, posted, fromFrame };
}

describe('<ParleyChat>', () => {
  it('keeps one widget across renders and asks the newest getJwt', async () => {
    const config = (getJwt: () => Promise<string>) => ({ account: 'acme', appUrl: APP, load: 'intent' as const, getJwt });
    const view = render(<ParleyChat config={config(async () => 'first')} />);
    const widget = document.querySelector('parley-widget');
    view.rerender(<ParleyChat config={config(async () => 'second')} />);
    expect(document.querySelector('parley-widget')).toBe(widget);

    const { posted, fromFrame } = current();
    expect(posted[0]).toMatchObject({ type: 'init', hostJwt: true });
    fromFrame({ tag: TAG, type: 'getJwt', id: 7 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(posted[1]).toEqual({ tag: TAG, type: 'token', id: 7, jwt: 'second' });

    view.rerender(<ParleyChat config={{ account: 'acme', appUrl: APP, load: 'intent' }} />);
    expect(document.querySelector('parley-widget')).not.toBe(widget);
    view.unmount();
    expect(document.querySelector('parley-widget')).toBeNull();
  });

  it('takes calls before the widget exists, and keeps listeners and the open window across a rebuild', () => {
    const heard: unknown[] = [];
    const listener = (m: unknown) => heard.push(m);
    // A host that uses the ref in a layout effect: before <ParleyChat>'s own effect has built the widget.
    function Host({ config, api }: { config: EmbedConfig; api: RefObject<ParleyApi | null> }) {
      useLayoutEffect(() => {
        api.current?.on('message', listener);
        api.current?.open();
      }, [api]);
      return <ParleyChat config={config} ref={api} />;
    }
    const api = createRef<ParleyApi>();
    const base = { account: 'acme', appUrl: APP, load: 'intent' as const };
    const view = render(<Host config={{ ...base, lang: 'en' }} api={api} />);
    const first = current();
    expect(first.launcher.getAttribute('aria-expanded')).toBe('true');
    first.fromFrame({ tag: TAG, type: 'events', events: [{ name: 'message', detail: { id: 'm1' } }] });
    expect(heard).toEqual([{ id: 'm1' }]);

    // A new language rebuilds the widget: the listener is attached to the new one, the window stays open.
    view.rerender(<Host config={{ ...base, lang: 'he' }} api={api} />);
    const second = current();
    expect(second.host).not.toBe(first.host);
    expect(second.host.getAttribute('lang')).toBe('he');
    expect(second.launcher.getAttribute('aria-expanded')).toBe('true');
    expect(second.posted[0]).toMatchObject({ type: 'init', open: true });
    second.fromFrame({ tag: TAG, type: 'events', events: [{ name: 'message', detail: { id: 'm2' } }] });
    expect(heard).toEqual([{ id: 'm1' }, { id: 'm2' }]);

    // Closed by the visitor (from the frame), then rebuilt again: it stays closed.
    second.fromFrame({ tag: TAG, type: 'open', open: false });
    view.rerender(<Host config={{ ...base, lang: 'en' }} api={api} />);
    expect(current().launcher.getAttribute('aria-expanded')).toBe('false');
    api.current!.off('message', listener);
    expect(() => api.current!.on('mesage' as 'message', listener)).toThrow('Parley.on: unknown event "mesage"');
    view.unmount();
  });

  it('sends a new jwt through setJwt() to the same widget, not a rebuild', () => {
    const base = { account: 'acme', appUrl: APP, load: 'intent' as const };
    const view = render(<ParleyChat config={{ ...base, jwt: 'token-1' }} />);
    const { host, posted } = current();
    expect(posted[0]).toMatchObject({ type: 'init', config: { jwt: 'token-1' } });
    view.rerender(<ParleyChat config={{ ...base, jwt: 'token-2' }} />);
    expect(document.querySelector('parley-widget')).toBe(host);
    expect(posted[posted.length - 1]).toEqual({ tag: TAG, type: 'jwt', jwt: 'token-2' });
    // `open` in the configuration opens the same widget.
    view.rerender(<ParleyChat config={{ ...base, jwt: 'token-2', open: true }} />);
    expect(document.querySelector('parley-widget')).toBe(host);
    expect(posted[posted.length - 1]).toMatchObject({ type: 'open', open: true });
    view.unmount();
  });
});
