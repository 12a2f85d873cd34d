// Size budgets (size-limit 12, gzip), checked by `npm test` on a production build in
// PARLEY_SIZE_DIST (default .e2e/size-dist; scripts/test-all.mjs builds it first). Files are measured
// as built (no esbuild rebundling):
// - the loader alone (parley.js, its CSS inside): all a page view costs a visitor who shows no
//   intent and has no open conversation (e2e/embed.spec.ts counts the requests in Chromium);
// - the host side (parley-host.js), fetched on intent, with `load: 'idle'`, or for a returning visitor;
// - the connection check (check.html and its chunk, a build of its own), only for a returning visitor whose
//   conversation was open: the unread badge without the app;
// - the app's first load (the frame page, its entry chunk, its static imports and their CSS: React
//   included: everything the frame fetches before the window is wanted);
// - the window chunk, fetched only on intent (hover, focus or touch of the launcher, or opening:
//   src/embed/frame.tsx), and the sum a page view downloads to the window open and connected;
// - Genesys' app (genesys.html: a build of its own, manifest .vite/genesys-manifest.json) and its
//   lazy chunk (the cometd client and src/genesys), only for a Genesys configuration;
// - the structured-content renderer and LivePerson's reader of structured content into its tree
//   (src/liveperson/richContent.ts), both fetched by the window when rich content first appears;
// - the four lazy chunks of files and photos, and the window's lazy parts (below): each counts only
//   what the first load and the window chunk do not already load.
import { existsSync, readFileSync, statSync } from 'node:fs';

const dist = process.env.PARLEY_SIZE_DIST ?? '.e2e/size-dist';
const manifestFile = `${dist}/.vite/manifest.json`;
if (!existsSync(manifestFile)) throw new Error(`size-limit: no build in ${dist}; run PARLEY_DIST=${dist} vite build first.`);
const appManifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
/** The manifest of a page built apart (vite.pages.config.ts). */
const pageManifest = (name) => {
  const file = `${dist}/.vite/${name}-manifest.json`;
  if (!existsSync(file)) throw new Error(`size-limit: no ${name} build in ${dist} (vite.pages.config.ts).`);
  return JSON.parse(readFileSync(file, 'utf8'));
};
let manifest = appManifest;

/** The manifest keys an entry loads: itself and (recursively) its static imports. */
function keysOf(key, seen = new Set()) {
  if (!manifest[key]) throw new Error(`size-limit: "${key}" is not in ${manifestFile}.`);
  if (seen.has(key)) return [];
  seen.add(key);
  return [key, ...(manifest[key].imports ?? []).flatMap((imported) => keysOf(imported, seen))];
}

/** The files a manifest entry loads: itself, its CSS, and its static imports' (but none of `seen`'s). */
function filesOf(key, seen = new Set()) {
  return keysOf(key, seen)
    .flatMap((k) => [manifest[k].file, ...(manifest[k].css ?? [])])
    .map((f) => (f.startsWith(dist) ? f : `${dist}/${f}`));
}

const firstLoad = filesOf('frame.html');
const lazyOf = (page, src) => {
  if (!(manifest[page].dynamicImports ?? []).includes(src)) throw new Error(`size-limit: ${src} is not a lazy chunk of ${page}.`);
  return filesOf(src, new Set(keysOf(page)));
};
const lazyWindow = lazyOf('frame.html', 'src/embed/FrameWindow.tsx');
// The window's lazy parts: each counts only what the first load and the window do not already load.
const opened = new Set([...keysOf('frame.html'), ...keysOf('src/embed/FrameWindow.tsx')]);
const lazyChunk = (key) => {
  if (!manifest[key]?.isDynamicEntry) throw new Error(`size-limit: ${key} should be a lazy chunk of its own.`);
  return filesOf(key, new Set(opened));
};
// Structured content's renderer and LivePerson's reader (ChatSession.richContent): fetched together when rich content first appears.
const richContent = lazyChunk('src/ui/rich/RichContent.tsx');
const richReader = lazyChunk('src/liveperson/richContent.ts');
// Files and photos: the uploader (the session's, fetched with the first file the visitor sends), the
// UI's file check and thumbnail maker (fetched when a file is first attached), a file in a bubble
// (fetched when the first one appears) and the image viewer (fetched when a photo is first opened).
const uploader = lazyChunk('src/liveperson/uploads.ts');
const attachFiles = lazyChunk('src/ui/files/attachFiles.ts');
const fileMessage = lazyChunk('src/ui/files/FileMessage.tsx');
const imageViewer = lazyChunk('src/ui/files/ImageViewer.tsx');
// The window's parts a visitor asks for or gets after the conversation (src/ui/ChatWindow.tsx).
const confirmEnd = lazyChunk('src/ui/ConfirmEnd.tsx');
const earlier = lazyChunk('src/ui/EarlierConversations.tsx');
const rating = lazyChunk('src/ui/RatingPrompt.tsx');
manifest = pageManifest('check');
const check = filesOf('check.html');
manifest = pageManifest('genesys');
const genesysFirstLoad = filesOf('genesys.html');
const lazyGenesys = lazyOf('genesys.html', 'src/embed/genesysSession.ts');
for (const f of [...firstLoad, ...check, ...lazyWindow, ...lazyGenesys, ...genesysFirstLoad, ...richContent, ...richReader, ...uploader, ...attachFiles, ...fileMessage, ...imageViewer, ...confirmEnd, ...earlier, ...rating]) statSync(f);

