// `npm run server` with TLS_PORT: plain http on PORT and TLS on TLS_PORT, one state; the self-signed
// certificate (no key) written to TLS_CERT_FILE, and trusted from there, never by switching checks off.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { stopChild } from '../testing/child';
import { httpsJson } from '../testing/brandClient';
import { call, signup } from '../testing/http';

const root = path.resolve(import.meta.dirname, '..', '..');
let child: ChildProcess | undefined;
let dir: string | undefined;

afterEach(async () => {
  await stopChild(child);
  child = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('serves the same stand-in over http and TLS; the domain API names TLS hosts over TLS', async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parley-tls-test-'));
  const certFile = path.join(dir, 'cert.pem');
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', TLS_PORT: '0', TLS_CERT_FILE: certFile, PARLEY_DIST: path.join(root, '.no-such-dist') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${text}`)), 20_000);
    proc.stdout.on('data', (d: Buffer) => {
      text += d.toString();
      if (/TLS certificate:/.test(text)) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    proc.once('exit', (code) => reject(new Error(`server exited (${code}): ${text}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
  const tlsUrl = /with TLS: +(https:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1] ?? '';
  expect(out).toContain(certFile);
  const ca = readFileSync(certFile, 'utf8');
  expect(ca).toMatch(/^-----BEGIN CERTIFICATE-----/);
  expect(ca).not.toMatch(/PRIVATE KEY/);

  const account = 'tls-proc';
  const jwt = await signup(url, account); // plain http
  const domains = await httpsJson(`${tlsUrl}/api/account/${account}/service/baseURI.json?version=1.0`, ca);
  const tlsHost = tlsUrl.replace('https://', '');
  expect((domains.body as { baseURIs: Array<{ baseURI: string }> }).baseURIs.every((s) => s.baseURI === tlsHost)).toBe(true);
  const plain = await call<{ baseURIs: Array<{ baseURI: string }> }>(`${url}/api/account/${account}/service/baseURI.json?version=1.0`);
  expect(plain.body.baseURIs.every((s) => s.baseURI === url.replace('http://', ''))).toBe(true);
  // Without the certificate, TLS is refused: nothing here turns verification off.
  await expect(httpsJson(`${tlsUrl}/api/account/${account}/service/baseURI.json`, undefined)).rejects.toThrow(/self.signed|certificate/i);
  expect(jwt.split('.')).toHaveLength(3);
  proc.kill('SIGTERM');
  expect(await new Promise((resolve) => proc.once('exit', resolve))).toBe(0);
}, 30_000);
