// A conversation's whole life in Chromium, through the real stand-in and the agent console: the
// welcome message, the expected reply and "Mark as urgent", the survey after the visitor ends (every
// question answered, the answers in the console), the CSAT stars by keyboard (the rating in the
// console), the earlier conversations (listed, one opened read-only; 1,500 never subscribed), and the
// visitor typing shown in the console.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import type { Widget } from './support/widget';
import { noAxeViolations } from './support/axe';

/** The console on the account, with this conversation selected. */
async function consoleOn(page: Page, account: string, conversationId: string): Promise<Page> {
  const agent = await page.context().newPage();
  await agent.goto(`/agent/?account=${encodeURIComponent(account)}`);
  await agent.getByRole('navigation').getByRole('button').filter({ hasText: conversationId }).click();
  await expect(agent.getByText(conversationId).first()).toBeVisible();
  return agent;
}

async function endByVisitor(w: Widget) {
  await w.dialog.getByRole('button', { name: 'End conversation' }).click();
  await w.dialog.getByRole('alertdialog').getByRole('button', { name: 'End', exact: true }).click();
}

test('the welcome message answers the first message, with quick replies', async ({ control, widget: w }) => {
  await control.settings({ welcome: { text: 'Hi! What can we help you with?', quickReplies: ['Billing', 'An order'] } });
  await w.goto(control.account);
  await w.open();
  await w.send('Hello');
  const welcome = w.log.locator('[data-originator="system"]').filter({ hasText: 'Hi! What can we help you with?' });
  await expect(welcome).toBeVisible();
  await welcome.getByRole('group', { name: 'Suggested replies' }).getByRole('button', { name: 'An order' }).click();
  await expect(w.mine('An order')).toHaveCount(1);
});

