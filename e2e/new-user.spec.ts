// What a new user trying the widget and the console stumbled on, each driven through the
// real stand-in in Chromium: the visitor's widget, and the agent console at /agent/.
import { eventFields } from '../server/control-client';
import type { Control } from './support/control';
import { expect, test } from './support/fixtures';
import { Widget } from './support/widget';

/** The test account's widget in the page, open; with `first`, the visitor's first message is stored. */
async function openWidget(control: Control, w: Widget, first?: string) {
  await w.goto(control.account);
  await w.open();
  if (first !== undefined) {
    await w.send(first);
    await expect(w.receiptOf(first)).toHaveAttribute('data-receipt', 'sent');
  }
  return { control, w };
}

test('the launcher is named for what a click does: "Close chat" while the window is open', async ({ page, control, widget }) => {
  const w = widget;
  await w.goto(control.account);
  await page.getByRole('button', { name: 'Open chat' }).click();
  await expect(w.dialog).toBeVisible();
  const close = page.getByRole('button', { name: 'Close chat' });
  await expect(close).toHaveAttribute('aria-expanded', 'true');
  await close.click();
  await expect(w.dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open chat' })).toHaveAttribute('aria-expanded', 'false');
});

test('the "Reconnecting…" bar overlays the timeline: nothing in it moves', async ({ page, control, widget }) => {
  // The route is in place before the page loads (one set up later may miss a socket the frame opens
  // at once after the drop); it lets sockets through until the drop.
  let refuse = false;
  await page.routeWebSocket(/messaging\/consumer/, (ws) => (refuse ? ws.close({ code: 1011 }) : ws.connectToServer()));
  const { w } = await openWidget(control, widget, 'Before the drop');
  const scroller = w.log.locator('xpath=..');
  const before = { timeline: await scroller.boundingBox(), row: await w.mine('Before the drop').boundingBox() };

  refuse = true;
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

test('the agent console: an icon, an alert when a visitor starts waiting, previews, unread marks, a transcript that follows', async ({ page, context, request, control }) => {
  await page.goto(`/agent/?account=${control.account}`);
  await expect(page.getByRole('heading', { name: /Waiting/ })).toBeVisible();
  // The page names an icon that exists (no /favicon.ico 404 on every load).
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(icon).toBeTruthy();
  const iconResponse = await request.get(new URL(icon!, page.url()).href);
  expect(iconResponse.status()).toBe(200);
  expect(iconResponse.headers()['content-type']).toContain('image/svg+xml');

  // A visitor writes in another tab: the console alerts, the title counts, the list previews it, unread.
  const visitor = new Widget(await context.newPage());
  await visitor.goto(control.account);
  await visitor.open();
  await visitor.send('Is anyone there?');
  await expect(page.getByRole('alert')).toHaveText('A conversation is waiting: Is anyone there?');
  await expect(page).toHaveTitle(/^\(1 waiting\) /);
  const item = page.getByRole('list', { name: /Waiting/ }).getByRole('button', { name: /Is anyone there\?/ });
  await expect(item.getByText('Unread')).toBeVisible();
  await item.click();
  await expect(item.getByText('Unread')).toBeHidden();

  // The transcript follows new messages: the newest is on screen after a burst of 60.
  const { conversation, agent } = await control.acceptOnly('Dana');
  await expect(page).not.toHaveTitle(/waiting/);
  await control.bulk(conversation.id, agent.id, 60, 'Burst');
  const transcript = page.getByRole('list', { name: 'Transcript' });
  const entry = (text: string) => transcript.getByRole('listitem').filter({ has: page.locator('.message-text', { hasText: new RegExp(`^${text}$`) }) });
  await expect(entry('Burst 60')).toBeInViewport();
  // …unless the agent scrolled up to read: then it stays where it is.
  await transcript.evaluate((list) => (list.closest('.transcript')!.scrollTop = 0));
  await control.say(conversation.id, agent.id, 'One more');
  await expect(entry('One more')).toHaveCount(1);
  await expect(entry('Is anyone there\\?')).toBeInViewport();
});

test('messages sent together show one time, under the last; the others keep theirs for screen readers', async ({ control, widget }) => {
  const { w } = await openWidget(control, widget);
  await w.send('First of two');
  await w.send('Second of two');
  await expect(w.receiptOf('Second of two')).toHaveAttribute('data-receipt', 'sent');
  // Visually hidden (a clipped 1 px box, as the widget's visually-hidden text is), yet in the page.
  const shown = (text: string) =>
    w.mine(text).locator('time').evaluate((time) => {
      const box = time.getBoundingClientRect();
      return box.width > 1 && box.height > 1 && getComputedStyle(time).clipPath === 'none';
    });
  expect(await shown('First of two')).toBe(false);
  await expect(w.mine('First of two').locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(w.mine('First of two').locator('time')).toHaveText(/\d/);
  expect(await shown('Second of two')).toBe(true);
});

test('the survey: its start, then the question, then the rating scale labelled at both ends', async ({ control, widget }) => {
  const { w } = await openWidget(control, widget, 'Thanks, bye');
  const { conversation } = await control.acceptOnly('Dana');
  await control.close(conversation.id, true);
  const scale = w.dialog.getByRole('group', { name: 'Suggested replies' });
  await expect(scale.getByRole('button')).toHaveCount(5);
  const started = w.log.getByText('Please tell us how we did');
  const question = w.log.getByText('How would you rate your overall experience?');
  const low = scale.getByText('Poor');
  const high = scale.getByText('Excellent');
  await expect(low).toBeVisible();
  await expect(high).toBeVisible();
  const y = async (l: typeof low) => (await l.boundingBox())!.y;
  expect(await y(started)).toBeLessThan(await y(question));
  expect(await y(question)).toBeLessThan(await y(scale.getByRole('button', { name: '1', exact: true })));
  // The ends sit under the first and the last button.
  const x = async (l: typeof low) => (await l.boundingBox())!.x;
  expect(await x(low)).toBeLessThan(await x(scale.getByRole('button', { name: '2', exact: true })));
  expect(await x(high)).toBeGreaterThan(await x(scale.getByRole('button', { name: '4', exact: true })));
  await expect(scale.getByRole('button', { name: '5', exact: true })).toHaveAccessibleDescription('Excellent');
});

test('a new conversation after an end keeps the earlier thread above its "ended" row', async ({ control, widget }) => {
  const { w } = await openWidget(control, widget, 'First thread');
  const { conversation } = await control.acceptOnly('Dana');
  await expect(w.dialog.getByRole('heading', { name: 'Dana' })).toBeVisible();
  await control.close(conversation.id);
  const ended = w.log.getByText('The agent ended the conversation');
  await expect(ended).toBeVisible();
  // The header is the idle one, as when the visitor ends it.
  await expect(w.dialog.getByRole('heading', { name: 'Chat with us' })).toBeVisible();
  await w.dialog.getByRole('button', { name: 'Start a new conversation' }).click();
  await expect(w.composer).toBeFocused();
  await w.send('Second thread');
  await expect(w.receiptOf('Second thread')).toHaveAttribute('data-receipt', 'sent');
  await expect.poll(async () => (await control.conversations()).length).toBe(2);
  await expect(w.mine('First thread')).toBeVisible();
  const y = async (l: typeof ended) => (await l.boundingBox())!.y;
  expect(await y(w.mine('First thread'))).toBeLessThan(await y(ended));
  expect(await y(ended)).toBeLessThan(await y(w.mine('Second thread')));
  await expect(w.dialog.getByRole('button', { name: 'Start a new conversation' })).toHaveCount(0);
});

test('the window comes back open after a reload or on another page of the site, and closed once closed', async ({ page, control, widget }) => {
  const { w } = await openWidget(control, widget);
  await w.send('Still here after the reload?');
  await page.reload();
  await expect(w.dialog).toBeVisible();
  await expect(w.mine('Still here after the reload?')).toBeVisible();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'true');
  // Another page of the same site (same tab): still open; then closed stays closed.
  await w.goto(control.account, '&page=pricing');
  await expect(w.dialog).toBeVisible();
  await page.getByRole('button', { name: 'Close chat' }).click();
  await expect(w.dialog).toBeHidden();
  await w.goto(control.account, '&page=contact&load=idle');
  // The frame loads when the page is idle and would reopen the window at once: give it that chance.
  await expect(page.locator('parley-widget iframe')).toHaveCount(1);
  await expect(w.frame.locator('#parley')).toHaveCount(1);
  await page.waitForTimeout(1000);
  await expect(page.getByRole('button', { name: 'Open chat' })).toHaveAttribute('aria-expanded', 'false');
  await expect(w.dialog).toBeHidden();
});

test('offline: "You\'re offline" at once, what is sent waits, and back online it goes out at once', async ({ context, control, widget }, testInfo) => {
  const { w } = await openWidget(control, widget, 'Before the train tunnel');

  const lostAt = Date.now();
  await context.setOffline(true);
  await expect(w.status).toHaveText("You're offline", { timeout: 2000 });
  const detectedMs = Date.now() - lostAt;
  await w.send('In the tunnel');
  await expect(w.receiptOf('In the tunnel')).toHaveAttribute('data-receipt', 'pending');

  const backAt = Date.now();
  await context.setOffline(false);
  await expect(w.receiptOf('In the tunnel')).toHaveAttribute('data-receipt', 'sent', { timeout: 4000 });
  const recoveredMs = Date.now() - backAt;
  await expect(w.status).toHaveText('');
  testInfo.annotations.push({ type: 'offline detection', description: `${detectedMs} ms` }, { type: 'recovery', description: `${recoveredMs} ms` });
  console.log(`offline detected in ${detectedMs} ms; message out ${recoveredMs} ms after the network came back`);
  const detail = await control.onlyConversation();
  const texts = Object.values(detail.transcript).flat().filter((e) => e.event.type === 'ContentEvent').map((e) => eventFields(e).message);
  expect(texts).toEqual(['Before the train tunnel', 'In the tunnel']);
});

test('the console keeps a reply typed while the last one was being sent, and unticks "Private note" after a note', async ({ page, context, control }) => {
  const visitor = new Widget(await context.newPage());
  await openWidget(control, visitor, 'Hello?');
  const { conversation } = await control.acceptOnly('Dana');
  await page.goto(`/agent/?account=${control.account}`);
  await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Dana' });
  await page.getByRole('list', { name: /Open/ }).getByRole('listitem').filter({ hasText: conversation.id }).getByRole('button').first().click();
  // A slow network: each send of the console answers after 800 ms.
  await page.route('**/agent/api/**/messages', async (route) => {
    if (route.request().method() === 'POST') await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const reply = page.getByLabel('Reply', { exact: true });
  await reply.fill('First reply');
  await reply.press('Enter');
  await reply.pressSequentially('Second, typed at once');
  await expect(visitor.agentMessage('First reply')).toBeVisible();
  await expect(reply).toHaveValue('Second, typed at once');
  await page.unroute('**/agent/api/**/messages');

  const note = page.getByRole('checkbox', { name: 'Private note' });
  await reply.fill('For the team only');
  await note.check();
  await reply.press('Enter');
  await expect(page.getByRole('list', { name: 'Transcript' }).getByText('For the team only')).toBeVisible();
  await expect(note).not.toBeChecked();
  await expect(visitor.agentMessage('For the team only')).toHaveCount(0); // a note never reaches the visitor
});

test('www. addresses and e-mail addresses in an agent message are links, safely', async ({ control, widget: w }) => {
  await openWidget(control, w, 'Where can I read more?');
  const { conversation, agent } = await control.acceptOnly('Dana');
  await control.say(conversation.id, agent.id, 'See www.example.org/help or write to name@example.com.');
  const message = w.agentMessage('See www.example.org/help or write to name@example.com.');
  await expect(message).toBeVisible();
  const web = message.getByRole('link', { name: 'www.example.org/help' });
  await expect(web).toHaveAttribute('href', 'https://www.example.org/help');
  await expect(web).toHaveAttribute('rel', /noopener/);
  await expect(message.getByRole('link', { name: 'name@example.com' })).toHaveAttribute('href', 'mailto:name@example.com');
});
