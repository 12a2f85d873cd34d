// Tokens in Chromium with the stand-in's faults: 4401 with the host's getJwt (the demo page's
// authCode=), 4407 for an anonymous visitor, and an authentication that keeps failing (bounded,
// then a visible error with Retry).
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { visitorTexts } from './support/control';

/** Counts the page's requests to the IdP, by endpoint. */
function idpRequests(page: Page): Record<'authenticate' | 'signup' | 'refresh', number> {
  const counts = { authenticate: 0, signup: 0, refresh: 0 };
  page.on('request', (r) => {
    const m = /\/api\/account\/[^/]+\/(authenticate|signup|refresh)$/.exec(new URL(r.url()).pathname);
    if (m && r.method() === 'POST') counts[m[1] as keyof typeof counts] += 1;
  });
  return counts;
}

const subOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }).sub;
const storedJwt = (page: Page, account: string) => page.evaluate((key) => localStorage.getItem(key) ?? '', `parley:${account}:jwt`);

// With `authCode=` the demo page passes a getJwt (EmbedConfig.getJwt) that trades the code at the
// stand-in's /authenticate; the embed bridges it into the frame's session (src/embed/hostTokens.ts).

test('4401 with a host getJwt: a fresh token, and the same conversation resumes', async ({ page, control, widget: w, chat }) => {
  const idp = idpRequests(page);
  const c = await chat.visitorStarts('before the token expired', `&open=1&authCode=${encodeURIComponent(`alice-${control.account}`)}`);
  expect(idp.authenticate).toBe(1);
  expect(idp.signup).toBe(0);

  await control.expireTokens(); // the authenticated socket closes with 4401
  await expect.poll(() => idp.authenticate).toBe(2);
  await expect(w.status).toHaveAttribute('data-status', 'online');
  await w.send('after a fresh token');
  await expect(w.receiptOf('after a fresh token')).toHaveAttribute('data-receipt', 'sent');
  const after = await control.conversation(c.id);
  expect((await control.conversations()).map((x) => x.id)).toEqual([c.id]);
  expect(after.consumerId).toBe(c.consumerId);
  expect(visitorTexts(after)).toEqual(['before the token expired', 'after a fresh token']);
  expect(await page.evaluate(() => localStorage.length)).toBe(0); // an authenticated token is never stored
});

test('4407 for an anonymous visitor: the identity is refreshed and keeps its consumer id', async ({ page, control, widget: w, chat }) => {
  const idp = idpRequests(page);
  const c = await chat.visitorStarts('before the identity expired');
  const before = await storedJwt(page, control.account);
  expect(subOf(before)).toBe(c.consumerId);

  await control.expireTokens(); // the anonymous socket closes with 4407
  await expect.poll(() => idp.refresh).toBe(1);
  await w.send('after the refresh');
  await expect(w.receiptOf('after the refresh')).toHaveAttribute('data-receipt', 'sent');
  const after = await storedJwt(page, control.account);
  expect(after).not.toBe(before);
  expect(subOf(after)).toBe(c.consumerId);
  expect(idp.signup).toBe(1);
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['before the identity expired', 'after the refresh']);
});

test('a failing authentication does not loop: bounded attempts, a visible error, and Retry', async ({ page, control, widget: w, chat }) => {
  const idp = idpRequests(page);
  const c = await chat.visitorStarts('hello');

  await control.setFaults({ refuseAuth: true });
  await control.expireTokens();
  await expect(w.status).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(w.status).toContainText(/sign in/i);
  const attempts = idp.refresh + idp.signup;
  expect(idp.refresh).toBeGreaterThan(0);
  expect(attempts).toBeLessThanOrEqual(10);
  await page.waitForTimeout(3_000);
  expect(idp.refresh + idp.signup).toBe(attempts); // it stopped asking

  await control.clearFaults();
  await w.status.getByRole('button', { name: 'Retry' }).click();
  await expect(w.status).toHaveAttribute('data-status', 'online');
  await w.send('back again');
  await expect(w.receiptOf('back again')).toHaveAttribute('data-receipt', 'sent');
  const after = await control.conversation(c.id);
  expect(after.consumerId).toBe(c.consumerId); // the refreshed identity, not a new visitor
  expect(visitorTexts(after)).toEqual(['hello', 'back again']);
});

test('a host getJwt that keeps failing: bounded attempts, then the error with Retry', async ({ page, control, widget: w }) => {
  const idp = idpRequests(page);
  await control.setFaults({ refuseAuth: true });
  await w.goto(control.account, `&open=1&authCode=bob-${control.account}`);
  await expect(w.status).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(w.status.getByRole('button', { name: 'Retry' })).toBeVisible();
  await page.waitForTimeout(2_000);
  expect(idp.authenticate).toBe(4);
  await control.clearFaults();
  await w.status.getByRole('button', { name: 'Retry' }).click();
  await expect(w.status).toHaveAttribute('data-status', 'online');
  await w.send('finally in');
  await expect(w.receiptOf('finally in')).toHaveAttribute('data-receipt', 'sent');
});
