// Test harness for the loader's widget in jsdom: createEmbed with a stand-in frame window (jsdom
// gives iframes in shadow trees no window), messages "from the frame", and the launcher's parts.
import { vi } from 'vitest';
import { createEmbed } from '../embed';
import type { EmbedConfig, ParleyApi } from '../types';

export const APP = 'https://cdn.parley.example/v1/frame.html';
export const FRAME_ORIGIN = 'https://cdn.parley.example';

export interface FakeMediaQuery {
  readonly matches: boolean;
  media: string;
  onchange: (() => void) | null;
}

/** Every media query list the code under test asked for (the newest last). */
export const mediaQueries: FakeMediaQuery[] = [];

/** jsdom has neither constructable stylesheets nor matchMedia; the real ones run in Chromium (e2e). */
export function polyfillForEmbed(fullScreen = () => false): void {
  const proto = CSSStyleSheet.prototype as unknown as { replaceSync?: (css: string) => void };
  proto.replaceSync ??= () => {};
  window.matchMedia = ((media: string) => {
    const query: FakeMediaQuery = {
      get matches() {
        return fullScreen();
      },
      media,
      onchange: null,
    };
    mediaQueries.push(query);
    return query;
  }) as unknown as typeof window.matchMedia;
}

export interface EmbedHarness {
  api: ParleyApi;
  host: HTMLElement;
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  live: HTMLElement | null;
  frame(): HTMLIFrameElement | null;
  frameWindow(): { postMessage: ReturnType<typeof vi.fn> };
  fromFrame(data: unknown, origin?: string, source?: unknown): void;
}

export function setupEmbed(config: Partial<EmbedConfig> = {}): EmbedHarness {
  const api = createEmbed({ account: 'acme', appUrl: APP, load: 'intent', lang: 'en', ...config });
  const hosts = document.querySelectorAll('parley-widget');
  const host = hosts[hosts.length - 1] as HTMLElement;
  const root = host.shadowRoot!;
  const launcher = root.querySelector('button')!;
  const frame = () => root.querySelector('iframe');
  const frameWindows = new WeakMap<HTMLIFrameElement, { postMessage: ReturnType<typeof vi.fn> }>();
  const frameWindow = () => {
    const el = frame()!;
    if (!frameWindows.has(el)) {
      const win = { postMessage: vi.fn() };
      frameWindows.set(el, win);
      Object.defineProperty(el, 'contentWindow', { get: () => win });
    }
    return frameWindows.get(el)!;
  };
  const fromFrame = (data: unknown, origin = FRAME_ORIGIN, source: unknown = frameWindow()) =>
    void window.dispatchEvent(new MessageEvent('message', { data, origin, source: source as Window }));
  return { api, host, root, launcher, live: root.querySelector('[aria-live]'), frame, frameWindow, fromFrame };
}
