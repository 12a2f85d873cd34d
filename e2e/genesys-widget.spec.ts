// The widget in Genesys mode (GMS chatV2 over CometD, the real `cometd` client in Chromium) with the
// Genesys agent console (/agent/genesys.html) as the GWS agent: the join banner, messages and typing
// both ways, the end by either side, a Bayeux restart mid-chat, a reload, messages written while
// GMS cannot be reached, and the XSS corpus in every Genesys text slot (nickname, text, URL, notice).
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { GwsAgent, standInChats } from './support/gws-agent';
import { installTrap, VECTORS } from './support/xss-corpus';
import type { Widget } from './support/widget';

test.afterEach(async ({ request }) => {
  await request.delete('/agent/api/genesys/faults');
});

/** A service of its own per test: the stand-in keeps chats per service. */
const serviceName = () => `e2e-${Date.now().toString(36)}`;

async function openWidget(w: Widget, service: string, nickname: string) {
  await w.page.goto(`/?backend=genesys&service=${service}&nickname=${encodeURIComponent(nickname)}`);
  await w.open();
}

async function consoleAs(page: Page, agent = 'dana'): Promise<Page> {
  await page.goto('/agent/genesys.html');
  await page.getByLabel('Agent').selectOption(agent);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
  return page;
}

/** The visitor writes first (that opens the chat); the console accepts it; the join banner shows. */
async function startChat(w: Widget, agentPage: Page, service: string, nickname: string) {
  await openWidget(w, service, nickname);
  await w.send('Hello from the widget');
  await expect(w.receiptOf('Hello from the widget')).toHaveAttribute('data-receipt', 'sent');
  const chat = agentPage.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: new RegExp(nickname) });
  await chat.click();
  await agentPage.getByRole('button', { name: 'Accept' }).click();
  await expect(chat).toContainText('Chatting');
  await expect(w.log.locator('[data-banner="agentJoined"]')).toContainText('Dana joined');
  return { chat, transcript: agentPage.getByRole('list', { name: 'Transcript' }) };
}

async function agentSays(agentPage: Page, text: string) {
  await agentPage.getByLabel('Reply').fill(text);
  await agentPage.getByRole('button', { name: 'Send' }).click();
}

