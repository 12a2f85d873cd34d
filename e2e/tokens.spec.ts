// Tokens in Chromium with the stand-in's faults: 4401 with the host's getJwt (the demo page's
// authCode=), 4407 for an anonymous visitor (the v3 flow keeps the conversation; the legacy signup
// tells the visitor it cannot), and an authentication that keeps failing (bounded, then a visible
// error with Retry).
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { visitorTexts } from './support/control';

/** Counts the page's requests to the IdP, by endpoint. */
function idpRequests(page: Page): Record<'authenticate' | 'signup' | 'authorize' | 'exchange', number> {
  const counts = { authenticate: 0, signup: 0, authorize: 0, exchange: 0 };
  const names: Record<string, keyof typeof counts> = { authenticate: 'authenticate', signup: 'signup', 'anonymous/authorize': 'authorize' };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    const m = /\/api\/account\/[^/]+\/(authenticate|signup|anonymous\/authorize)$/.exec(path);
    if (r.method() !== 'POST') return;
    if (m) counts[names[m[1] ?? ''] ?? 'signup'] += 1;
    else if (/\/api\/account\/[^/]+\/app\/[^/]+\/authenticate$/.test(path)) counts.exchange += 1;
  });
  return counts;
}

/** The unauthenticated v3 flow (the demo page's connectorId=). */
const V3 = '&open=1&connectorId=parley-web';

const subOf = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }).sub;
const stored = (page: Page, key: string) => page.evaluate((k) => localStorage.getItem(k) ?? '', key);

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
  // An authenticated token is never stored; nor is the loader's flag for an open conversation (hint.ts):
  // the connection check cannot call the page's getJwt, so the flag would buy nothing.
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});

test('4407 with the v3 flow: the external token is refreshed, the consumer and the conversation stay', async ({ page, control, widget: w, chat }) => {
  const idp = idpRequests(page);
  const c = await chat.visitorStarts('before the identity expired', V3);
  expect(idp).toMatchObject({ authorize: 1, exchange: 1, signup: 0 });
  const before = await stored(page, `parley:${control.account}:idToken`);
  expect(before).not.toBe('');
  expect(await stored(page, `parley:${control.account}:jwt`)).toBe(''); // the consumer token is not stored

  await control.expireTokens(); // the anonymous socket closes with 4407
  await expect.poll(() => idp.exchange).toBe(2);
  expect(idp.authorize).toBe(2); // the refresh: anonymous/authorize with the old id_token
  await w.send('after the refresh');
  await expect(w.receiptOf('after the refresh')).toHaveAttribute('data-receipt', 'sent');
  const after = await stored(page, `parley:${control.account}:idToken`);
  expect(after).not.toBe(before);
  expect(subOf(after)).toBe(subOf(before));
  expect((await control.conversations()).map((x) => x.id)).toEqual([c.id]);
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['before the identity expired', 'after the refresh']);
  await expect(w.status).not.toContainText('earlier conversation');
  await expect(w.mine('before the identity expired')).toBeVisible();
});

test('4407 with the legacy signup: a new visitor, told that the earlier conversation cannot be continued', async ({ page, control, widget: w, chat }) => {
  const idp = idpRequests(page);
  const c = await chat.visitorStarts('before the identity expired');
  const before = await stored(page, `parley:${control.account}:jwt`);
  expect(subOf(before)).toBe(c.consumerId);

  await control.expireTokens(); // the anonymous socket closes with 4407
  await expect(w.status).toContainText('Your earlier conversation could not be continued');
  await expect(w.status).toHaveAttribute('data-status', 'online');
  expect(idp.signup).toBe(2);
  await expect(w.mine('before the identity expired')).toHaveCount(0);
  await w.send('a new start');
  await expect(w.receiptOf('a new start')).toHaveAttribute('data-receipt', 'sent');
  const after = await stored(page, `parley:${control.account}:jwt`);
  expect(subOf(after)).not.toBe(c.consumerId);
  const next = (await control.conversations()).find((x) => x.id !== c.id);
  expect(next?.consumerId).toBe(subOf(after));
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['before the identity expired']);
  await expect(w.status).toContainText('Your earlier conversation could not be continued'); // it stays told
});

test('a failing authentication does not loop: bounded attempts, a visible error, and Retry', async ({ page, control, widget: w, chat }) => {
  const idp = idpRequests(page);
  const c = await chat.visitorStarts('hello', V3);

  await control.setFaults({ refuseAuth: true });
  await control.expireTokens();
  await expect(w.status).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
  await expect(w.status).toContainText(/sign in/i);
  const attempts = idp.authorize + idp.exchange;
  expect(idp.authorize).toBeGreaterThan(1);
  expect(attempts).toBeLessThanOrEqual(12);
  await page.waitForTimeout(3_000);
  expect(idp.authorize + idp.exchange).toBe(attempts); // it stopped asking

  await control.clearFaults();
  await w.status.getByRole('button', { name: 'Retry' }).click();
  await expect(w.status).toHaveAttribute('data-status', 'online');
  await w.send('back again');
  await expect(w.receiptOf('back again')).toHaveAttribute('data-receipt', 'sent');
  expect((await control.conversations()).map((x) => x.id)).toEqual([c.id]); // the refreshed identity, not a new visitor
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['hello', 'back again']);
  await expect(w.status).not.toContainText('earlier conversation');
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

test('the snippet\'s data-connector-id picks the v3 flow', async ({ page, control, widget: w, baseURL }) => {
  const idp = idpRequests(page);
  const body = `<script async src="/parley.js" data-account="${control.account}" data-csds="${baseURL}" data-connector-id="parley-web" data-open="true"></script>`;
  await page.route('**/host/connector.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>connector</title></head><body>${body}</body></html>` }),
  );
  await page.goto('/host/connector.html');
  await w.send('through the connector');
  await expect(w.receiptOf('through the connector')).toHaveAttribute('data-receipt', 'sent');
  expect(idp).toMatchObject({ authorize: 1, exchange: 1, signup: 0 });
  expect(subOf(await stored(page, `parley:${control.account}:idToken`))).not.toBe('');
});
