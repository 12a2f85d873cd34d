// Strict CSP: the stand-in serves the widget's pages with `default-src 'self'; script-src 'self';
// style-src 'self'` (+ connect-src 'self'); any violation report, in the page or the frame, fails.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Collects CSP violations from every frame: the DOM event and Chromium's console report. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(t: string): void }).reportCspViolation(`${e.violatedDirective}: ${e.blockedURI} (${location.pathname})`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test('the demo page and the frame carry the strict policy, and a whole conversation breaks none of it', async ({ page, control, widget: w }) => {
  const violations = await watchCsp(page);
  const frameResponse = page.waitForResponse((r) => new URL(r.url()).pathname === '/frame.html');
  const response = await page.goto(`/?account=${control.account}&lang=he&load=idle`);
  const policy = response?.headers()['content-security-policy'] ?? '';
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'"]) expect(policy).toContain(directive);
  expect(policy).not.toContain('unsafe');
  // The frame's own policy: as strict, and only embeddable by the allowed origins (its own here).
  const framePolicy = (await frameResponse).headers()['content-security-policy'] ?? '';
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'"]) expect(framePolicy).toContain(directive);
  expect(framePolicy).toMatch(/frame-ancestors 'self'( |;|$)/);
  expect(framePolicy).not.toContain('unsafe');
  // No site wildcard (`*`, `https://*…`); e2e explicitly allows other local ports (http://127.0.0.1:*).
  expect(framePolicy).not.toMatch(/frame-ancestors[^;]*( \*( |;|$)|\/\/\*)/);

  await page.getByRole('button', { name: /^פתיחת הצ׳אט/ }).click();
  await expect(w.frame.getByRole('dialog', { name: 'צ׳אט' })).toBeVisible();
  const composer = w.frame.getByRole('textbox', { name: 'הודעה' });
  await composer.fill('שלום');
  await composer.press('Enter');
  const { conversation: c, agent: dana } = await control.acceptOnly('Dana');
  await control.say(c.id, dana.id, 'hello under a strict policy');
  await expect(w.frame.locator('[data-originator="agent"]').filter({ hasText: 'hello under a strict policy' })).toBeVisible();
  await control.close(c.id);
  await expect(w.frame.getByText('הנציג סיים את השיחה')).toBeVisible();
  expect(violations).toEqual([]);
});

test('the watcher does catch a violation, in the page and inside the frame (an inline style)', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto('/?account=csp-probe&load=idle');
  await page.locator('parley-widget iframe').waitFor({ state: 'attached' });
  // The frame's URL is empty until it navigates: wait for it to be the widget's page.
  const widgetFrame = () => page.frames().find((f) => /^https?:/.test(f.url()) && new URL(f.url()).pathname === '/frame.html');
  await expect.poll(() => widgetFrame() !== undefined, { message: 'the widget frame' }).toBe(true);
  const frame = widgetFrame();
  await frame!.waitForLoadState();
  expect(violations).toEqual([]);
  // A <style> element is inline style: the policy blocks it and reports it, in the frame…
  await frame!.addScriptTag({ url: '/examples/inline-style-probe.js' }).catch(() => undefined);
  await expect.poll(() => violations.filter((v) => v.includes('(/frame.html)')).length).toBeGreaterThan(0);
  // …and in the page.
  await page.addScriptTag({ url: '/examples/inline-style-probe.js' }).catch(() => undefined);
  await expect.poll(() => violations.filter((v) => v.includes('(/)')).length).toBeGreaterThan(0);
});

test("the frame accepts only the #origin its embedding page really has", async ({ page, baseURL }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  const origin = new URL(baseURL!).origin;
  // A page (no CSP: a test fixture) with two frames: one told the truth, one told another origin.
  await page.route('**/host/origins.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>origins</title></head><body><script>
        window.ready = [];
        addEventListener('message', (e) => { if (e.data && e.data.type === 'ready') window.ready.push(e.source === frames[0] ? 'true origin' : 'other'); });
      </script>
      <iframe title="true" src="/frame.html#origin=${encodeURIComponent(origin)}"></iframe>
      <iframe title="lie" src="/frame.html#origin=${encodeURIComponent('http://127.0.0.1:9')}"></iframe></body></html>`,
    }),
  );
  await page.goto('/host/origins.html');
  await expect.poll(() => page.evaluate(() => (window as unknown as { ready: string[] }).ready)).toEqual(['true origin']);
  await expect.poll(() => errors.filter((e) => /not the origin of the page that embeds it/.test(e)).length).toBe(1);
});