test('join banner, messages and typing both ways, the end by the agent', async ({ page, context, widget: w, request }) => {
  const service = serviceName();
  const agentPage = await consoleAs(await context.newPage());
  const { transcript } = await startChat(w, agentPage, service, 'Vera');

  // The agent types (the console sends the typing notification while the reply is filled), then sends.
  await agentPage.getByLabel('Reply').fill('Hi Vera');
  await expect(w.dialog.getByText('Dana is typing…')).toBeVisible();
  await agentPage.getByRole('button', { name: 'Send' }).click();
  await expect(w.agentMessage('Hi Vera')).toBeVisible();
  await expect(w.dialog.getByText('Dana is typing…')).toHaveCount(0);

  // The visitor types: the console shows it.
  await w.composer.fill('I have a question');
  await expect(agentPage.getByRole('status').filter({ hasText: 'is typing…' })).toBeVisible();
  await w.dialog.getByRole('button', { name: 'Send' }).click();
  await expect(transcript.getByText('I have a question')).toBeVisible();
  // No receipts in GMS: sent, never delivered or read.
  await expect(w.receiptOf('I have a question')).toHaveAttribute('data-receipt', 'sent');
  await page.waitForTimeout(300);
  await expect(w.log.locator('[data-receipt="read"], [data-receipt="delivered"]')).toHaveCount(0);

  await agentPage.getByRole('button', { name: 'Complete' }).click();
  await expect(w.log.locator('[data-banner="conversationEnded"]')).toBeVisible();
  const [chat] = await standInChats(request, service);
  expect(chat?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual(['Hello from the widget', 'Hi Vera', 'I have a question']);
});

test('the visitor ends the chat', async ({ context, widget: w, request }) => {
  const service = serviceName();
  const agentPage = await consoleAs(await context.newPage());
  await startChat(w, agentPage, service, 'Ezra');
  await w.dialog.getByRole('button', { name: 'End conversation' }).click();
  await w.dialog.getByRole('button', { name: 'End', exact: true }).click();
  await expect(w.log.locator('[data-banner="conversationEnded"]')).toContainText('You ended the conversation');
  await expect.poll(async () => (await standInChats(request, service))[0]?.transcript.at(-1)?.type).toBe('ParticipantLeft');
});

test('a Bayeux restart mid-chat and a reload: the same chat, no gap, no double', async ({ page, context, widget: w, request }) => {
  const service = serviceName();
  const agentPage = await consoleAs(await context.newPage());
  const { transcript } = await startChat(w, agentPage, service, 'Rhea');
  await agentSays(agentPage, 'Before the restart');
  await expect(w.agentMessage('Before the restart')).toBeVisible();

  await agentPage.getByRole('button', { name: 'Restart Bayeux' }).click();
  await expect(agentPage.getByText('Bayeux servers restarted.')).toBeVisible();
  await w.send('Written during the restart');
  await expect(w.receiptOf('Written during the restart')).toHaveAttribute('data-receipt', 'sent', { timeout: 20_000 });
  await expect(transcript.getByText('Written during the restart')).toHaveCount(1, { timeout: 15_000 });
  await agentSays(agentPage, 'After the restart');
  await expect(w.agentMessage('After the restart')).toBeVisible({ timeout: 15_000 });

  const expected = ['Hello from the widget', 'Before the restart', 'Written during the restart', 'After the restart'];
  const texts = async () => (await w.sequencedRows()).map((r) => r.sequence);
  const before = await texts();
  expect(new Set(before).size).toBe(before.length);

  // A reload: the same chat comes back from the keys in localStorage, rebuilt from GMS.
  await page.reload();
  await w.open();
  for (const text of expected) await expect(w.log.getByText(text, { exact: true })).toHaveCount(1);
  await expect(w.log.locator('[data-banner="agentJoined"]')).toHaveCount(1);
  expect(await texts()).toEqual(before);
  const stored = await w.frame.locator('body').evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain('secureKey');
  expect(stored).not.toContain('Before the restart');
  await w.send('After the reload');
  await expect(transcript.getByText('After the reload')).toBeVisible();
  const chats = await standInChats(request, service);
  expect(chats).toHaveLength(1);
  expect(chats[0]?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual([...expected, 'After the reload']);
});

test('messages written while GMS cannot be reached wait, then go out once, in order', async ({ page, context, widget: w, request }) => {
  const service = serviceName();
  const agentPage = await consoleAs(await context.newPage());
  const { transcript } = await startChat(w, agentPage, service, 'Noor');
  // Every new Bayeux request of the widget fails: GMS is down as far as it can tell. The first
  // message's publish fails (its fate unknown); the second waits behind it.
  await page.route('**/genesys/cometd**', (route) => route.abort('connectionrefused'));
  await w.send('offline one');
  await expect(w.status).toContainText(/Reconnecting/i);
  await w.send('offline two');
  await expect(w.receiptOf('offline one')).toHaveAttribute('data-receipt', 'pending');
  await expect(w.receiptOf('offline two')).toHaveAttribute('data-receipt', 'pending');
  // GMS is back, on a fresh node (the held long poll is cut, the session unknown): re-handshake, resync.
  await page.unroute('**/genesys/cometd**');
  await request.post('/agent/api/genesys/faults/restart', { data: { which: 'gms' } });
  await expect(w.receiptOf('offline two')).toHaveAttribute('data-receipt', 'sent', { timeout: 20_000 });
  await expect(transcript.getByText('offline two')).toBeVisible();
  const [chat] = await standInChats(request, service);
  expect(chat?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual(['Hello from the widget', 'offline one', 'offline two']);
});

test('the XSS corpus as the agent nickname, text, URL and notice renders as inert text', async ({ page, widget: w, request }) => {
  test.setTimeout(120_000);
  const fired = await installTrap(page);
  const service = serviceName();
  await openWidget(w, service, VECTORS[2]);
  await w.send('hello');
  await expect(w.receiptOf('hello')).toHaveAttribute('data-receipt', 'sent');
  const [chat] = await standInChats(request, service);
  expect(chat?.participants[0]?.nickname).toBe(VECTORS[2]);
  // The agent side by GWS REST (Basic sign-in, then the cookie and the CSRF header).
  const sam = await GwsAgent.signIn(request, 'sam');
  const op = (operationName: string, fields: Record<string, unknown> = {}) => sam.op(chat?.id ?? '', operationName, fields);
  await op('Accept', { nickname: VECTORS[1] });
  await expect(w.log.locator('[data-banner="agentJoined"]')).toContainText(`${VECTORS[1]} joined`);
  for (const vector of VECTORS) {
    await op('SendMessage', { text: vector });
    await op('SendCustomNotice', { noticeText: vector });
  }
  // GWS takes only http(s) URLs without spaces: the vectors ride inside them ("/" separates attributes in HTML too).
  for (const vector of VECTORS) await op('SendUrl', { url: `https://example.com/?q=${vector.replace(/\s+/g, '/')}` });
  await op('SendUrl', { url: 'https://example.com/safe' });
  await expect(w.log.getByRole('link', { name: 'https://example.com/safe' })).toBeVisible({ timeout: 20_000 });
  for (const vector of VECTORS.slice(0, 6)) await expect(w.agentMessage(vector)).toHaveCount(1);
  await expect(w.log.locator('[data-originator="system"]').filter({ hasText: VECTORS[0] })).toHaveCount(1);
  // No link but http(s) ones.
  const hrefs = await w.log.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.every((h) => /^https?:/.test(h))).toBe(true);
  await page.waitForTimeout(500);
  expect(fired).toEqual([]);
});
