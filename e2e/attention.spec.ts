// Issue 13's attention cues and READ-when-seen, through the real stand-in in Chromium: what the
// visitor sees (the "↓ New messages" button, the divider) and what the stand-in stored (the
// visitor's ACCEPT and READ receipts in the transcript).
import { consumerAcks } from './support/control';
import { expect, test } from './support/fixtures';

test('READ goes out only for what was on screen: scrolled up, a new message gets ACCEPT and the "↓ New messages" button; clicking it reads it', async ({ control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  await w.send('Hello');
  await expect(w.receiptOf('Hello')).toHaveAttribute('data-receipt', 'sent');
  const { conversation, agent } = await control.acceptOnly('Dana');
  await control.bulk(conversation.id, agent.id, 30, 'Earlier');
  await expect(w.agentMessage('Earlier 30')).toBeInViewport();
  const lastEarlier = Number(await w.agentMessage('Earlier 30').getAttribute('data-sequence'));
  await expect.poll(async () => consumerAcks(await control.conversation(conversation.id)).get(lastEarlier) ?? []).toContain('READ');

  // The visitor scrolls up through the conversation to its start (every row passes the screen: read),
  // and a new message lands below the fold.
  const scroller = w.log.locator('xpath=..');
  for (let guard = 0; guard < 50 && (await scroller.evaluate((element) => element.scrollTop)) > 0; guard++) {
    await scroller.evaluate((element) => (element.scrollTop -= 120));
    await w.page.waitForTimeout(60);
  }
  await expect(w.agentMessage('Earlier 1')).toBeInViewport();
  const readCount = async () => [...consumerAcks(await control.conversation(conversation.id)).values()].filter((acks) => acks.includes('READ')).length;
  await expect.poll(readCount).toBe(30);
  const { sequence } = await control.say(conversation.id, agent.id, 'Landed off-screen');
  const newBelow = w.dialog.getByRole('button', { name: 'New messages' });
  await expect(newBelow).toBeVisible();
  await expect.poll(async () => consumerAcks(await control.conversation(conversation.id)).get(sequence!) ?? []).toEqual(['ACCEPT']);
  // A while later, it still is not read.
  await w.page.waitForTimeout(800);
  expect(consumerAcks(await control.conversation(conversation.id)).get(sequence!)).toEqual(['ACCEPT']);

  await newBelow.click();
  await expect(w.agentMessage('Landed off-screen')).toBeInViewport();
  await expect.poll(async () => consumerAcks(await control.conversation(conversation.id)).get(sequence!) ?? []).toEqual(['ACCEPT', 'READ']);
  await expect(newBelow).toBeHidden();
});

test('a new message while the tab is hidden is not read until the tab shows again', async ({ page, control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  await w.send('Hello');
  await expect(w.receiptOf('Hello')).toHaveAttribute('data-receipt', 'sent');
  const { conversation, agent } = await control.acceptOnly('Dana');
  const frame = page.frames().find((f) => f.url().includes('frame.html'))!;
  const setHidden = (hidden: boolean) =>
    frame.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (value ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  const { sequence } = await control.say(conversation.id, agent.id, 'While you were in another tab');
  await expect(w.agentMessage('While you were in another tab')).toBeVisible();
  await expect.poll(async () => consumerAcks(await control.conversation(conversation.id)).get(sequence!) ?? []).toEqual(['ACCEPT']);
  await page.waitForTimeout(800);
  expect(consumerAcks(await control.conversation(conversation.id)).get(sequence!)).toEqual(['ACCEPT']);
  await setHidden(false);
  await expect.poll(async () => consumerAcks(await control.conversation(conversation.id)).get(sequence!) ?? []).toEqual(['ACCEPT', 'READ']);
});

test('the "New messages" divider shows above the first unread message when the window opens', async ({ control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  await w.send('Hello');
  await expect(w.receiptOf('Hello')).toHaveAttribute('data-receipt', 'sent');
  const { conversation, agent } = await control.acceptOnly('Dana');
  await control.say(conversation.id, agent.id, 'Read before closing');
  await expect(w.agentMessage('Read before closing')).toBeVisible();
  await w.launcher.click();
  await expect(w.dialog).toBeHidden();
  await control.say(conversation.id, agent.id, 'First while closed');
  await control.say(conversation.id, agent.id, 'Second while closed');
  await expect(w.launcher).toHaveAccessibleName(/2 unread/);

  await w.open();
  const divider = w.log.getByRole('separator', { name: 'New messages' });
  await expect(divider).toBeVisible();
  const dividerBox = (await divider.boundingBox())!;
  expect(dividerBox.y).toBeGreaterThan((await w.agentMessage('Read before closing').boundingBox())!.y);
  expect(dividerBox.y).toBeLessThan((await w.agentMessage('First while closed').boundingBox())!.y);
  await expect(w.launcher).toHaveAccessibleName('Close chat');
});
