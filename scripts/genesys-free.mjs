// `npm test` (scripts/test-all.mjs), after the size build: "the LivePerson first load does not grow
// by a byte" with Genesys support. Builds the app again with every Genesys module (src/genesys,
// the Genesys entry and session, the cometd client) replaced by an empty module, and compares the
// LivePerson first load (frame.html, its entry chunk, its static imports and their CSS) byte for
// byte with the real build's. It fails when the LivePerson app imports any Genesys code (the variant
// then differs, or does not build), or when its files mention Genesys or cometd at all.
//   node scripts/genesys-free.mjs [real build folder, default .e2e/size-dist]
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

const real = process.argv[2] ?? join('.e2e', 'size-dist');
const variant = join('.e2e', 'size-dist-no-genesys');
const GENESYS = /(^|[/\\])genesys[/\\]|genesysSession|frameGenesys|^cometd/;
const EMPTY = '\0parley-no-genesys';

/** Replaces every Genesys module with an empty one (a named import of it then fails the build). */
const noGenesys = {
  name: 'parley-no-genesys',
  enforce: 'pre',
  resolveId: (source) => (GENESYS.test(source) ? EMPTY : undefined),
  load: (id) => (id === EMPTY ? 'export {};' : undefined),
};

/** The LivePerson first load's files (paths inside the build folder), from its manifest. */
function firstLoad(dist) {
  const file = join(dist, '.vite', 'manifest.json');
  if (!existsSync(file)) throw new Error(`genesys-free: no build in ${dist}`);
  const manifest = JSON.parse(readFileSync(file, 'utf8'));
  const files = ['frame.html'];
  const visit = (key, seen) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`genesys-free: "${key}" is not in ${file}`);
    files.push(chunk.file, ...(chunk.css ?? []));
    for (const imported of chunk.imports ?? []) visit(imported, seen);
  };
  visit('frame.html', new Set());
  return files;
}

rmSync(variant, { recursive: true, force: true });
process.env.PARLEY_APP_ONLY = '1';
process.env.PARLEY_DIST = variant;
try {
  await build({ configFile: 'vite.config.ts', logLevel: 'warn', plugins: [noGenesys] });
} catch (error) {
  console.error(`genesys-free: FAILED: the LivePerson app does not build without Genesys (it imports Genesys code): ${error.message}`);
  process.exit(1);
}
const ours = firstLoad(real);
const theirs = firstLoad(variant);
const problems = [];
if (ours.join() !== theirs.join()) problems.push(`the files differ:\n  with Genesys:    ${ours.join(' ')}\n  without Genesys: ${theirs.join(' ')}`);
let bytes = 0;
for (let i = 0; i < ours.length; i++) {
  const a = readFileSync(join(real, ours[i]));
  const b = theirs[i] === undefined ? undefined : readFileSync(join(variant, theirs[i]));
  bytes += a.length;
  if (!b || !a.equals(b)) problems.push(`${ours[i]} differs from the build without Genesys (${a.length} B against ${b?.length ?? 'none'})`);
  if (/genesys|cometd/i.test(a.toString('latin1'))) problems.push(`${ours[i]} mentions Genesys or cometd`);
}
if (problems.length > 0) {
  console.error(`genesys-free: FAILED: the LivePerson first load is not what it is without Genesys:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`genesys-free: the LivePerson first load (${ours.length} files, ${bytes} B) is byte-identical to a build without Genesys, and never mentions it.`);
