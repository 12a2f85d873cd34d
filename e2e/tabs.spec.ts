// One connection per visitor, however many tabs (src/embed/tabs): pages of ONE browser context are
// the visitor's tabs. The stand-in counts the consumer sockets it accepted and closed; its transcript
// says what was stored, and how often.
import type { BrowserContext } from '@playwright/test';
import { consumerAcks, visitorTexts, type Control } from './support/control';
import { expect, test } from './support/fixtures';
import { png } from './support/png';
import { Widget } from './support/widget';

test.describe.configure({ timeout: 120_000 });

const counters = async (control: Control) => (await control.faultState()).counters;

/** Consumer sockets accepted since `before`, and open now. */
async function socketsSince(control: Control, before: { sockets: number; socketsClosed: number }) {
  const now = await counters(control);
  return { opened: now.sockets - before.sockets, open: now.sockets - now.socketsClosed - (before.sockets - before.socketsClosed) };
}

/** Another tab of the visitor: a page of the same context on the same site, with the window open. */
async function openTab(context: BrowserContext, account: string, extra = '&open=1'): Promise<Widget> {
  const tab = new Widget(await context.newPage());
  await tab.goto(account, extra);
  return tab;
}

test('two and three tabs make exactly one consumer socket; a tab opened later shows the conversation at once', async ({ page, context, account, control, widget, chat }) => {
  const before = await counters(control);
  await chat.visitorStarts('hello from the first tab');
  expect(await socketsSince(control, before)).toEqual({ opened: 1, open: 1 });

  const second = await openTab(context, account);
  await expect(second.mine('hello from the first tab')).toBeVisible({ timeout: 3_000 });
  await second.send('hello from the second tab');
  await expect(second.receiptOf('hello from the second tab')).toHaveAttribute('data-receipt', 'sent');
  await expect(widget.receiptOf('hello from the second tab')).toHaveAttribute('data-receipt', 'sent');
  expect(await socketsSince(control, before)).toEqual({ opened: 1, open: 1 });

  const third = await openTab(context, account);
  await expect(third.mine('hello from the second tab')).toBeVisible({ timeout: 3_000 });
  await third.send('hello from the third tab');
  for (const tab of [widget, second, third]) await expect(tab.receiptOf('hello from the third tab')).toHaveAttribute('data-receipt', 'sent');
  // Give a late second socket the time to show.
  await page.waitForTimeout(1_500);
  expect(await socketsSince(control, before)).toEqual({ opened: 1, open: 1 });
  const c = await control.onlyConversation();
  expect(visitorTexts(c)).toEqual(['hello from the first tab', 'hello from the second tab', 'hello from the third tab']);
});

test('closing the leader while a follower sends loses nothing and doubles nothing', async ({ context, account, control, widget, chat }) => {
  const { conversation, agent } = await chat.danaAnswers('first', 'Hi, Dana here');
  const follower = await openTab(context, account);
  await expect(follower.agentMessage('Hi, Dana here')).toBeVisible();
  const before = await counters(control);

  await follower.send('before the handover');
  // The leader goes while the follower keeps writing.
  const closing = widget.page.close();
  await follower.send('during the handover 1');
  await closing;
  await follower.send('during the handover 2');
  await control.say(conversation.id, agent.id, 'Still here');
  await expect(follower.agentMessage('Still here')).toBeVisible();
  await follower.send('after the handover');

  const texts = ['before the handover', 'during the handover 1', 'during the handover 2', 'after the handover'];
  for (const text of texts) await expect(follower.receiptOf(text)).toHaveAttribute('data-receipt', /sent|delivered|read/);
  for (const text of texts) await expect(follower.mine(text)).toHaveCount(1);
  const stored = visitorTexts(await control.conversation(conversation.id));
  expect(stored).toEqual(['first', ...texts]);
  // The follower took over: one new socket, and only it is open.
  expect(await socketsSince(control, before)).toEqual({ opened: 1, open: 0 });
});

/** The embed's iframe of a tab, as a Playwright Frame (to run script in it). */
const frameOf = (tab: Widget) => {
  const frame = tab.page.frames().find((f) => f.url().includes('/frame.html'));
  if (!frame) throw new Error('no widget frame');
  return frame;
};

