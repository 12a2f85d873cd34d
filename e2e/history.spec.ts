// A returning visitor with a long history: LivePerson's conversation snapshot holds only the first
// 1,000 conversations by date, and the widget still finds the open one (it subscribes to open
// conversations apart from the history) and keeps writing to it.
import { expect, test } from './support/fixtures';

test('the open conversation behind 1,500 closed ones comes back after a reload, and the visitor goes on in it', async ({ page, control, widget: w, chat }) => {
  const started = await chat.visitorStarts('Still open');
  expect((await control.seedClosedHistory(started.consumerId, 1_500)).created).toBe(1_500);

  await page.reload();
  await w.open();
  await expect(w.mine('Still open')).toBeVisible();
  await w.send('And more');
  await expect(w.receiptOf('And more')).toHaveAttribute('data-receipt', 'sent');

  const conversations = await control.conversations();
  expect(conversations).toHaveLength(1_501);
  expect(conversations.filter((c) => c.stage === 'OPEN').map((c) => c.id)).toEqual([started.id]);
  await expect(w.dialog.getByRole('button', { name: 'End conversation' })).toBeVisible();
});
