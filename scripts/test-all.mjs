// `npm test`: type check, lint, size budgets, Vitest, then Playwright in Debian's Chromium.
// Prints one closing line `N passed, N failed` summed over every step; exits 1 if anything failed.
// The type check, the lint, the size budgets and the Genesys-free first load count as one check each. A runner that exits non-zero without
// reporting a failure (a crash) counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
mkdirSync('reports', { recursive: true });
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function check(label, cmd, args) {
  const ok = run(label, cmd, args) === 0;
  if (ok) passed++;
  else failed++;
  console.log(`=== ${label}: ${ok ? 'ok' : 'FAILED'}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

check('typecheck', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
check('lint', bin('eslint'), ['.']);

// Size budgets (.size-limit.js) on a fresh production build; a failed build fails the check.
const sizeDist = join('.e2e', 'size-dist');
rmSync(sizeDist, { recursive: true, force: true });
if (run('size build', bin('vite'), ['build', '--logLevel', 'warn'], { PARLEY_DIST: sizeDist }) === 0) {
  check('size', bin('size-limit'), []);
  // The LivePerson first load is byte-identical to a build without Genesys.
  check('genesys-free first load', process.execPath, ['scripts/genesys-free.mjs', sizeDist]);
} else {
  failed += 2;
  console.log('=== size, genesys-free first load: FAILED (the build failed)');
}

// Vitest
rmSync('reports/vitest.json', { force: true });
const vitestStatus = run('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/vitest.json']);
const vj = readJson('reports/vitest.json');
const vPassed = vj?.numPassedTests ?? 0;
const vFailed = vj?.numFailedTests ?? 0;
passed += vPassed;
failed += vFailed;
skipped += (vj?.numPendingTests ?? 0) + (vj?.numTodoTests ?? 0);
if (vitestStatus !== 0 && vFailed === 0) failed++;
console.log(`=== vitest: ${vPassed} passed, ${vFailed} failed (exit ${vitestStatus})`);

// Playwright (only when there are specs)
const hasSpecs = existsSync('e2e') && spawnSync('sh', ['-c', 'ls e2e/*.spec.ts >/dev/null 2>&1']).status === 0;
if (hasSpecs) {
  if (run('chromium', process.execPath, ['scripts/ensure-chromium.mjs']) !== 0) {
    failed++;
  } else {
    rmSync('reports/playwright.json', { force: true });
    const pwStatus = run('playwright', bin('playwright'), ['test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_FILE: 'reports/playwright.json',
    });
    const pj = readJson('reports/playwright.json');
    const s = pj?.stats ?? {};
    const pPassed = (s.expected ?? 0) + (s.flaky ?? 0);
    const pFailed = s.unexpected ?? 0;
    passed += pPassed;
    failed += pFailed;
    skipped += s.skipped ?? 0;
    if (pwStatus !== 0 && pFailed === 0) failed++;
    console.log(`=== playwright: ${pPassed} passed, ${pFailed} failed (exit ${pwStatus})`);
  }
}

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
