// Accessibility of the embedded widget: axe in every state, keyboard only, announcements, reduced
// motion, 200% zoom and 320 px, dark mode and theming.
import type { Locator } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { Widget } from './support/widget';
import { noAxeViolations } from './support/axe';

/** Every element (in this element's document or shadow root) that animates or transitions. */
async function movingIn(scope: Locator): Promise<string[]> {
  return scope.evaluate((el) => {
    const root = el.shadowRoot ?? el.ownerDocument;
    const moving: string[] = [];
    for (const e of [el, ...root.querySelectorAll('*')]) {
      const s = getComputedStyle(e);
      const transitions = s.transitionDuration.split(',').some((d) => parseFloat(d) > 0);
      if (s.animationName !== 'none' || transitions) moving.push(`${e.tagName}${e.classList.length ? `.${e.classList[0]}` : ''}: ${s.animationName}`);
    }
    return moving;
  });
}


test('axe finds nothing: closed, open and empty, a conversation with banners and ticks, reconnecting', async ({ page, control, widget: w }) => {
  // Routed from the start (a route set up later may miss a socket opened at once after the drop).
  let refuse = false;
  await page.routeWebSocket(/messaging\/consumer/, (ws) => (refuse ? ws.close({ code: 1011 }) : ws.connectToServer()));
  await test.step('closed', async () => {
    await w.goto(control.account, '&load=idle');
    await expect(w.launcher).toBeVisible();
    await expect(page.locator('parley-widget iframe')).toHaveCount(1);
    await noAxeViolations(page, 'closed');
  });

  await test.step('open and empty', async () => {
    await w.open();
    await expect(w.dialog.getByText('Ask us anything. We are here to help.')).toBeVisible();
    await noAxeViolations(page, 'open and empty');
  });

  await test.step('in a conversation with banners and ticks', async () => {
    await w.send('I need help');
    await expect(w.receiptOf('I need help')).toHaveAttribute('data-receipt', 'sent');
    const { conversation: c, agent: dana } = await control.acceptOnly('Dana');
    await control.say(c.id, dana.id, 'Dana here, how can I help?', ['Order', 'Refund']);
    await control.receipt(c.id, dana.id, 'READ', [Number(await w.mine('I need help').getAttribute('data-sequence'))]);
    await expect(w.receiptOf('I need help')).toHaveAttribute('data-receipt', 'read');
    await expect(w.log.getByText(/Dana joined/)).toBeVisible();
    await noAxeViolations(page, 'in a conversation');
  });

  await test.step('reconnecting: the sockets drop and every new one is refused', async () => {
    refuse = true;
    await control.dropSockets();
    await expect(w.dialog.getByText('Reconnecting…')).toBeVisible();
    await noAxeViolations(page, 'reconnecting');
  });
});

test('keyboard only: Enter opens, focus moves into the dialog, Escape closes back to the launcher', async ({ page, control, widget: w }) => {
  await w.goto(control.account, '&load=idle');
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

test('new agent messages are announced politely, old ones never again', async ({ page, control, widget: w, chat }) => {
  const { conversation: c, agent: dana } = await chat.danaAnswers('hello', 'old news');
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

test('reduced motion, 320 px wide, 200% zoom, dark mode and theming', async ({ page, control, widget: w, browser, baseURL }) => {
  await test.step('320 px wide, dark, reduced motion', async () => {
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
    const { conversation: c, agent: dana } = await control.acceptOnly('Dana');
    await control.typing(c.id, dana.id, 'COMPOSING');
    await expect(w.dialog.locator('.parley-typing-dots span').first()).toHaveCSS('animation-name', 'none');
    // …and nothing else moves either: no element of the window or the launcher animates or transitions.
    expect(await movingIn(w.frame.locator('body'))).toEqual([]);
    expect(await movingIn(page.locator('parley-widget'))).toEqual([]);
    // Without reduced motion the same scan does find what moves (the typing dots), so it can fail.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await expect.poll(() => movingIn(w.frame.locator('body'))).toContain('SPAN: parley-typing');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await noAxeViolations(page, '320 px, dark');
  });

  await test.step('200% zoom: the window takes the whole 640 × 400 viewport; theming', async () => {
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
});

test('axe finds nothing in the Hebrew (right-to-left) widget, in a conversation', async ({ page, control, widget: w }) => {
  await w.goto(control.account, '&lang=he&open=1');
  const dialog = w.frame.getByRole('dialog', { name: 'צ׳אט' });
  await expect(dialog).toBeVisible();
  await expect(w.frame.locator('html')).toHaveAttribute('dir', 'rtl');
  const composer = dialog.getByRole('textbox', { name: 'הודעה' });
  await composer.fill('שלום');
  await composer.press('Enter');
  const { conversation: c, agent: dana } = await control.acceptOnly('Dana');
  await control.say(c.id, dana.id, 'שלום, איך אפשר לעזור?', ['הזמנה', 'החזר']);
  await expect(dialog.getByRole('log').getByText('שלום, איך אפשר לעזור?')).toBeVisible();
  await noAxeViolations(page, 'Hebrew, in a conversation');
});

test('an agent reply while the window is closed is announced by the launcher, politely', async ({ page, control, widget: w, chat }) => {
  const { conversation: c, agent: dana } = await chat.danaAnswers('hello', 'seen while open');
  await w.composer.press('Escape');
  await expect(w.dialog).toBeHidden();
  const live = page.locator('parley-widget [aria-live="polite"]');
  await expect(live).toHaveCount(1);
  // What was read with the window open is not announced by the launcher.
  await expect(live).toHaveText('');
  await control.say(c.id, dana.id, 'are you still there?');
  await expect(live).toHaveText('New message from Dana: are you still there?');
  await expect(page.getByRole('button', { name: 'Open chat, 1 unread' })).toBeVisible();
});

test('full screen under 640 px is modal: Tab and Shift+Tab stay in the window; Escape on the launcher closes', async ({ page, control, widget: w }) => {
  await page.setViewportSize({ width: 360, height: 640 });
  await w.goto(control.account, '&load=idle');
  await expect(page.locator('parley-widget iframe')).toHaveCount(1);
  await w.open();
  await expect(w.composer).toBeFocused();
  await expect(w.dialog).toHaveAttribute('aria-modal', 'true');
  const focusIsInFrame = () =>
    page.evaluate(() => document.activeElement?.tagName === 'PARLEY-WIDGET' && document.activeElement.shadowRoot?.activeElement?.tagName === 'IFRAME');
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(key);
      expect(await focusIsInFrame(), `${key} × ${i + 1}`).toBe(true);
    }
  }
  // The floating window (wide screens) is not modal: Tab may leave it for the page.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(w.dialog).not.toHaveAttribute('aria-modal', 'true');
  // Escape with focus on the launcher while the window is open closes it.
  await w.launcher.focus();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(w.dialog).toBeHidden();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
  await expect(w.launcher).toBeFocused();
});
