// The npm library: `npm pack` output installed (offline, from the tarball) into a fresh Vite app,
// type-checked against its .d.ts, built, served from another origin, and used in Chromium against
// the stand-in: <ParleyChat config={…} /> opens the widget and a message goes both ways.
// The app lives under .e2e/ so react, react-dom, vite and typescript resolve from this repo's
// node_modules (no network).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test } from './support/fixtures';
import { E2E_PORT } from '../playwright.config';

const repo = path.resolve(import.meta.dirname, '..');
const work = path.join(repo, '.e2e', `pack-${E2E_PORT}`);
const app = path.join(work, 'app');
const bin = (name: string) => path.join(repo, 'node_modules', '.bin', name);
const sh = (cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) =>
  execFileSync(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: 'pipe', encoding: 'utf8' });

let server: Server;
let appOrigin: string;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  const lib = path.join(work, 'lib');
  sh(bin('vite'), ['build', '--config', 'vite.lib.config.ts', '--logLevel', 'warn'], repo, { PARLEY_LIB_DIST: lib });
  sh(bin('tsc'), ['-p', 'tsconfig.lib.json', '--outDir', path.join(lib, 'types')], repo);
  sh('npm', ['pack', lib, '--pack-destination', work, '--loglevel=error'], repo);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tarball, 'npm pack made a tarball').toBeTruthy();

  writeFileSync(
    path.join(app, 'package.json'),
    JSON.stringify({ name: 'fresh-vite-app', private: true, type: 'module', dependencies: { 'parley-chat': `file:../${tarball}` } }, null, 2),
  );
  writeFileSync(
    path.join(app, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A React site</title></head><body><main><h1>A React site</h1><div id="root"></div></main><script type="module" src="/main.ts"></script></body></html>',
  );
  writeFileSync(
    path.join(app, 'main.ts'),
    `import { createElement, createRef } from 'react';
import { createRoot } from 'react-dom/client';
import { ParleyChat, type EmbedConfig, type ParleyApi } from 'parley-chat';

const query = new URLSearchParams(location.search);
const config: EmbedConfig = { account: query.get('account') ?? '', csds: query.get('csds') ?? '', appUrl: query.get('app') ?? '' };
const parley = createRef<ParleyApi>();
createRoot(document.getElementById('root')!).render(createElement(ParleyChat, { config, ref: parley }));
(window as unknown as { parley: typeof parley }).parley = parley;
`,
  );
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false }, include: ['main.ts'] }),
  );
  sh('npm', ['install', '--offline', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error'], app);
  expect(existsSync(path.join(app, 'node_modules', 'parley-chat', 'types', 'embed', 'lib.d.ts'))).toBe(true);
  sh(bin('tsc'), ['-p', 'tsconfig.json'], app);
  sh(bin('vite'), ['build', '--logLevel', 'warn'], app);

  const dist = path.join(app, 'dist');
  server = createServer((req, res) => {
    const rel = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.join(dist, rel === '/' ? 'index.html' : rel);
    if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  appOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

test('the packed library installs in a fresh Vite app and chats from another origin', async ({ page, control, widget: w, baseURL, chat }) => {
  const query = new URLSearchParams({ account: control.account, csds: baseURL!, app: `${baseURL}/frame.html` });
  await page.goto(`${appOrigin}/?${query}`);
  await expect(page.getByRole('heading', { name: 'A React site' })).toBeVisible();
  await expect(w.launcher).toBeVisible();
  // The ref gives the typed API.
  await page.evaluate(() => (window as unknown as { parley: { current: { open(): void } } }).parley.current.open());
  await expect(w.dialog).toBeVisible();
  await chat.danaAnswersInOpenWindow('hello from an npm install', 'hello, React site');
});