test('a hung leader is taken over within 2 s; it follows again when it comes back', async ({ context, account, control, widget, chat }) => {
  const { conversation } = await chat.danaAnswers('first', 'Hi, Dana here');
  const follower = await openTab(context, account);
  await expect(follower.agentMessage('Hi, Dana here')).toBeVisible();
  const before = await counters(control);

  // The leader's main thread hangs for 5 s (its Web Lock stays held, as a frozen tab's does).
  const hungAt = Date.now();
  const hang = frameOf(widget).evaluate(() => {
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      /* hung */
    }
  });
  await follower.send('while the leader hangs');
  await expect.poll(async () => (await counters(control)).sockets - before.sockets, { intervals: [50], timeout: 4_000 }).toBe(1);
  const tookOver = Date.now() - hungAt;
  console.log(`a hung leader was taken over in ${tookOver} ms (the new leader's socket accepted)`);
  await expect(follower.receiptOf('while the leader hangs')).toHaveAttribute('data-receipt', 'sent');
  await hang;

  // Back, it finds its lock taken: it stops its session (its socket closes) and shows the new leader's conversation.
  await expect.poll(async () => (await socketsSince(control, before)).open, { timeout: 10_000 }).toBe(0);
  await expect(widget.mine('while the leader hangs')).toBeVisible();
  await widget.send('from the tab that hung');
  await expect(widget.receiptOf('from the tab that hung')).toHaveAttribute('data-receipt', 'sent');
  expect(visitorTexts(await control.conversation(conversation.id))).toEqual(['first', 'while the leader hangs', 'from the tab that hung']);
  expect(await socketsSince(control, before)).toEqual({ opened: 1, open: 0 });
  expect(tookOver).toBeLessThan(2_500);
});

test('READ goes out once, when the message shows in any visible tab', async ({ context, account, control, widget, chat }) => {
  // The leader's window is closed; the follower's is open.
  await chat.visitorStarts('first', '');
  await widget.launcher.click();
  await expect(widget.dialog).toBeHidden();
  const follower = await openTab(context, account);
  await expect(follower.mine('first')).toBeVisible();
  const { conversation, agent } = await control.acceptOnly('Dana');
  const sequence = Number((await control.say(conversation.id, agent.id, 'Read me')).sequence);
  await expect(follower.agentMessage('Read me')).toBeVisible();
  await expect.poll(async () => consumerAcks(await control.conversation(conversation.id)).get(sequence)).toEqual(['ACCEPT', 'READ']);
  // Opening the window in the leader too sends nothing more.
  await widget.open();
  await expect(widget.agentMessage('Read me')).toBeVisible();
  await widget.page.waitForTimeout(1_000);
  expect(consumerAcks(await control.conversation(conversation.id)).get(sequence)).toEqual(['ACCEPT', 'READ']);
});

test('a follower tab opens an earlier conversation and sends a file, through the leader', async ({ context, account, control, widget, chat }) => {
  const { conversation } = await chat.danaAnswers('My order is late', 'It ships today');
  await control.close(conversation.id);
  await expect(widget.log.getByText('The agent ended the conversation')).toBeVisible();
  await widget.send('Another question');
  await expect(widget.receiptOf('Another question')).toHaveAttribute('data-receipt', 'sent');
  const before = await counters(control);

  const follower = await openTab(context, account);
  await expect(follower.mine('Another question')).toBeVisible({ timeout: 3_000 });
  // Its earlier conversation, read-only, fetched by the leader's socket.
  await follower.dialog.getByRole('button', { name: 'Earlier conversations (1)' }).click();
  const list = follower.dialog.getByRole('region', { name: 'Earlier conversations' });
  await list.getByRole('button', { name: /^Open the conversation of/ }).first().click();
  await expect(list.getByRole('log').getByText('It ships today')).toBeVisible();
  await list.getByRole('button', { name: 'Back to the list' }).click();
  await list.getByRole('button', { name: 'Back to the chat' }).click();

  // A file picked in the follower: uploaded and published by the leader, once, shown sent in both tabs.
  const chooser = follower.page.waitForEvent('filechooser');
  await follower.dialog.getByRole('button', { name: 'Attach file' }).click();
  await (await chooser).setFiles({ name: 'from-the-follower.png', mimeType: 'image/png', buffer: png(64, 48, [30, 90, 200]) });
  for (const tab of [follower, widget]) {
    await expect(tab.log.locator('[data-originator="consumer"]:has(button[aria-label="View from-the-follower.png"]) [data-receipt]')).toHaveAttribute('data-receipt', 'sent');
  }
  const current = (await control.conversations()).find((c) => c.id !== conversation.id);
  const files = Object.values((await control.conversation(current!.id)).transcript).flat().filter((e) => e.role === 'CONSUMER' && (e.event as { contentType?: string }).contentType === 'hosted/file');
  expect(files.map((e) => (e.event as { message?: { caption?: string } }).message?.caption)).toEqual(['from-the-follower.png']);
  expect(await socketsSince(control, before)).toEqual({ opened: 0, open: 0 });
});
