// The agent console: a separate Vite app served by the stand-in at /agent/.
// Built after the widget page (`vite build` empties dist/), so both outputs survive.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const standIn = `http://127.0.0.1:${process.env.PORT ?? 7788}`;

export default defineConfig({
  root,
  base: '/agent/',
  plugins: [react()],
  // `vite --config server/console/vite.config.ts` for development: the API comes from a running stand-in.
  server: { host: '127.0.0.1', port: 5174, strictPort: true, proxy: { '/agent/api': standIn, '/api/v2': standIn } },
  build: {
    outDir: path.resolve(root, '..', '..', process.env.PARLEY_DIST ?? 'dist', 'agent'),
    emptyOutDir: true,
    sourcemap: true,
    // The LivePerson console, and the Genesys one (a GWS client) at /agent/genesys.html.
    rollupOptions: { input: { index: path.resolve(root, 'index.html'), genesys: path.resolve(root, 'genesys.html') } },
  },
});
