// Makes sure a Chromium for Playwright exists: Debian's package, installed with apt when missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(`Chromium not found at ${path}. Install it: sudo apt-get update && sudo apt-get install -y chromium`);
  process.exit(1);
}
console.log(`Chromium not found at ${path}; installing Debian's chromium with apt…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const run = (args) => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=120', ...args], { stdio: 'inherit', env }).status;
if (run(['update', '-qq']) !== 0 || run(['install', '-y', '-qq', '--no-install-recommends', 'chromium']) !== 0) {
  console.error('apt-get could not install chromium');
  process.exit(1);
}
if (!existsSync(path)) {
  console.error(`chromium installed but ${path} is still missing; set CHROMIUM_PATH`);
  process.exit(1);
}
