// The npm library (src/embed/lib.ts): ESM, React left to the host (a peer dependency). Its
// package.json comes from src/embed/package/; the .d.ts files from tsconfig.lib.json. Output:
// dist/npm (npm pack dist/npm). The app's build empties dist/, so build the library after it.
//   vite build --config vite.lib.config.ts && tsc -p tsconfig.lib.json   (npm run build:lib)
import { defineConfig } from 'vite';

const outDir = process.env.PARLEY_LIB_DIST ?? 'dist/npm';

export default defineConfig({
  publicDir: 'src/embed/package',
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: 'src/embed/lib.ts', formats: ['es'], fileName: () => 'index.js' },
    rollupOptions: { external: ['react', 'react/jsx-runtime', 'react-dom'] },
  },
});
