// The widget's host side for the script tag, built to dist/parley-host.js (an IIFE, no React): the
// loader (loader.ts) fetches it on intent, with `load: 'idle'`, or for a returning visitor, and
// calls window.ParleyHost with the configuration, the launcher it drew and the calls queued so far.
import { createEmbed } from './embed';
import type { MountHost, QueuedCall } from './loader';
import type { ParleyApi } from './types';

// The Error itself (its message and stack), not only its text.
const report = (error: unknown) => console.error(error);

/** Replays the calls, each on its own: a bad one is reported and the rest still run. */
function replay(api: ParleyApi, queue: ArrayLike<QueuedCall> | undefined): void {
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

const mount: MountHost = (config, loader, queue) => {
  let api;
  config.appUrl ??= `${loader.folder}frame.html`;
  try {
    api = createEmbed(config, window, undefined, loader);
  } catch (error) {
    loader.host.remove();
    report(error);
    return undefined;
  }
  // The page's own queue first (window.Parley.q, made before the loader arrived), then the loader's.
  replay(api, loader.early);
  replay(api, queue);
  return api;
};

window.ParleyHost = mount;
