// Accessibility of the embedded widget: axe in every state, keyboard only, announcements, reduced
// motion, 200% zoom and 320 px, dark mode and theming.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { Control, uniqueAccount } from './support/control';
import { Widget } from './support/widget';

async function noAxeViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(
    violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe, ${state}`,
  ).toEqual([]);
}

test('axe finds nothing: closed, open and empty, a conversation with banners and ticks, reconnecting', async ({ page, request }) => {
  const control = new Control(request, uniqueAccount('axe'));
  const w = new Widget(page);
  await w.goto(control.account);
  await expect(w.launcher).toBeVisible();
  await expect(page.locator('parley-widget iframe')).toHaveCount(1);
  await noAxeViolations(page, 'closed');

  await w.open();
  await expect(w.dialog.getByText('Ask us anything. We are here to help.')).toBeVisible();
  await noAxeViolations(page, 'open and empty');

  await w.send('I need help');
  await expect(w.receiptOf('I need help')).toHaveAttribute('data-receipt', 'sent');
  const c = await control.onlyConversation();
  const dana = await control.agent('Dana');
  await control.accept(c.id, dana.id);
  await control.say(c.id, dana.id, 'Dana here, how can I help?', ['Order', 'Refund']);
  await control.receipt(c.id, dana.id, 'READ', [Number(await w.mine('I need help').getAttribute('data-sequence'))]);
  await expect(w.receiptOf('I need help')).toHaveAttribute('data-receipt', 'read');
  await expect(w.log.getByText(/Dana joined/)).toBeVisible();
  await noAxeViolations(page, 'in a conversation');

  // Reconnecting: the sockets drop and every new one is refused for now.
  await page.routeWebSocket(/messaging\/consumer/, (ws) => ws.close({ code: 1011 }));
  await control.dropSockets();
  await expect(w.dialog.getByText('Reconnecting…')).toBeVisible();
  await noAxeViolations(page, 'reconnecting');
});

test('keyboard only: Enter opens, focus moves into the dialog, Escape closes back to the launcher', async ({ page, request }) => {
  const control = new Control(request, uniqueAccount('keys'));
  const w = new Widget(page);
  await w.goto(control.account);
  await expect(page.locator('parley-widget iframe')).toHaveCount(1);
  // Tab from the page into the launcher (the last thing in the page).
  await page.locator('body').press('End');
  for (let i = 0; i < 30 && !(await w.launcher.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b)); i++) await page.keyboard.press('Tab');
  await expect(w.launcher).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(w.dialog).toBeVisible();
  await expect(w.composer).toBeFocused();
  await page.keyboard.type('typed with the keyboard');
  await page.keyboard.press('Enter');
  await expect(w.receiptOf('typed with the keyboard')).toHaveAttribute('data-receipt', 'sent');
  await page.keyboard.press('Escape');
  await expect(w.dialog).toBeHidden();
  await expect(w.launcher).toBeFocused();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
});

test('new agent messages are announced politely, old ones never again', async ({ page, request }) => {
  const control = new Control(request, uniqueAccount('announce'));
  const w = new Widget(page);
  await w.goto(control.account, '&open=1');
  await w.send('hello');
  const c = await control.onlyConversation();
  const dana = await control.agent('Dana');
  await control.accept(c.id, dana.id);
  await control.say(c.id, dana.id, 'old news');
  await expect(w.agentMessage('old news')).toBeVisible();
  const polite = w.dialog.locator('[aria-live="polite"]');
  await expect(polite).toContainText('old news');

  await page.reload();
  await w.open();
  await expect(w.agentMessage('old news')).toBeVisible();
  await expect(polite).not.toContainText('old news');
  await control.say(c.id, dana.id, 'fresh news');
  await expect(polite).toContainText('fresh news');
  await expect(polite).not.toContainText('old news');
});

test('reduced motion, 320 px wide, 200% zoom, dark mode and theming', async ({ page, request, browser, baseURL }) => {
  const control = new Control(request, uniqueAccount('layout'));
  const w = new Widget(page);
  await page.emulateMedia({ reducedMotion: 'reduce', colorScheme: 'dark' });
  await page.setViewportSize({ width: 320, height: 640 });
  await w.goto(control.account, '&open=1');
  await expect(w.dialog).toBeVisible();
  // Full screen, nothing wider than the screen.
  expect(await page.locator('parley-widget iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 320, height: 640 });
  await expect(w.launcher).toBeHidden();
  const html = w.frame.locator('html');
  expect(await html.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
  await expect(w.dialog.getByRole('button', { name: 'Close chat' })).toBeInViewport();
  await expect(w.dialog.getByRole('button', { name: 'Send' })).toBeInViewport();
  // Dark mode from prefers-color-scheme.
  await expect(w.dialog).toHaveCSS('background-color', 'rgb(23, 25, 31)');
  // Reduced motion: the typing dots stand still.
  await w.send('hi');
  const c = await control.onlyConversation();
  const dana = await control.agent('Dana');
  await control.accept(c.id, dana.id);
  await control.typing(c.id, dana.id, 'COMPOSING');
  await expect(w.dialog.locator('.parley-typing-dots span').first()).toHaveCSS('animation-name', 'none');
  await noAxeViolations(page, '320 px, dark');

  // 200% zoom of a 1280 × 800 screen is 640 × 400 CSS px: the window takes the whole viewport.
  const zoomed = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2, baseURL });
  const zp = await zoomed.newPage();
  // Theming: custom properties through the configuration reach the launcher and the window.
  await zp.route('**/host/theme.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>theme</title></head><body><script>window.parleyConfig={account:${JSON.stringify(control.account)},theme:{brand:'rgb(0, 110, 60)'}}</script><script async src="/parley.js"></script></body></html>`,
    }),
  );
  const zw = new Widget(zp);
  await zp.goto('/host/theme.html');
  await expect(zw.launcher).toHaveCSS('background-color', 'rgb(0, 110, 60)');
  await zw.open();
  expect(await zp.locator('parley-widget iframe').boundingBox()).toEqual({ x: 0, y: 0, width: 640, height: 400 });
  await expect(zw.composer).toBeInViewport();
  await expect(zw.frame.locator('.parley')).toHaveCSS('--parley-brand', 'rgb(0, 110, 60)');
  await zoomed.close();
});
