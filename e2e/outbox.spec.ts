// Exactly-once sending in Chromium through the real path (composer → session → socket → stand-in):
// typed while disconnected, stored without an answer before the socket died, across a reload
// (sessionStorage holds the outbox and only it), and "Not sent" with Retry.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { visitorTexts } from './support/control';

/** What the page keeps in browser storage: keys (and the outbox's texts). */
// (The demo page shares the frame's origin, so its storage also holds the loader's flags, "1" or
// absent (src/embed/hint.ts): listed apart, as `flags`.)
const browserStorage = (page: Page, account: string) =>
  page.evaluate((key) => {
    const all = (s: Storage) => Array.from({ length: s.length }, (_, i) => s.key(i)!);
    const keys = (s: Storage) => all(s).filter((k) => !k.startsWith('parley:hint:'));
    const flags = (s: Storage) => all(s).filter((k) => k.startsWith('parley:hint:')).map((k) => `${k}=${s.getItem(k)}`);
    const outbox = sessionStorage.getItem(key);
    return {
      session: keys(sessionStorage),
      local: keys(localStorage),
      flags: [...flags(sessionStorage), ...flags(localStorage)],
      outbox: outbox ? (JSON.parse(outbox) as { messages: Array<{ text: string }> }).messages.map((m) => m.text) : [],
    };
  }, `parley:${account}:outbox`);

/** After the network was down for a while, the reconnect backoff (full jitter, growing) may wait long. */
const BACK_ONLINE = { timeout: 40_000 };

/** Responses wait this long; the typing events (ChatStateEvent) before a publish wait their turn too. */
const DELAY_MS = 4_000;
/** Seen stored on the server before its (delayed) answer reaches the widget. */
const STORED = { intervals: [100], timeout: 20_000 };

test.describe.configure({ timeout: 120_000 });

test('messages typed while disconnected are sent once, in order, when the connection is back', async ({ control, widget: w, chat }) => {
  const c = await chat.visitorStarts('first');
  await control.setFaults({ refuseSockets: true });
  await control.dropSockets();
  await expect(w.status).toHaveAttribute('data-status', 'reconnecting');
  await w.send('offline one');
  await w.send('offline two');
  await expect(w.receiptOf('offline two')).toHaveAttribute('data-receipt', 'pending');
  await control.clearFaults();
  for (const text of ['offline one', 'offline two']) await expect(w.receiptOf(text)).toHaveAttribute('data-receipt', 'sent', BACK_ONLINE);
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['first', 'offline one', 'offline two']);
  await expect(w.mine('offline one')).toHaveCount(1);
});

test('a message stored without an answer before the socket died is reconciled, not sent again', async ({ control, widget: w, chat }) => {
  const c = await chat.visitorStarts('first');
  await control.setFaults({ delayMs: DELAY_MS });
  await w.send('in flight');
  await expect.poll(async () => visitorTexts(await control.conversation(c.id)), STORED).toContain('in flight');
  await expect(w.receiptOf('in flight')).toHaveAttribute('data-receipt', 'pending'); // no answer yet
  await control.dropSockets();
  await control.clearFaults();
  await expect(w.receiptOf('in flight')).toHaveAttribute('data-receipt', 'sent');
  await expect(w.mine('in flight')).toHaveCount(1);
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['first', 'in flight']);
});

test('unsent messages survive a reload (sessionStorage holds the outbox, only it) and are sent once', async ({ page, control, widget: w, chat }) => {
  const c = await chat.visitorStarts('first');
  // One message the server stores but never answers, then two typed while the network is down.
  await control.setFaults({ delayMs: DELAY_MS });
  await w.send('stored, no answer');
  await expect.poll(async () => visitorTexts(await control.conversation(c.id)), STORED).toContain('stored, no answer');
  await control.setFaults({ refuseSockets: true, delayMs: 0 });
  await control.dropSockets();
  await expect(w.status).toHaveAttribute('data-status', 'reconnecting');
  await w.send('unsent one');
  await w.send('unsent two');
  const kept = await browserStorage(page, control.account);
  // The outbox, and whether the window is open (no token): src/embed/rememberOpen.ts.
  expect(kept.session.sort()).toEqual([`parley:${control.account}:open`, `parley:${control.account}:outbox`]);
  expect(kept.local).toEqual([`parley:${control.account}:jwt`]);
  expect(kept.outbox).toEqual(['stored, no answer', 'unsent one', 'unsent two']);
  // The loader's flags on the page's origin: the window is open, and so is the conversation.
  expect(kept.flags).toEqual([`parley:hint:${control.account}=1`, `parley:hint:${control.account}=1`]);

  await page.reload();
  await expect(w.dialog).toBeVisible(); // open=1 opens it again
  await expect(w.receiptOf('unsent two')).toHaveAttribute('data-receipt', 'pending'); // shown again at once
  await control.clearFaults();
  for (const text of ['stored, no answer', 'unsent one', 'unsent two']) {
    await expect(w.receiptOf(text)).toHaveAttribute('data-receipt', 'sent', BACK_ONLINE);
    await expect(w.mine(text)).toHaveCount(1);
  }
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['first', 'stored, no answer', 'unsent one', 'unsent two']);
  expect((await browserStorage(page, control.account)).session).toEqual([`parley:${control.account}:open`]);
});

test('after repeated failures a message shows "Not sent" with Retry, which sends it once', async ({ control, widget: w, chat }) => {
  const c = await chat.visitorStarts('first');
  await control.setFaults({ failNext: { count: 50, code: 500 } });
  await w.send('unlucky');
  const bubble = w.mine('unlucky');
  await expect(w.receiptOf('unlucky')).toHaveAttribute('data-receipt', 'failed', { timeout: 30_000 });
  await expect(bubble.getByText('Not sent')).toBeVisible();
  await control.clearFaults();
  await bubble.getByRole('button', { name: 'Retry' }).click();
  await expect(w.receiptOf('unlucky')).toHaveAttribute('data-receipt', 'sent');
  await expect(bubble.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  expect(visitorTexts(await control.conversation(c.id))).toEqual(['first', 'unlucky']);
});
