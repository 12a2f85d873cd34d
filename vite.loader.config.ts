// The loader (dist/parley.js): one classic script, no React, no hashed name, so websites can link
// it. Built into the same folder as the app, after it (see the parley-loader plugin in vite.config.ts).
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: process.env.PARLEY_DIST ?? 'dist',
    emptyOutDir: false,
    // parley.js.map is written but not linked from the file: the link alone is ~30 of the 3 KB
    // budget's gzip bytes every website pays for; error tooling can still load the map.
    sourcemap: 'hidden',
    lib: { entry: 'src/embed/loader.ts', formats: ['iife'], name: 'ParleyLoader', fileName: () => 'parley.js' },
  },
});
