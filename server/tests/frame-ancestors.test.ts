// The embed's frame.html may be embedded only by the stand-in's own pages and the configured
// origins (CSP frame-ancestors); other widget pages keep the plain strict policy.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFrameAncestors, frameAncestorsFromEnv } from '../options';
import { startStandIn, type StandIn } from '../standin';

let dir: string;
const started: StandIn[] = [];
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parley-static-'));
  for (const page of ['frame.html', 'genesys.html', 'check.html']) writeFileSync(path.join(dir, page), '<!doctype html><title>frame</title>');
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>demo</title>');
});
afterAll(async () => {
  for (const s of started) await s.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function policyOf(standIn: StandIn, file: string): Promise<string> {
  const res = await fetch(`${standIn.url}/${file}`);
  await res.text();
  return res.headers.get('content-security-policy') ?? '';
}

describe('frame-ancestors of frame.html', () => {
  it("defaults to the stand-in's own origin only", async () => {
    const standIn = await startStandIn({ staticDir: dir });
    started.push(standIn);
    const frame = await policyOf(standIn, 'frame.html');
    expect(frame).toMatch(/; frame-ancestors 'self'$/);
    expect(frame).toContain("script-src 'self'");
    // The loader frames Genesys' app and the connection check the same way.
    for (const page of ['genesys.html', 'check.html']) expect(await policyOf(standIn, page)).toBe(frame);
    expect(await policyOf(standIn, 'index.html')).not.toContain('frame-ancestors');
  });

  it('adds the configured origins', async () => {
    const standIn = await startStandIn({ staticDir: dir, frameAncestors: ['https://shop.example', 'http://127.0.0.1:*'] });
    started.push(standIn);
    expect(await policyOf(standIn, 'frame.html')).toMatch(/; frame-ancestors 'self' https:\/\/shop\.example http:\/\/127\.0\.0\.1:\*$/);
  });

  it('refuses anything that is not an http(s) origin, clearly (no header injection, no wildcard site)', () => {
    for (const bad of ['*', 'https://*', 'shop.example', "'none'; script-src *", 'https://a.example/path', 'javascript:x', 'https://a.example\r\nx: y']) {
      expect(() => checkFrameAncestors([bad]), bad).toThrow('is not an http(s) origin');
    }
    expect(frameAncestorsFromEnv(' https://a.example  http://b.example:8080 ')).toEqual(['https://a.example', 'http://b.example:8080']);
    expect(frameAncestorsFromEnv(undefined)).toEqual([]);
  });
});
