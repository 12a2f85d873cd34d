/// <reference types="vitest/config" />
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CHECK, GENESYS } from './vite.pages.config';
import { HOST, LOADER } from './vite.loader.config';

/**
 * After the app is built, builds into the same folder the host page's scripts (vite.loader.config.ts),
 * the Genesys app and the connection check (vite.pages.config.ts). PARLEY_APP_ONLY=1 builds the LivePerson app alone
 * (scripts/genesys-free.mjs compares it with a build that has Genesys aliased away).
 */
function parleyScripts(): Plugin {
  return {
    name: 'parley-scripts',
    apply: 'build',
    async closeBundle() {
      if (process.env.PARLEY_APP_ONLY === '1') return;
      await build(LOADER);
      await build(HOST);
      await build(GENESYS);
      await build(CHECK);
    },
  };
}

export default defineConfig({
  plugins: [react(), parleyScripts()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // PARLEY_DIST lets parallel e2e runs build into separate folders.
  // Pages: the demo (index.html, which embeds the loader like any website) and the app's frame
  // (LivePerson; Genesys' app and the connection check are builds of their own: vite.pages.config.ts).
  build: {
    outDir: process.env.PARLEY_DIST ?? 'dist',
    sourcemap: true,
    manifest: true,
    // The pages load as modules in browsers that all support modulepreload.
    modulePreload: { polyfill: false },
    rollupOptions: { input: { index: 'index.html', frame: 'frame.html' } },
  },
  test: {
    globals: true,
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'server/**/*.test.{ts,tsx}', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    setupFiles: ['./src/test-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
