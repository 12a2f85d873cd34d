// Size budgets (size-limit 12, gzip), checked by `npm test` on a production build in
// PARLEY_SIZE_DIST (default .e2e/size-dist; scripts/test-all.mjs builds it first). Files are measured
// as built (no esbuild rebundling): the loader alone, the app's first load (the frame page, its entry
// chunk, its static imports and their CSS: React included: everything the frame fetches before the
// visitor interacts), and the window chunk, fetched only on intent (hover, focus or touch of the
// launcher, or opening: src/embed/frame.tsx), which e2e/embed.spec.ts checks in Chromium, and the
// Genesys chunk (the cometd client and src/genesys), fetched only for a Genesys configuration.
// structured-content renderer, fetched by the window when rich content first appears.
import { existsSync, readFileSync, statSync } from 'node:fs';

const dist = process.env.PARLEY_SIZE_DIST ?? '.e2e/size-dist';
const manifestFile = `${dist}/.vite/manifest.json`;
if (!existsSync(manifestFile)) throw new Error(`size-limit: no build in ${dist}; run PARLEY_DIST=${dist} vite build first.`);
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));

/** The files a manifest entry loads: itself, its CSS, and (recursively) its static imports. */
function filesOf(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`size-limit: "${key}" is not in ${manifestFile}.`);
  if (seen.has(key)) return [];
  seen.add(key);
  const files = [chunk.file, ...(chunk.css ?? [])];
  for (const imported of chunk.imports ?? []) files.push(...filesOf(imported, seen));
  return files.map((f) => (f.startsWith(dist) ? f : `${dist}/${f}`));
}

const firstLoad = filesOf('frame.html');
const lazyOf = (src) => {
  if (!(manifest['frame.html'].dynamicImports ?? []).includes(src)) throw new Error(`size-limit: ${src} is not a lazy chunk of the frame.`);
  return filesOf(src, new Set(['frame.html']));
};
const lazyWindow = lazyOf('src/embed/FrameWindow.tsx');
const lazyGenesys = lazyOf('src/embed/genesysSession.ts');
// Structured content's renderer: a lazy chunk of the window, fetched when rich content first appears.
const richKey = 'src/ui/rich/RichContent.tsx';
if (!manifest[richKey]?.isDynamicEntry) throw new Error(`size-limit: ${richKey} should be a lazy chunk of its own.`);
const richContent = filesOf(richKey, new Set(['frame.html', ...(manifest['frame.html'].dynamicImports ?? [])]));
for (const f of [...firstLoad, ...lazyWindow, ...lazyGenesys, ...richContent]) statSync(f);

const check = (name, path, limit) => ({ name, path, limit, gzip: true, disablePlugins: ['@size-limit/esbuild'] });

export default [
  check('loader (parley.js, no React)', `${dist}/parley.js`, '3 KB'),
  // 95 KB until the tabs' shared session (src/embed/tabs, about 5 KB: it runs before any intent, in every tab).
  check("app's first load (frame page + entry + its imports + CSS, React included)", [`${dist}/frame.html`, ...firstLoad], '98.5 KB'),
  check('window chunk (lazy, fetched on intent)', lazyWindow, '25 KB'),
  check('Genesys chunk (lazy, only for backend: genesys: cometd + src/genesys)', lazyGenesys, '20 KB'),
  check('structured content renderer (lazy, fetched when rich content first appears)', richContent, '6 KB'),
];
