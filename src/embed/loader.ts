// The script tag entry, built to dist/parley.js (an IIFE, no React):
//   <script async src="https://…/parley.js" data-account="…" data-csds="…"></script>
// or window.parleyConfig = { account, … } set before it. Defines window.Parley (the API) and replays
// calls a page queued in window.Parley.q before the loader arrived. destroy() removes window.Parley,
// so a page (an SPA changing routes) can add the script again for a new widget.
import { createEmbed } from './embed';
import type { EmbedConfig, ParleyApi } from './types';

type Queued = { q?: ArrayLike<ArrayLike<unknown>> };

declare global {
  interface Window {
    Parley?: ParleyApi | Queued;
    parleyConfig?: Partial<EmbedConfig>;
  }
}

// The Error itself (its message and stack), not only its text.
const report = (error: unknown) => console.error(error);

function start(): void {
  const existing = window.Parley;
  if (existing && typeof (existing as ParleyApi).destroy === 'function') {
    console.warn('Parley: loaded twice'); // the first stays
    return;
  }
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const config = { ...window.parleyConfig } as EmbedConfig;
  // Every non-empty data-* attribute is a setting: data-account, -csds, -lang, -connector-id, -load
  // (anything but 'intent' loads when idle), Genesys' -backend, -gms, -service… (createEmbed checks them).
  for (const name in data) {
    const value = data[name];
    if (value) (config as unknown as Record<string, string>)[name] = value;
  }
  if (data.open !== undefined) config.open = data.open !== 'false';
  // frame.html next to this script (no URL: the host may have replaced it; createEmbed resolves).
  config.appUrl ??= (script?.src ?? '').replace(/[^/]*$/, 'frame.html');
  let api: ParleyApi;
  try {
    api = createEmbed(config);
  } catch (error) {
    return report(error);
  }
  const queue = (existing as Queued | undefined)?.q;
  const destroy = api.destroy;
  api.destroy = () => {
    destroy();
    if (window.Parley === api) delete window.Parley;
  };
  window.Parley = api;
  for (let i = 0; queue && i < queue.length; i++) {
    const call = queue[i]!;
    const name = String(call[0]);
    const method = api[name as keyof ParleyApi] as ((a?: unknown, b?: unknown) => void) | undefined;
    try {
      if (typeof method !== 'function') throw new Error(`Parley: unknown call "${name}"`);
      method(call[1], call[2]);
    } catch (error) {
      report(error);
    }
  }
}

start();
