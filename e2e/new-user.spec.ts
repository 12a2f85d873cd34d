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
