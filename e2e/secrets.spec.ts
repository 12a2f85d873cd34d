// Secrets: during a whole conversation (the v3 sign-up and refresh, connect, messages, receipts, a
// dropped socket and a reconnect, a reload), the jwt never appears in a console message, a request
// URL or a WebSocket URL.
// The same for an authenticated visitor: the host's getJwt (the demo page's authCode=), a token given
// with Parley.setJwt, a 4401 answered with a fresh host token, and getJwt failing (its error texts,
// shown and logged, name no token either).
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** Records what could leak a token: console lines, page errors, request and WebSocket URLs; and the tokens the IdP issued to the page. */
function watch(page: Page) {
  const seen: string[] = [];
  const jwts = new Set<string>();
  page.on('console', (m) => seen.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  page.on('request', (r) => seen.push(`request: ${r.url()}`));
  page.on('websocket', (ws) => seen.push(`websocket: ${ws.url()}`));
  page.on('response', async (r) => {
    if (!/\/(signup|authenticate|anonymous\/authorize)$/.test(new URL(r.url()).pathname)) return;
    const body = (await r.json().catch(() => ({}))) as { jwt?: unknown; token?: unknown };
    for (const token of [body.jwt, body.token]) if (typeof token === 'string') jwts.add(token);
  });
  return { seen, jwts };
}

/** What of `seen` names a token: the whole token, or its signature alone (a token cut in pieces still leaks). */
function leaks(seen: string[], jwts: Iterable<string>): string[] {
  const out: string[] = [];
  for (const jwt of jwts) {
    const signature = jwt.split('.')[2] ?? jwt;
    out.push(...seen.filter((s) => s.includes(jwt) || s.includes(signature)));
  }
  return out;
}

test('the jwt is never logged and never put in a URL', async ({ page, control, widget: w, chat }) => {
  const { seen, jwts } = watch(page);
  // The v3 flow (connectorId): its refresh after the expiry keeps the conversation across the reload.
  await chat.danaAnswers('my secret-free message', 'hello', '&connectorId=parley-web');
  await control.dropSockets();
  await w.send('after a drop');
  await expect(w.receiptOf('after a drop')).toHaveAttribute('data-receipt', 'sent');
  await control.expireTokens();
  await w.send('after a token refresh');
  await expect(w.receiptOf('after a token refresh')).toHaveAttribute('data-receipt', 'sent');
  await page.reload();
  await w.open();
  await expect(w.agentMessage('hello')).toBeVisible();

  expect(jwts.size).toBeGreaterThan(0);
  expect(seen.filter((s) => s.startsWith('websocket:')).length).toBeGreaterThan(1);
  expect(leaks(seen, jwts)).toEqual([]);
});

test('an authenticated visitor: host getJwt, Parley.setJwt, 4401 and a failing getJwt never show the token', async ({ page, control, widget: w, request }) => {
  test.setTimeout(90_000);
  const { seen, jwts } = watch(page);
  const authCode = `carol-${control.account}`;
  try {
    await w.goto(control.account, `&open=1&authCode=${encodeURIComponent(authCode)}`);
    await w.send('signed in');
    await expect(w.receiptOf('signed in')).toHaveAttribute('data-receipt', 'sent');

    // A token the host page hands over itself (same visitor).
    const base = new URL(page.url()).origin;
    const answer = await request.post(`${base}/api/account/${control.account}/authenticate`, { data: { authCode } });
    const handed = ((await answer.json()) as { jwt: string }).jwt;
    jwts.add(handed);
    await page.evaluate((token) => (window as unknown as { Parley: { setJwt(t: string): void } }).Parley.setJwt(token), handed);
    await w.send('after setJwt');
    await expect(w.receiptOf('after setJwt')).toHaveAttribute('data-receipt', 'sent');

    // 4401: the host's getJwt gives a fresh token and the conversation goes on.
    await control.expireTokens();
    await w.send('after 4401');
    await expect(w.receiptOf('after 4401')).toHaveAttribute('data-receipt', 'sent');

    // getJwt fails (the IdP refuses): bounded attempts, then the error, whose text names no token.
    await control.setFaults({ refuseAuth: true });
    await control.expireTokens();
    await expect(w.status).toHaveAttribute('data-status', 'error', { timeout: 30_000 });
    seen.push(`status: ${(await w.status.textContent()) ?? ''}`);
    seen.push(`status label: ${(await w.status.getAttribute('aria-label')) ?? ''}`);
  } finally {
    await control.clearFaults();
  }

  expect(jwts.size).toBeGreaterThanOrEqual(3); // the first host token, the handed one, the one after 4401
  expect(seen.some((s) => s.startsWith('status: ') && s.length > 'status: '.length)).toBe(true);
  expect(leaks(seen, jwts)).toEqual([]);
});
