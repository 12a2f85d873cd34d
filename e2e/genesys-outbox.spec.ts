// Genesys mode in Chromium: the visitor's unsent messages survive a reload (sessionStorage) and are
// reconciled against GMS's transcript before anything is sent again, since GMS does not
// deduplicate: written while GMS cannot be reached, or published just before the reload with the
// echo not yet seen, each is stored exactly once.
import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { GwsAgent, standInChats } from './support/gws-agent';
import type { Widget } from './support/widget';

test.afterEach(async ({ request }) => {
  await request.delete('/agent/api/genesys/faults');
});

const serviceName = () => `outbox-${Date.now().toString(36)}`;

/** The visitor's first message opens the chat; Dana accepts it over GWS REST. */
async function startChat(w: Widget, request: APIRequestContext, service: string) {
  await w.page.goto(`/?backend=genesys&service=${service}&nickname=Olive`);
  await w.open();
  await w.send('Hello');
  await expect(w.receiptOf('Hello')).toHaveAttribute('data-receipt', 'sent');
  const [chat] = await standInChats(request, service);
  const dana = await GwsAgent.signIn(request, 'dana');
  await dana.op(chat?.id ?? '', 'Accept');
  await expect(w.log.locator('[data-banner="agentJoined"]')).toContainText('Dana joined');
  return chat?.id ?? '';
}

const visitorTexts = async (request: APIRequestContext, service: string) =>
  ((await standInChats(request, service))[0]?.transcript ?? []).filter((t) => t.type === 'Message' && t.from === 'Olive').map((t) => t.text);

test('messages written while GMS cannot be reached survive a reload and go out once, in order', async ({ page, widget: w, request }) => {
  const service = serviceName();
  await startChat(w, request, service);
  await page.route('**/genesys/cometd**', (route) => route.abort('connectionrefused'));
  await w.send('offline one');
  await expect(w.status).toContainText(/Reconnecting/i);
  await w.send('offline two');
  await expect(w.receiptOf('offline two')).toHaveAttribute('data-receipt', 'pending');
  const saved = await w.frame.locator('body').evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(saved).toContain('offline two');

  // The reload still cannot reach GMS: the two come back, pending, from sessionStorage.
  await page.reload();
  await w.open();
  await expect(w.receiptOf('offline one')).toHaveAttribute('data-receipt', 'pending');
  await expect(w.receiptOf('offline two')).toHaveAttribute('data-receipt', 'pending');
  // GMS is reachable again: the same chat is rebuilt, and the two go out once, in order.
  await page.unroute('**/genesys/cometd**');
  await expect(w.receiptOf('offline two')).toHaveAttribute('data-receipt', 'sent', { timeout: 30_000 });
  await expect(w.receiptOf('offline one')).toHaveAttribute('data-receipt', 'sent');
  await expect(w.log.locator('[data-banner="agentJoined"]')).toHaveCount(1);
  expect(await visitorTexts(request, service)).toEqual(['Hello', 'offline one', 'offline two']);
  const left = await w.frame.locator('body').evaluate(() => JSON.stringify({ ...sessionStorage }));
  expect(left).not.toContain('offline');
});

test('a message GMS took just before a reload, its echo not yet seen, is not sent again', async ({ page, widget: w, request }) => {
  const service = serviceName();
  await startChat(w, request, service);
  // GMS stores the message at once, but its echo comes late: the page leaves before it does.
  await request.put('/agent/api/genesys/faults', { data: { delayMs: 3_000 } });
  const published = page.waitForResponse((r) => r.url().includes('/genesys/cometd') && (r.request().postData() ?? '').includes('maybe stored'));
  await w.send('maybe stored');
  expect((await published).status()).toBe(200);
  await expect(w.receiptOf('maybe stored')).toHaveAttribute('data-receipt', 'pending');
  await expect.poll(() => visitorTexts(request, service)).toEqual(['Hello', 'maybe stored']);
  await page.reload();
  await w.open();
  await expect(w.receiptOf('maybe stored')).toHaveAttribute('data-receipt', 'sent', { timeout: 20_000 });
  await expect(w.mine('maybe stored')).toHaveCount(1);
  await request.delete('/agent/api/genesys/faults');
  await w.send('after the reload');
  await expect(w.receiptOf('after the reload')).toHaveAttribute('data-receipt', 'sent');
  expect(await visitorTexts(request, service)).toEqual(['Hello', 'maybe stored', 'after the reload']);
});
