// The loader (dist/parley.js): one classic script, no React, no hashed name, so websites can link
// it. Built into the same folder as the app, after it (see the parley-loader plugin in vite.config.ts).
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: process.env.PARLEY_DIST ?? 'dist',
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/embed/loader.ts', formats: ['iife'], name: 'ParleyLoader', fileName: () => 'parley.js' },
  },
});