test('the expected reply while waiting, "Mark as urgent", and its end when an agent joins', async ({ control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  await w.send('Is anyone there?');
  await expect(w.dialog.getByText('Usually replies within 10 minutes')).toBeVisible();
  await w.dialog.getByRole('button', { name: 'Mark as urgent' }).click();
  await expect(w.dialog.getByText('Usually replies within 5 minutes')).toBeVisible();
  await expect(w.dialog.getByText('Marked as urgent')).toBeVisible();
  await noAxeViolations(w.page, 'the expected reply, marked urgent');
  const { conversation } = await control.acceptOnly('Dana');
  expect(conversation.ttr).toEqual({ ttrType: 'URGENT', value: 300 });
  await expect(w.log.getByText(/Dana joined/)).toBeVisible();
  await expect(w.dialog.getByText(/Usually replies/)).toHaveCount(0);
});

test('the site can leave "Mark as urgent" out', async ({ control, widget: w }) => {
  await w.goto(control.account, '&markUrgent=0');
  await w.open();
  await w.send('Hello');
  await expect(w.dialog.getByText('Usually replies within 10 minutes')).toBeVisible();
  await expect(w.dialog.getByRole('button', { name: 'Mark as urgent' })).toHaveCount(0);
});

test('the visitor ends: the survey asks every question, and the console shows the answers', async ({ page, control, widget: w }) => {
  await control.settings({ survey: true });
  await w.goto(control.account);
  await w.open();
  await w.send('Thanks, that is all');
  await expect(w.receiptOf('Thanks, that is all')).toHaveAttribute('data-receipt', 'sent');
  await endByVisitor(w);
  await expect(w.log.getByText('Please tell us how we did')).toBeVisible();
  const replies = w.dialog.getByRole('group', { name: 'Suggested replies' });
  await replies.getByRole('button', { name: '4', exact: true }).click();
  await expect(w.log.getByText('Was your issue resolved?')).toBeVisible();
  await replies.getByRole('button', { name: 'Yes', exact: true }).click();
  await expect(w.log.getByText('Is there anything else you would like to tell us?')).toBeVisible();
  await w.send('Quick and kind');
  await expect(w.log.getByText('Thank you for your feedback!')).toBeVisible();
  const [conversation] = await control.conversations();
  await expect.poll(async () => (await control.conversation(conversation!.id)).stage).toBe('CLOSE');
  // a survey ran: no legacy stars
  await expect(w.dialog.getByRole('radio')).toHaveCount(0);

  const agent = await consoleOn(page, control.account, conversation!.id);
  const answers = agent.getByRole('region', { name: 'Survey answers' });
  await expect(answers.getByRole('term')).toHaveText(['How would you rate your overall experience?', 'Was your issue resolved?', 'Is there anything else you would like to tell us?']);
  await expect(answers.getByRole('definition')).toHaveText(['4', 'Yes', 'Quick and kind']);
});

test('without a survey, the CSAT stars rate the conversation by keyboard, and the console shows it', async ({ page, control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  await w.send('Bye');
  await expect(w.receiptOf('Bye')).toHaveAttribute('data-receipt', 'sent');
  await endByVisitor(w);
  const stars = w.dialog.getByRole('group', { name: 'How would you rate this conversation?' });
  await expect(stars.getByRole('radio')).toHaveCount(5);
  await noAxeViolations(w.page, 'the CSAT stars');
  await stars.getByRole('radio', { name: '1 of 5 stars' }).focus();
  await w.page.keyboard.press('Space');
  for (let i = 0; i < 3; i++) await w.page.keyboard.press('ArrowRight');
  await expect(stars.getByRole('radio', { name: '4 of 5 stars' })).toBeChecked();
  await w.page.keyboard.press('Tab');
  await expect(w.dialog.getByRole('button', { name: 'Submit rating' })).toBeFocused();
  await w.page.keyboard.press('Enter');
  await expect(w.dialog.getByText('Thank you! You rated this conversation 4 of 5.')).toBeVisible();
  const [conversation] = await control.conversations();
  expect((await control.conversation(conversation!.id)).csat).toMatchObject({ field: 'CSATRate', csatRate: 4 });

  const agent = await consoleOn(page, control.account, conversation!.id);
  const answers = agent.getByRole('region', { name: 'Survey answers' });
  await expect(answers.getByRole('term')).toHaveText(['Rating (CSAT)']);
  await expect(answers.getByRole('definition')).toHaveText(['4 of 5']);
});

test('a returning visitor lists earlier conversations and opens one read-only', async ({ page, control, widget: w, chat }) => {
  const { conversation } = await chat.danaAnswers('My order is late', 'It ships today');
  await control.close(conversation.id);
  await expect(w.log.getByText('The agent ended the conversation')).toBeVisible();
  await w.send('Another question');
  await expect(w.receiptOf('Another question')).toHaveAttribute('data-receipt', 'sent');
  await control.seedClosedHistory(conversation.consumerId, 30);

  await page.reload();
  await w.open();
  await w.dialog.getByRole('button', { name: 'Earlier conversations (31)' }).click();
  const list = w.dialog.getByRole('region', { name: 'Earlier conversations' });
  const items = list.getByRole('button', { name: /^Open the conversation of/ });
  await expect(items).toHaveCount(20);
  await expect(items.first()).toContainText('with Dana');
  await noAxeViolations(page, 'the earlier conversations');
  await list.getByRole('button', { name: 'Show more' }).click();
  await expect(items).toHaveCount(31);
  await items.first().click();
  const log = list.getByRole('log');
  await expect(log.getByText('My order is late')).toBeVisible();
  await expect(log.getByText('It ships today')).toBeVisible();
  await expect(list.getByText('This conversation has ended. It is shown read-only.')).toBeVisible();
  await expect(log.getByRole('button')).toHaveCount(0);
  await noAxeViolations(page, 'an earlier conversation, read-only');
  await list.getByRole('button', { name: 'Back to the list' }).click();
  await expect(items.first()).toContainText('It ships today'); // its last message, now that it is known
  await list.getByRole('button', { name: 'Back to the chat' }).click();
  await expect(w.mine('Another question')).toBeVisible();
  await expect(w.composer).toBeFocused();
});

test('1,500 earlier conversations are listed without subscribing to any of them', async ({ page, control, widget: w, chat }) => {
  const started = await chat.visitorStarts('Still open');
  await control.seedClosedHistory(started.consumerId, 1_500);
  const subscribed: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type?: string; body?: { dialogId?: string } };
      if (frame.type === 'ms.SubscribeMessagingEvents') subscribed.push(String(frame.body?.dialogId));
    }),
  );
  await page.reload();
  await w.open();
  await expect(w.mine('Still open')).toBeVisible();
  // LivePerson's snapshot holds the first 1,000 conversations by date: the oldest closed ones
  await w.dialog.getByRole('button', { name: /^Earlier conversations \(\d+\)$/ }).click();
  const list = w.dialog.getByRole('region', { name: 'Earlier conversations' });
  await expect(list.getByRole('button', { name: /^Open the conversation of/ })).toHaveCount(20);
  expect([...new Set(subscribed)]).toEqual([started.id]);
});

test('the console shows the visitor typing', async ({ page, control, widget: w, chat }) => {
  const started = await chat.visitorStarts('Hello there');
  const agent = await consoleOn(page, control.account, started.id);
  await page.bringToFront();
  await w.composer.pressSequentially('I am writing', { delay: 30 });
  await expect(agent.getByText('Visitor is typing…')).toBeVisible();
  await w.composer.fill('');
  await expect(agent.getByText('Visitor is typing…')).toHaveCount(0);
});
