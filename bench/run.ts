// `npm run bench`: measures Parley in Chromium against the stand-in, next to the raw-socket floor,
// BENCH_RUNS times (default 3) per scenario, and writes docs/benchmarks.md (before, from issues 9 and 13,
// and after, this run) and README's performance budgets. The production build it measures is
// made by scripts/size-report.mjs, which writes README's size budgets from the same build.
// BENCH_ONLY=resync,burst runs some scenarios (nothing is written then); CHROMIUM_PATH picks the
// browser. Exits 1 if a scenario failed; a missed budget is reported, not an error.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchChromium, ROOT, startFloorServer, startStandInChild, type StandInChild } from './env';
import type { Browser } from '@playwright/test';
import { scenarios } from './scenarios';
import type { Scenario } from './scenario';
import { budgetsTable, resultsTable, type Figure } from './stats';
import { benchmarksPage } from './report';
import { writeSection } from '../scripts/readme-section.mjs';

const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const only = process.env.BENCH_ONLY?.split(',').filter(Boolean);
const chosen = only ? scenarios.filter((s) => only.includes(s.name)) : scenarios;
if (only && chosen.length !== only.length) {
  console.error(`bench: unknown scenario in BENCH_ONLY=${process.env.BENCH_ONLY}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const dist = path.join(ROOT, '.e2e', 'bench-dist');

let standIn: StandInChild | undefined;
let browser: Browser | undefined;
let floor: { url: string; stop(): Promise<void> } | undefined;
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await standIn?.stop().catch(() => undefined);
    await floor?.stop().catch(() => undefined);
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void cleanup().then(() => process.exit(130)));

async function runScenario(scenario: Scenario): Promise<Figure[]> {
  const figures: Figure[] = scenario.figures.map(({ hasFloor, ...f }) => ({ ...f, values: [], ...(hasFloor ? { floor: [] } : {}) }));
  for (let i = 1; i <= runs; i++) {
    const started = Date.now();
    const result = await scenario.run({ standIn: standIn as StandInChild, browser: browser as Browser, floorUrl: floor?.url ?? '', dist });
    for (const f of figures) {
      const value = result.values[f.id];
      if (value === undefined) throw new Error(`${scenario.name}: run ${i} gave no value for ${f.id}`);
      f.values.push(value);
      const floor = result.floor?.[f.id];
      if (f.floor && floor !== undefined) f.floor.push(floor);
    }
    console.log(`bench: ${scenario.name} run ${i}/${runs} (${Date.now() - started} ms): ${JSON.stringify(result)}`);
  }
  return figures;
}

async function main(): Promise<number> {
  // A full run builds through scripts/size-report.mjs, which also writes README's size budgets
  // from this very build; a partial one (BENCH_ONLY) only builds.
  console.log(`bench: building into ${path.relative(ROOT, dist)}`);
  const build = only
    ? spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PARLEY_DIST: dist } })
    : spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'size-report.mjs')], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, PARLEY_SIZE_DIST: dist } });
  if (build.error || !existsSync(path.join(dist, 'frame.html'))) throw new Error('the build failed');
  if (!only && build.status !== 0) console.warn('bench: a size budget is missed (see the table above); measuring anyway');
  standIn = await startStandInChild(dist);
  floor = await startFloorServer();
  browser = await launchChromium();
  const figures: Figure[] = [];
  let failed = 0;
  for (const scenario of chosen) {
    try {
      figures.push(...(await runScenario(scenario)));
    } catch (error) {
      failed++;
      console.error(`bench: ${scenario.name} failed:`, error);
    }
  }
  console.log(`\n${resultsTable(figures)}\n`);
  if (!only && failed === 0) {
    const when = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
    writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), benchmarksPage({ figures, runs, when, load, cpus: os.cpus().length }));
    writeSection(path.join(ROOT, 'README.md'), 'bench-budgets', budgetsTable(figures));
    console.log('bench: wrote docs/benchmarks.md and README.md (performance budgets)');
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  async (code) => {
    await cleanup();
    process.exit(code);
  },
  async (error: unknown) => {
    console.error('bench:', error);
    await cleanup();
    process.exit(1);
  },
);
