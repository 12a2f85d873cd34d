// @vitest-environment jsdom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmbed } from './embed';
import { TAG } from './protocol';
import { APP, FRAME_ORIGIN, polyfillForEmbed, setupEmbed } from './testing/harness';
import type { ParleyApi } from './types';

let fullScreen = false;
beforeAll(() => polyfillForEmbed(() => fullScreen));

let api: ParleyApi | undefined;
afterEach(() => {
  api?.destroy();
  api = undefined;
  fullScreen = false;
});

function setup(config: Parameters<typeof setupEmbed>[0] = {}) {
  const harness = setupEmbed(config);
  api = harness.api;
  return harness;
}

describe('createEmbed', () => {
  it('refuses a configuration without an account, clearly', () => {
    expect(() => createEmbed({ account: '' })).toThrow('Parley: "account" or "gms" is missing');
    expect(() => createEmbed({ backend: 'genesys', service: 'customer-support' })).toThrow('Parley: "account" or "gms" is missing');
  });

  it('draws the launcher and loads the frame only on intent, with the host origin in its hash', () => {
    const { launcher, frame } = setup();
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    expect(frame()).toBeNull();
    launcher.dispatchEvent(new Event('pointerenter'));
    expect(frame()?.src).toBe(`${APP}#origin=${encodeURIComponent(window.location.origin)}`);
    expect(frame()?.hidden).toBe(true);
    expect(frame()?.title).toBe('Chat window');
  });

  it('queues open() and the token until the frame is ready, then posts them to its exact origin only', () => {
    const { api, launcher, frameWindow, fromFrame } = setup();
    api.open();
    api.setJwt('token-1');
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    const post = frameWindow().postMessage;
    expect(post).not.toHaveBeenCalled();
    fromFrame({ tag: TAG, type: 'ready' });
    expect(post).toHaveBeenCalledTimes(1);
    const [message, target] = post.mock.calls[0] as [unknown, string];
    expect(target).toBe(FRAME_ORIGIN);
    expect(message).toMatchObject({ tag: TAG, type: 'init', open: true, modal: false, config: { account: 'acme', jwt: 'token-1' } });
    api.close();
    expect(post.mock.calls[1]).toEqual([{ tag: TAG, type: 'open', open: false, modal: false }, FRAME_ORIGIN]);
  });

  it('names the launcher for what a click does: "Close chat" while the window is open', () => {
    const { api, launcher, fromFrame } = setup();
    api.open();
    expect(launcher.getAttribute('aria-label')).toBe('Close chat');
    fromFrame({ tag: TAG, type: 'ready' });
    fromFrame({ tag: TAG, type: 'unread', count: 2 });
    expect(launcher.getAttribute('aria-label')).toBe('Close chat');
    api.close();
    expect(launcher.getAttribute('aria-label')).toBe('Open chat, 2 unread');
  });

  it("reports the visitor's intent to the frame once (at init, or as it happens), so the window's code loads", () => {
    const { api, launcher, frameWindow, fromFrame } = setup();
    api.on('message', () => {});
    launcher.dispatchEvent(new Event('pointerenter'));
    fromFrame({ tag: TAG, type: 'ready' });
    expect(frameWindow().postMessage.mock.calls[0]?.[0]).toMatchObject({ type: 'init', intent: true, open: false, hostJwt: false });
    launcher.dispatchEvent(new Event('focus'));
    expect(frameWindow().postMessage).toHaveBeenCalledTimes(1);
    api.destroy();

    const idle = setup();
    idle.api.open(); // opening loads the frame without a hover: init says open, not intent
    idle.fromFrame({ tag: TAG, type: 'ready' });
    idle.api.close();
    idle.launcher.dispatchEvent(new Event('pointerenter'));
    idle.launcher.dispatchEvent(new Event('pointerenter'));
    const sent = idle.frameWindow().postMessage.mock.calls.map(([m]) => (m as { type: string }).type);
    expect(sent).toEqual(['init', 'open', 'intent']);
  });

  it('ignores messages from another origin or window, and survives garbage', () => {
    const { launcher, frame, fromFrame } = setup();
    launcher.dispatchEvent(new Event('pointerenter')); // loads the frame, window closed
    fromFrame({ tag: TAG, type: 'unread', count: 3 }, 'https://evil.example');
    fromFrame({ tag: TAG, type: 'unread', count: 3 }, FRAME_ORIGIN, window);
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    for (const junk of [null, 'x', 42, [], { type: 'unread', count: 9 }, { tag: TAG }, { tag: TAG, type: 'events' }, { tag: TAG, type: 'events', events: [null, 7, 'x'] }, { tag: TAG, type: 'events', events: {} }, { tag: TAG, type: 'unread', count: -1 }]) {
      expect(() => fromFrame(junk)).not.toThrow();
    }
    expect(launcher.getAttribute('aria-label')).toBe('Open chat');
    fromFrame({ tag: TAG, type: 'unread', count: 3 });
    expect(launcher.getAttribute('aria-label')).toBe('Open chat, 3 unread');
    expect(frame()).not.toBeNull();
  });

  it('dispatches events to listeners; a throwing listener does not stop the others', () => {
    vi.useFakeTimers();
    try {
      const { api, fromFrame } = setup();
      const got: unknown[] = [];
      api.on('connection', () => {
        throw new Error('host bug');
      });
      api.on('connection', (d) => got.push(d));
      api.open();
      fromFrame({ tag: TAG, type: 'events', events: [{ name: 'connection', detail: { status: 'online' } }] });
      expect(got).toEqual([{ status: 'online' }]);
      expect(() => vi.runAllTimers()).toThrow('host bug');
      const listener = (d: unknown) => got.push(d);
      api.on('message', listener);
      api.off('message', listener);
      fromFrame({ tag: TAG, type: 'events', events: [{ name: 'message', detail: { id: 'm' } }] });
      expect(got).toHaveLength(1);
      // Several events in one message reach the listeners in order.
      api.on('message', (d) => got.push(d));
      fromFrame({ tag: TAG, type: 'events', events: [{ name: 'message', detail: { id: 'a' } }, null, { name: 'message', detail: { id: 'b' } }] });
      expect(got.slice(1)).toEqual([{ id: 'a' }, { id: 'b' }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('closing from the frame returns focus to the launcher; destroy() removes everything', () => {
    const { api, launcher, frame, fromFrame } = setup();
    api.open();
    fromFrame({ tag: TAG, type: 'ready' });
    fromFrame({ tag: TAG, type: 'open', open: false });
    expect(frame()?.hidden).toBe(true);
    expect((launcher.getRootNode() as ShadowRoot).activeElement).toBe(launcher);
    api.destroy();
    expect(document.querySelector('parley-widget')).toBeNull();
  });

  it("shows the frame's desktop notifications itself, with its own permission, asked only when the frame asks", async () => {
    const shown: Array<{ title: string; body?: string; tag?: string; note: { onclick: (() => void) | null; close: () => void } }> = [];
    const permission = { value: 'default' as NotificationPermission };
    const requestPermission = vi.fn(() => {
      permission.value = 'granted';
      return Promise.resolve(permission.value);
    });
    class FakeNotification {
      onclick: (() => void) | null = null;
      close = vi.fn();
      static requestPermission = requestPermission;
      static get permission() {
        return permission.value;
      }
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, body: options.body, tag: options.tag, note: this });
      }
    }
    const before = Object.getOwnPropertyDescriptor(window, 'Notification');
    Object.defineProperty(window, 'Notification', { configurable: true, writable: true, value: FakeNotification });
    try {
      // Not offered: the frame hears of no permission, and a notify does nothing.
      const plain = setup();
      plain.api.open();
      plain.fromFrame({ tag: TAG, type: 'ready' });
      expect(plain.frameWindow().postMessage.mock.calls[0]?.[0]).not.toHaveProperty('notify');
      plain.fromFrame({ tag: TAG, type: 'askNotify' });
      expect(requestPermission).not.toHaveBeenCalled();
      plain.api.destroy();

      const { api, frame, frameWindow, fromFrame } = setup({ notifications: true });
      api.open();
      fromFrame({ tag: TAG, type: 'ready' });
      expect(frameWindow().postMessage.mock.calls[0]?.[0]).toMatchObject({ type: 'init', notify: 'default' });
      // Before the permission: nothing shows.
      fromFrame({ tag: TAG, type: 'notify', title: 'New message from Dana', body: 'Hi', key: 'msg:d1:1' });
      expect(shown).toEqual([]);
      expect(requestPermission).not.toHaveBeenCalled();
      fromFrame({ tag: TAG, type: 'askNotify' });
      expect(requestPermission).toHaveBeenCalledTimes(1);
      await Promise.resolve();
      expect(frameWindow().postMessage).toHaveBeenLastCalledWith({ tag: TAG, type: 'notifyPermission', permission: 'granted' }, FRAME_ORIGIN);
      api.close();
      fromFrame({ tag: TAG, type: 'notify', title: 'New message from Dana', body: 'Are you there?', key: 'msg:d1:2' });
      fromFrame({ tag: TAG, type: 'notify', title: 42, body: 'not text' });
      expect(shown.map(({ title, body, tag }) => ({ title, body, tag }))).toEqual([{ title: 'New message from Dana', body: 'Are you there?', tag: 'msg:d1:2' }]);
      // Its click opens the window.
      expect(frame()?.hidden).toBe(true);
      shown[0]!.note.onclick!();
      expect(frame()?.hidden).toBe(false);
      expect(shown[0]!.note.close).toHaveBeenCalled();
    } finally {
      if (before) Object.defineProperty(window, 'Notification', before);
      else delete (window as { Notification?: unknown }).Notification;
    }
  });
});
