// The host page's scripts: classic scripts (IIFE), no React, no hashed names, so websites can link
// them. Built into the same folder as the app, after it (see the parley-scripts plugin in vite.config.ts):
//   dist/parley.js       the loader (src/embed/loader.ts): the launcher and the queued API, ≤ 1.5 KB gzip
//   dist/parley-host.js  the rest of the host side (src/embed/host.ts), fetched on intent, with
//                        `load: 'idle'`, or for a returning visitor (see loader.ts)
import { defineConfig, type InlineConfig } from 'vite';

/** One classic script from `entry`, written to `file` in the build folder. */
export function hostScript(entry: string, file: string): InlineConfig {
  return {
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir: process.env.PARLEY_DIST ?? 'dist',
      emptyOutDir: false,
      // The .js.map is written but not linked from the file: the link alone is ~30 of the loader's
      // gzip bytes every website pays for; error tooling can still load the map.
      sourcemap: 'hidden',
      lib: { entry, formats: ['iife'], name: 'Parley', fileName: () => file },
    },
  };
}

export const LOADER = hostScript('src/embed/loader.ts', 'parley.js');
export const HOST = hostScript('src/embed/host.ts', 'parley-host.js');

// `vite build --config vite.loader.config.ts` builds the loader; with PARLEY_SCRIPT=host, parley-host.js.
export default defineConfig(process.env.PARLEY_SCRIPT === 'host' ? HOST : LOADER);
