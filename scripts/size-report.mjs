// `npm run size:report`: builds the production bundle the budgets are checked on (as `npm test`
// does), measures it with size-limit (.size-limit.js), prints the budgets table from size-limit's
// JSON output and writes it into README.md between the size-report markers, so the figures there
// are measured, not typed. Exits 1 if a budget fails.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSection } from './readme-section.mjs';

const bin = (name) => join('node_modules', '.bin', name);
const dist = process.env.PARLEY_SIZE_DIST ?? join('.e2e', 'size-dist');
rmSync(dist, { recursive: true, force: true });
const build = spawnSync(bin('vite'), ['build', '--logLevel', 'warn'], { stdio: 'inherit', env: { ...process.env, PARLEY_DIST: dist } });
if (build.status !== 0) process.exit(build.status ?? 1);

const measured = spawnSync(bin('size-limit'), ['--json'], { encoding: 'utf8', env: { ...process.env, PARLEY_SIZE_DIST: dist } });
let results;
try {
  results = JSON.parse(measured.stdout);
} catch {
  console.error(measured.stdout, measured.stderr);
  process.exit(1);
}
const kb = (bytes) => `${(bytes / 1000).toFixed(2)} KB`;
const table = [
  '| what (gzip) | limit | measured | headroom |',
  '| --- | --- | --- | --- |',
  ...results.map((r) => `| ${r.name} | ${kb(r.sizeLimit)} | ${kb(r.size)} | ${r.sizeLimit - r.size} B |`),
].join('\n');
console.log(table);
try {
  writeSection('README.md', 'size-report', table);
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
process.exit(results.every((r) => r.passed) ? 0 : 1);
