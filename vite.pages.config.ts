// The pages built apart from the app (frame.html, in vite.config.ts), each into the same folder after
// it with its own chunks and manifest (.vite/<name>-manifest.json, which .size-limit.js reads), so
// that the LivePerson app's chunks are exactly what they would be without them (scripts/genesys-free.mjs
// checks that in npm test):
//   genesys.html  Genesys' app (src/embed/frameGenesys.tsx), which the loader frames for `backend: 'genesys'`
//   check.html    the connection check (src/embed/check.ts), no React: the returning visitor's badge
import type { InlineConfig } from 'vite';
import react from '@vitejs/plugin-react';

function separatePage(name: string): InlineConfig {
  return {
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    plugins: [react()],
    build: {
      outDir: process.env.PARLEY_DIST ?? 'dist',
      emptyOutDir: false,
      sourcemap: true,
      manifest: `.vite/${name}-manifest.json`,
      modulePreload: { polyfill: false },
      rollupOptions: { input: { [name]: `${name}.html` } },
    },
  };
}

export const GENESYS = separatePage('genesys');
export const CHECK = separatePage('check');
