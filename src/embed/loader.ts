// The script tag entry, built to dist/parley.js (an IIFE, no React, ≤ 1.5 KB gzip with its CSS):
//   <script async src="https://…/parley.js" data-account="…" data-csds="…"></script>
// or window.parleyConfig = { account, … } set before it. It draws the launcher and defines
// window.Parley, whose calls wait in a queue (with those a page queued in window.Parley.q before the
// loader arrived). Nothing else loads until the visitor shows intent (hover, focus or touch of the
// launcher, a click, open()), unless the configuration says `load: 'idle'`, or the host's origin
// remembers an open window or an open conversation (hint.ts): then parley-host.js (embed.ts: the
// frame, the connection check, the bridge, the API) loads, takes the launcher over and replays the
// queue. destroy() removes window.Parley, so a page (an SPA changing routes) can add the script
// again for a new widget.
import { hintKey, readHint } from './hint';
import { drawLauncher } from './launcher';
import type { LoaderState } from './embed';
import type { EmbedConfig, ParleyApi } from './types';

/** A call made before parley-host.js ran: the method's name and its arguments. */
export type QueuedCall = ArrayLike<unknown>;
/** What the loader hands parley-host.js: its launcher, the visitor's intent, its folder, the page's own queue (window.Parley.q). */
export interface LoaderHandOver extends LoaderState {
  folder: string;
  early: ArrayLike<QueuedCall> | undefined;
}
/** What parley-host.js defines (host.ts): the widget's host side on the launcher the loader drew. */
export type MountHost = (config: EmbedConfig, loader: LoaderHandOver, queue: QueuedCall[]) => ParleyApi | undefined;

type Queued = { q?: ArrayLike<QueuedCall> };

declare global {
  interface Window {
    Parley?: ParleyApi | Queued;
    parleyConfig?: Partial<EmbedConfig>;
    ParleyHost?: MountHost;
  }
}

function start(): void {
  const win = window;
  const doc = document;
  const existing = win.Parley;
  if (existing && typeof (existing as ParleyApi).destroy === 'function') {
    console.warn('Parley: loaded twice'); // the first stays
    return;
  }
  const script = doc.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const config = { ...win.parleyConfig } as EmbedConfig;
  // Every non-empty data-* attribute is a setting: data-account, -csds, -lang, -connector-id, -load
  // ('idle' loads the app when the page is idle), Genesys' -backend, -gms, -service… (embed.ts checks them).
  for (const name in data) {
    const value = data[name];
    if (value) (config as unknown as Record<string, string>)[name] = value;
  }
  if (data.open !== undefined) config.open = data.open !== 'false';
  // parley-host.js (and frame.html: host.ts) next to this script (no URL: the host may have replaced it).
  // A configuration without "account" (or "gms") is refused there, with a clear error.
  const folder = (script?.src ?? '').replace(/[^/]*$/, '');
  const host = drawLauncher(config, win);
  const button = host.shadowRoot!.firstChild as HTMLButtonElement;
  const queue: QueuedCall[] = [];
  const state: LoaderHandOver = { host, intent: false, folder, early: (existing as Queued | undefined)?.q };
  let real: ParleyApi | undefined;
  let asked = false;
  let destroyed = false;
  const mount = () => {
    if (!destroyed) real = win.ParleyHost?.(config, state, queue);
  };
  const load = () => {
    if (asked || destroyed) return;
    asked = true;
    if (win.ParleyHost) return mount();
    const part = doc.createElement('script');
    part.src = `${folder}parley-host.js`;
    part.onload = mount;
    doc.head.append(part);
  };
  const intend = () => {
    state.intent = true;
    load();
  };
  const api = {} as Record<string, (a?: unknown, b?: unknown) => void>;
  const names = 'open close on off setJwt'.split(' ');
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    api[name] = (a, b) => {
      if (real) return (real as unknown as typeof api)[name]!(a, b);
      queue[queue.length] = [name, a, b];
      if (name === 'open') intend();
    };
  }
  api.destroy = () => {
    destroyed = true;
    if (real) real.destroy();
    else host.remove();
    if (win.Parley === (api as unknown)) delete win.Parley;
  };
  win.Parley = api as unknown as ParleyApi;
  // Until parley-host.js takes the launcher over (it clears these): touch fires pointerenter too.
  button.onpointerenter = button.onfocus = intend;
  button.onclick = api.open!;
  if (config.open === true) api.open!();
  const key = hintKey(config);
  if (config.load === 'idle' || readHint(win, 'sessionStorage', key) || readHint(win, 'localStorage', key)) {
    (win.requestIdleCallback ?? ((run: () => void) => win.setTimeout(run, 1500)))(load, { timeout: 4000 });
  }
}

start();
