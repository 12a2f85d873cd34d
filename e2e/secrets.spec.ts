// Secrets: during a whole conversation (sign-up, connect, messages, receipts, a dropped socket and a
// reconnect, a reload), the jwt never appears in a console message, a request URL or a WebSocket URL.
import { expect, test } from '@playwright/test';
import { Control, uniqueAccount } from './support/control';
import { Widget } from './support/widget';

test('the jwt is never logged and never put in a URL', async ({ page, request }) => {
  const seen: string[] = [];
  page.on('console', (m) => seen.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => seen.push(`pageerror: ${e.message}`));
  page.on('request', (r) => seen.push(`request: ${r.url()}`));
  page.on('websocket', (ws) => seen.push(`websocket: ${ws.url()}`));
  const jwts = new Set<string>();
  page.on('response', async (r) => {
    if (!/\/(signup|authenticate|refresh)$/.test(new URL(r.url()).pathname)) return;
    const body = (await r.json().catch(() => ({}))) as { jwt?: unknown };
    if (typeof body.jwt === 'string') jwts.add(body.jwt);
  });

  const control = new Control(request, uniqueAccount('secrets'));
  const w = new Widget(page);
  await w.goto(control.account);
  await w.open();
  await w.send('my secret-free message');
  const conv = await control.onlyConversation();
  const dana = await control.agent('Dana');
  await control.accept(conv.id, dana.id);
  await control.say(conv.id, dana.id, 'hello');
  await expect(w.agentMessage('hello')).toBeVisible();
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
  for (const jwt of jwts) {
    // The whole token, and its signature alone (a token cut in pieces would still leak it).
    const signature = jwt.split('.')[2] ?? jwt;
    expect(seen.filter((s) => s.includes(jwt) || s.includes(signature))).toEqual([]);
  }
});
