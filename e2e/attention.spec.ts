// READ-when-seen and the attention cues, through the real stand-in in Chromium: what the
// visitor sees (the "↓ New messages" button, the divider, the menu), what the stand-in stored (the
// visitor's ACCEPT and READ receipts), and the sound and notification calls made in two tabs.
import AxeBuilder from '@axe-core/playwright';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext, Frame, Page } from '@playwright/test';
import { consumerAcks } from './support/control';
import { expect, test } from './support/fixtures';
import type { Chat } from './support/chat';
import type { Control } from './support/control';
import { Widget } from './support/widget';

/** The visitor opens the window (demo page with `query`) and writes; Dana accepts, and the visitor sees her join. */
async function danaJoins(chat: Chat, control: Control, w: Widget, query = '') {
  await chat.visitorStarts('Hello', query);
  const accepted = await control.acceptOnly('Dana');
  await expect(w.log.getByText('Dana joined')).toBeVisible();
  return accepted;
}

test('READ goes out only for what was on screen: scrolled up, a new message gets ACCEPT and the "↓ New messages" button; clicking it reads it', async ({ chat, control, widget: w }) => {
  const { conversation, agent } = await danaJoins(chat, control, w);
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

test('a new message while the tab is hidden is not read until the tab shows again', async ({ page, chat, control, widget: w }) => {
  const { conversation, agent } = await danaJoins(chat, control, w);
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

test('the "New messages" divider shows above the first unread message when the window opens', async ({ chat, control, widget: w }) => {
  const { conversation, agent } = await danaJoins(chat, control, w);
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

/** Counts, in every frame of the context's pages, the real calls that make a sound or a notification (and permission prompts), and the host page's unread messages. */
async function spyOnCues(context: BrowserContext) {
  await context.addInitScript(() => {
    const cues = { sounds: 0, notifications: [] as Array<{ title: string; body?: string }>, asked: 0, unread: [] as unknown[] };
    (window as unknown as { __cues: typeof cues }).__cues = cues;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
      cues.sounds++;
      return start.apply(this, args);
    };
    const Real = window.Notification;
    class Spy extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        cues.notifications.push({ title, ...(options?.body === undefined ? {} : { body: options.body }) });
        ((window as unknown as { __notes?: Notification[] }).__notes ??= []).push(this);
      }
      static override requestPermission(...args: Parameters<typeof Notification.requestPermission>) {
        cues.asked++;
        return Real.requestPermission(...args);
      }
    }
    window.Notification = Spy;
    window.addEventListener('message', (event: MessageEvent) => {
      const data = event.data as { type?: unknown } | null;
      if (data?.type === 'unread') cues.unread.push(data);
    });
  });
}
type Cues = { sounds: number; notifications: Array<{ title: string; body?: string }>; asked: number; unread: Array<{ count: number; preview?: { from: string; text: string } }> };
const frameOf = (page: Page) => page.frames().find((f) => f.url().includes('frame.html'))!;
const cuesIn = (frame: Frame) => frame.evaluate(() => (window as unknown as { __cues: Cues }).__cues);
const cuesOf = (page: Page) => cuesIn(page.mainFrame());

test('while the window is closed, a new agent message plays the sound and shows a notification once across two tabs, and its preview reaches the page', async ({ context, page, baseURL, chat, control, widget: w }) => {
  await context.grantPermissions(['notifications'], { origin: baseURL! });
  await spyOnCues(context);
  const settings = '&sound=1&notifications=1';
  const { conversation, agent } = await danaJoins(chat, control, w, settings);

  // A second tab of the same visitor: the same conversation; the visitor clicks into it too.
  const other = new Widget(await context.newPage());
  await other.goto(control.account, settings);
  await other.open();
  await expect(other.log.getByText('Dana joined')).toBeVisible();
  await other.composer.click();
  for (const tab of [w, other]) {
    await tab.launcher.click();
    await expect(tab.dialog).toBeHidden();
  }

  await control.say(conversation.id, agent.id, 'Are you still there?');
  // The frames play the sound; the pages show the notification (they hold its permission).
  const total = async () => {
    const frames = await Promise.all([cuesIn(frameOf(page)), cuesIn(frameOf(other.page))]);
    const pages = await Promise.all([cuesOf(page), cuesOf(other.page)]);
    const all = [...frames, ...pages];
    return { sounds: frames[0].sounds + frames[1].sounds, notifications: all.flatMap((c) => c.notifications), asked: all.reduce((n, c) => n + c.asked, 0) };
  };
  await expect.poll(total).toEqual({ sounds: 1, notifications: [{ title: 'New message from Dana', body: 'Are you still there?' }], asked: 0 });
  await page.waitForTimeout(1_000);
  expect(await total()).toEqual({ sounds: 1, notifications: [{ title: 'New message from Dana', body: 'Are you still there?' }], asked: 0 });
  // The sound really played: the frame that played it counts it once its audio context ran.
  const played = await Promise.all([page, other.page].map((p) => frameOf(p).evaluate(() => document.documentElement.dataset.parleySounds ?? '0')));
  expect(played.sort()).toEqual(['0', '1']);

  // The host page got the unread count with the preview of the newest agent message.
  const unread = (await page.evaluate(() => (window as unknown as { __cues: Cues }).__cues.unread)).at(-1);
  expect(unread).toEqual({ tag: 'parley/1', type: 'unread', count: 1, say: 'New message from Dana: Are you still there?', preview: { from: 'Dana', text: 'Are you still there?' } });
});

test('on a page of another origin than the frame, the page asks for the permission and shows the notification; its click opens the window', async ({ context, page, baseURL, control, widget: w }) => {
  // Chromium refuses the permission prompt to a frame of another origin: the page holds it. The
  // shop is a real server of its own (a routed page counts as public, and may not load from loopback).
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><p>Shop</p><script async src="${baseURL}/parley.js" data-account="${control.account}" data-csds="${baseURL}" data-notifications="true"></script></body></html>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const shop = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await context.grantPermissions(['notifications'], { origin: shop });
    await spyOnCues(context);
    await page.goto(`${shop}/shop.html`);
    await w.open();
    expect(new URL(frameOf(page).url()).origin).not.toBe(shop);
    // The menu knows the page's permission (granted here): no button to ask.
    await w.dialog.getByRole('button', { name: 'Chat options' }).click();
    await expect(w.dialog.getByRole('checkbox', { name: 'Sound for new messages' })).toBeVisible();
    await expect(w.dialog.getByRole('button', { name: 'Turn on desktop notifications' })).toHaveCount(0);
    await w.send('Hello from the shop');
    const { conversation, agent } = await control.acceptOnly('Dana');
    await expect(w.log.getByText('Dana joined')).toBeVisible();
    await w.launcher.click();
    await expect(w.dialog).toBeHidden();

    await control.say(conversation.id, agent.id, 'Your parcel is on its way');
    await expect.poll(async () => (await cuesOf(page)).notifications).toEqual([{ title: 'New message from Dana', body: 'Your parcel is on its way' }]);
    expect((await cuesIn(frameOf(page))).notifications).toEqual([]);
    // The visitor clicks the notification: the window opens on the message.
    await page.evaluate(() => {
      const note = (window as unknown as { __notes: Notification[] }).__notes[0]!;
      note.onclick?.call(note, new Event('click'));
    });
    await expect(w.dialog).toBeVisible();
    await expect(w.agentMessage('Your parcel is on its way')).toBeVisible();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the sound is off by default and the window’s menu switches it on; notifications are asked for only on a click', async ({ context, page, chat, control, widget: w }) => {
  await spyOnCues(context);
  const { conversation, agent } = await danaJoins(chat, control, w, '&notifications=1');
  await w.launcher.click();
  await control.say(conversation.id, agent.id, 'Nothing plays');
  await expect(w.launcher).toHaveAccessibleName(/1 unread/);
  await page.waitForTimeout(800);
  expect(await cuesIn(frameOf(page))).toMatchObject({ sounds: 0, notifications: [], asked: 0 });
  expect(await cuesOf(page)).toMatchObject({ notifications: [], asked: 0 });

  await w.open();
  await w.dialog.getByRole('button', { name: 'Chat options' }).click();
  await w.dialog.getByRole('checkbox', { name: 'Sound for new messages' }).check();
  await w.dialog.getByRole('button', { name: 'Turn on desktop notifications' }).click();
  // The page asks, in the visitor's click in the frame.
  await expect.poll(async () => (await cuesOf(page)).asked).toBe(1);
  expect((await cuesIn(frameOf(page))).asked).toBe(0);
  await w.launcher.click();
  await control.say(conversation.id, agent.id, 'Now it plays');
  await expect.poll(async () => (await cuesIn(frameOf(page))).sounds).toBe(1);
  await expect(frameOf(page).locator('html')).toHaveAttribute('data-parley-sounds', '1');
});

test('axe finds nothing with the divider, "↓ New messages" and the menu showing; with reduced motion nothing moves', async ({ page, chat, control, widget: w }) => {
  const { conversation, agent } = await danaJoins(chat, control, w);
  await w.launcher.click();
  await control.bulk(conversation.id, agent.id, 30, 'While closed');
  await expect(w.launcher).toHaveAccessibleName(/30 unread/);
  await w.open();
  await expect(w.log.getByRole('separator', { name: 'New messages' })).toBeAttached();
  // (Scrolled up once the rows settled: a re-measure while the view still followed the bottom takes it back there.)
  await expect(async () => {
    await w.log.locator('xpath=..').evaluate((element) => (element.scrollTop = 0));
    await expect(w.agentMessage('While closed 1')).toBeInViewport({ timeout: 500 });
  }).toPass();
  await control.say(conversation.id, agent.id, 'Below the fold');
  const newBelow = w.dialog.getByRole('button', { name: 'New messages' });
  await expect(newBelow).toBeVisible();
  await w.dialog.getByRole('button', { name: 'Chat options' }).click();
  await expect(w.dialog.getByRole('checkbox', { name: 'Sound for new messages' })).toBeVisible();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  const animation = () => newBelow.evaluate((button) => getComputedStyle(button).animationName);
  expect(await animation()).toBe('parley-rise');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await animation()).toBe('none');
});
