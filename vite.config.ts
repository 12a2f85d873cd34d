/// <reference types="vitest/config" />
import { build, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** After the app is built, builds the loader (vite.loader.config.ts) into the same folder. */
function parleyLoader(): Plugin {
  return {
    name: 'parley-loader',
    apply: 'build',
    async closeBundle() {
      await build({ configFile: 'vite.loader.config.ts', logLevel: 'warn' });
    },
  };
}

export default defineConfig({
  plugins: [react(), parleyLoader()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // PARLEY_DIST lets parallel e2e runs build into separate folders.
  // Pages: the demo (index.html, which embeds the loader like any website) and the app's frame.
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
