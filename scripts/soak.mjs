// `npm run soak -- --seed 42 --duration 600 [--messages 200]`: the chaos end-to-end test
// (e2e/chaos.spec.ts, driver in e2e/support/chaos.ts) run for longer, with a seed and a duration in
// seconds. It runs Playwright in Chromium (E2E_PORT picks the stand-in's port, default 4173).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const usage = 'usage: npm run soak -- [--seed N] [--duration SECONDS] [--messages N]   (defaults: random seed, 600 s, 200)';

function parse(argv) {
  const options = { seed: Math.floor(Math.random() * 2 ** 31), duration: 600, messages: 200 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, '');
    const value = Number(argv[i + 1]);
    if (!(name in options) || !Number.isInteger(value) || value < 0) {
      console.error(`soak: bad argument ${argv[i]} ${argv[i + 1] ?? ''}\n${usage}`);
      process.exit(2);
    }
    options[name] = value;
  }
  if (options.messages < 200) {
    console.error(`soak: --messages must be at least 200\n${usage}`);
    process.exit(2);
  }
  return options;
}

const { seed, duration, messages } = parse(process.argv.slice(2));
console.log(`soak: seed ${seed}, at least ${duration} s, at least ${messages} messages each way`);
const ensure = spawnSync(process.execPath, ['scripts/ensure-chromium.mjs'], { stdio: 'inherit' });
if (ensure.status !== 0) process.exit(ensure.status ?? 1);
const run = spawnSync(join('node_modules', '.bin', 'playwright'), ['test', 'e2e/chaos.spec.ts', '--reporter=list'], {
  stdio: 'inherit',
  env: { ...process.env, CHAOS_SEED: String(seed), CHAOS_DURATION_S: String(duration), CHAOS_MESSAGES: String(messages) },
});
process.exit(run.status ?? 1);