const budget = (name, path, limit) => ({ name, path, limit, gzip: true, disablePlugins: ['@size-limit/esbuild'] });

export default [
  budget('loader (parley.js with its CSS, no React): a page view without intent', `${dist}/parley.js`, '1.5 KB'),
  // 4.35 KB since the frame posts the public API's events in one message (2026-12-03: +21 B).
  budget('host side (parley-host.js: frame, check, bridge, API, cues), on intent or for a returning visitor', `${dist}/parley-host.js`, '4.35 KB'),
  budget('connection check (check.html + its chunk, no React), only for a returning visitor with an open conversation', [`${dist}/check.html`, ...check], '9 KB'),
  // 95 KB until the tabs' shared session (src/embed/tabs, about 5 KB: it runs before any intent, in every
  // tab), the attention cues (sound, notifications, preview: they run while the window is closed), the
  // expected reply and the incremental view; 105 KB since they were merged together (2026-12-02);
  // 107 KB since every tab sends files and opens earlier conversations through the leader, and the
  // silent-socket check (2026-12-03: about 2 KB; the leader must have them before any intent);
  // 107.5 KB since the store paces a burst's notifications and builds event keys without JSON
  // (2026-12-03 evening: +0.3 KB, for the 10,000-message and burst figures, docs/benchmarks.md);
  // 108 KB since the history is asked for with a resume watermark and the earlier conversations are
  // kept between views (2026-12-04: +0.42 KB; resync CPU from about 40 to 19 ms, docs/benchmarks.md).
  // Issue 9's goal (open and connected <= 100 KB with the window chunk) is NOT met: see docs/benchmarks.md.
  budget("app's first load (frame page + entry + its imports + CSS, React included)", [`${dist}/frame.html`, ...firstLoad], '108 KB'),
  // 25 KB until files and photos, the earlier conversations, the rating and the window's menu (30 KB);
  // 28 KB since the chunks of the first load it imports are no longer counted in it too; 26.5 KB since
  // the end confirmation, the rating, the earlier conversations and a file in a bubble are lazy parts
  // of it (src/ui/lazyPart.tsx); 27 KB since the live region and the "New messages" button are
  // components of their own, so that neither re-renders the timeline (2026-12-03: +0.1 KB).
  budget('window chunk (lazy, fetched on intent)', lazyWindow, '27 KB'),
  // The loader, the host side, the first load and the window, JS and CSS (the bench's page view,
  // bench/scenarios/pageview.ts, measures what Chromium fetched, another way). Issue 9's goal is 100 KB;
  // React and react-dom alone are about 68 KB of it. 138.5 KB since the first load grew (above);
  // 139 KB since the timeline re-renders only when its window of rows changes (2026-12-03: +390 B
  // in the window chunk; scrolling went from 86 dropped frames to 0); 139.5 KB since the store paces
  // its notifications in a burst and the timeline renders once per change (2026-12-03: +390 B; the
  // 10,000 messages live went from about 960 to about 710 ms, the burst's work from 780 to 530 ms);
  // 140 KB since the first load grew by the resume watermark (above, 2026-12-04: +0.42 KB).
  budget('open and connected (loader + host side + first load + window chunk, JS+CSS)', [`${dist}/parley.js`, `${dist}/parley-host.js`, ...firstLoad, ...lazyWindow], '140 KB'),
  budget("Genesys app's first load (genesys.html, a build of its own, only for backend: genesys)", [`${dist}/genesys.html`, ...genesysFirstLoad], '75 KB'),
  budget('Genesys chunk (lazy, only for backend: genesys: cometd + src/genesys)', lazyGenesys, '24 KB'),
  // 6 KB with the reader inside, until LivePerson's reader moved to src/liveperson (a chunk of its own, below).
  budget('structured content renderer (lazy, fetched when rich content first appears)', richContent, '5 KB'),
  budget("LivePerson's structured content reader (lazy, fetched with the renderer)", richReader, '1.5 KB'),
  budget('file uploader (lazy, fetched with the first file the visitor sends)', uploader, '3.5 KB'),
  budget('file check and thumbnail (lazy, fetched when a file is first attached)', attachFiles, '1.8 KB'),
  budget('file in a bubble (lazy, fetched when the first shared file appears)', fileMessage, '2.2 KB'),
  budget('image viewer (lazy, fetched when a photo is first opened)', imageViewer, '1.5 KB'),
  budget('end confirmation (lazy, fetched on hover or focus of End conversation, or its click)', confirmEnd, '1.2 KB'),
  budget('earlier conversations (lazy, fetched on hover or focus of their button, or its click)', earlier, '2 KB'),
  budget('rating prompt (lazy, fetched when a conversation ended without a survey asks for stars)', rating, '1.5 KB'),
];
