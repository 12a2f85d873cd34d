// What a new user stumbled on (issue 13, "Found when tried as a new user"), each driven through the
// real stand-in in Chromium: the visitor's widget, and the agent console at /agent/.
import { expect, test } from '@playwright/test';
import { Control, uniqueAccount } from './support/control';
import { Widget } from './support/widget';

test('the launcher is named for what a click does: "Close chat" while the window is open', async ({ page, request }) => {
  const control = new Control(request, uniqueAccount('launcher-name'));
  const w = new Widget(page);
  await w.goto(control.account);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(w.dialog).toBeVisible();
  const close = page.getByRole('button', { name: 'Close chat' });
  await expect(close).toHaveAttribute('aria-expanded', 'true');
  await close.click();
  await expect(w.dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open chat' })).toHaveAttribute('aria-expanded', 'false');
});

test('the "Reconnecting…" bar overlays the timeline: nothing in it moves', async ({ page, request }) => {
  const control = new Control(request, uniqueAccount('overlay'));
  const w = new Widget(page);
  await w.goto(control.account);
  await w.open();
  await w.send('Before the drop');
  await expect(w.receiptOf('Before the drop')).toHaveAttribute('data-receipt', 'sent');
  const scroller = w.log.locator('xpath=..');
  const before = { timeline: await scroller.boundingBox(), row: await w.mine('Before the drop').boundingBox() };

  await page.routeWebSocket(/messaging\/consumer/, (ws) => ws.close({ code: 1011 }));
  await control.dropSockets();
  const bar = w.dialog.getByText('Reconnecting…');
  await expect(bar).toBeVisible();
  expect(await scroller.boundingBox()).toEqual(before.timeline);
  expect(await w.mine('Before the drop').boundingBox()).toEqual(before.row);
  // The bar lies over the top of the timeline.
  const barBox = (await w.status.boundingBox())!;
  expect(barBox.y).toBeGreaterThanOrEqual(before.timeline!.y - 1);
  expect(barBox.y).toBeLessThan(before.timeline!.y + before.timeline!.height);
});
