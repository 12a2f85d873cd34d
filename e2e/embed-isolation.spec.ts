// Isolation: on a host page that resets every element, hides every button and iframe, sets 40 px
// text, transforms its long body, rewrites Array.prototype and replaces Map, Set, Promise and URL,
// the widget looks and works the same (public/examples/hostile.html).
import { expect, test } from './support/fixtures';

test('a hostile host page changes nothing: sizes, visibility, fonts and a full send/receive', async ({ page, control, widget: w, chat }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/examples/hostile.html?account=${control.account}`);

  // The host really is hostile: its own button is hidden, its text is 40 px, and any script in its
  // realm that uses arrays breaks (Playwright's own evaluate included; its assertions run in an
  // isolated world, so everything below uses them).
  await expect(page.locator('body > button')).toBeHidden();
  await expect(page.locator('body')).toHaveCSS('font-size', '40px');
  await expect(page.evaluate(() => [1].map((x) => x))).rejects.toThrow(/Array.prototype was replaced/);
  // (The page proves these itself: Playwright's own page.evaluate goes through the page's arrays.)
  await expect(page.locator('html')).toHaveAttribute(
    'data-probes',
    'hostile page: Map was replaced; hostile page: Set was replaced; hostile page: Promise was replaced; hostile page: URL was replaced; ',
  );
  await expect(page.locator('body')).not.toHaveCSS('transform', 'none');

  // The launcher: visible, 56 × 56 px, 20 px from the bottom right, not rotated or faded.
  await expect(w.launcher).toBeVisible();
  await expect(w.launcher).toHaveCSS('display', 'grid');
  await expect(page.locator('parley-widget')).toHaveCSS('opacity', '1');
  await expect(page.locator('parley-widget')).toHaveCSS('transform', 'none');
  const viewport = page.viewportSize()!;
  const box = await w.launcher.boundingBox();
  const corner = { x: viewport.width - 20 - 56, y: viewport.height - 20 - 56, width: 56, height: 56 };
  expect(box).toEqual(corner);
  // The body is transformed and long: the launcher stays in the viewport's corner as the page scrolls.
  const heading = page.locator('h1');
  const headingTop = (await heading.boundingBox())!.y;
  await page.mouse.move(100, 100);
  await page.mouse.wheel(0, 5000);
  await expect.poll(async () => (await heading.boundingBox())!.y).toBeLessThan(headingTop - 1000);
  expect(await w.launcher.boundingBox()).toEqual(corner);
  await expect(w.launcher).toBeInViewport({ ratio: 1 });

  await w.open();
  const frame = await page.locator('parley-widget iframe').boundingBox();
  expect(frame?.width).toBe(384);
  expect(frame?.height).toBeGreaterThan(400);
  // Inside the window: the widget's own 16 px font, its buttons shown.
  await expect(w.composer).toHaveCSS('font-size', '16px');
  await expect(w.dialog).not.toHaveCSS('font-family', /Comic/);
  await expect(w.dialog.getByRole('button', { name: 'Send' })).toBeVisible();

  await chat.danaAnswersInOpenWindow('hello from a hostile page', 'received, despite the page');
  // The page's listener (queued before the loader, with Map, Set and Promise replaced) heard both.
  await expect(page.locator('#heard')).toHaveText('consumer: hello from a hostile page\nagent: received, despite the page\n');

  // Escape closes and focus returns to the launcher.
  await w.composer.press('Escape');
  await expect(w.dialog).toBeHidden();
  await expect(w.launcher).toBeFocused();
  expect(errors).toEqual([]);
});

test('the widget CSS does not leak into the host page', async ({ page, control, widget: w }) => {
  await page.route('**/host/plain.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><head><title>plain</title></head><body><button type="button" id="own">Host button</button><textarea id="t"></textarea><p id="p">text</p></body></html>',
    }),
  );
  const hostStyles = async () =>
    page.evaluate(() => {
      const styles = ['own', 't', 'p'].map((id) => getComputedStyle(document.getElementById(id)!));
      const root = [getComputedStyle(document.documentElement), getComputedStyle(document.body)];
      const props = ['font-family', 'font-size', 'border-radius', 'background-color', 'box-sizing', 'color', 'position', 'overflow', 'transform'];
      return {
        elements: [...styles, ...root].map((s) => props.map((p) => s.getPropertyValue(p)).join(';')),
        styleSheets: document.styleSheets.length,
        adopted: document.adoptedStyleSheets.length,
      };
    });
  await page.goto('/host/plain.html');
  // The baseline is taken before the loader is on the page.
  const initial = await hostStyles();
  await page.evaluate((account) => {
    const script = document.createElement('script');
    script.src = '/parley.js';
    script.dataset.account = account;
    script.dataset.open = 'true';
    document.body.append(script);
  }, control.account);
  await expect(w.dialog).toBeVisible();
  expect(await hostStyles()).toEqual(initial);
});
