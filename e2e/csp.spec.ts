// Strict CSP: the stand-in serves the widget's pages with `default-src 'self'; script-src 'self';
// style-src 'self'` (+ connect-src 'self'); any violation report, in the page or the frame, fails.
import { expect, test, type Page } from '@playwright/test';
import { Control, uniqueAccount } from './support/control';
import { Widget } from './support/widget';

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

test('the demo page and the frame carry the strict policy, and a whole conversation breaks none of it', async ({ page, request }) => {
  const control = new Control(request, uniqueAccount('csp'));
  const violations = await watchCsp(page);
  const w = new Widget(page);
  const response = await page.goto(`/?account=${control.account}&lang=he`);
  const policy = response?.headers()['content-security-policy'] ?? '';
  for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'"]) expect(policy).toContain(directive);
  expect(policy).not.toContain('unsafe');

  await page.getByRole('button', { name: /^פתיחת הצ׳אט/ }).click();
  await expect(w.frame.getByRole('dialog', { name: 'צ׳אט' })).toBeVisible();
  const composer = w.frame.getByRole('textbox', { name: 'הודעה' });
  await composer.fill('שלום');
  await composer.press('Enter');
  const c = await control.onlyConversation();
  const dana = await control.agent('Dana');
  await control.accept(c.id, dana.id);
  await control.say(c.id, dana.id, 'hello under a strict policy');
  await expect(w.frame.locator('[data-originator="agent"]').filter({ hasText: 'hello under a strict policy' })).toBeVisible();
  await control.close(c.id);
  await expect(w.frame.getByText('הנציג סיים את השיחה')).toBeVisible();
  expect(violations).toEqual([]);
});

test('the watcher does catch a violation (an inline style on a strict page)', async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto('/?account=csp-probe');
  await page.locator('parley-widget').waitFor({ state: 'attached' });
  expect(violations).toEqual([]);
  // A <style> element is inline style: the policy blocks it and reports it.
  await page.addScriptTag({ url: '/examples/inline-style-probe.js' }).catch(() => undefined);
  await expect.poll(() => violations.length).toBeGreaterThan(0);
});
