// Files from the visitor in Chromium (protocol reference §7): attached with the file chooser, dropped
// onto the window and pasted into the box; the widget uploads them (ms.GenerateURLForUploadFile, the
// PUT to the signed swift URL) and publishes the hosted/file with a canvas thumbnail; the agent sees
// them in the console and sends one back from the console; wrong files get a clear error and send
// nothing; Cancel mid-upload sends nothing; the image viewer works by keyboard. With
// PARLEY_SCREENSHOTS=1 the last test writes docs/screenshots/files.png.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import type { ConversationDetailView } from '../server/control-client';
import { expect, test } from './support/fixtures';
import type { Control } from './support/control';
import { png } from './support/png';
import type { Widget } from './support/widget';
import { installTrap, VECTORS } from './support/xss-corpus';

const PHOTO = png(320, 240, [214, 96, 36]);
const MAX_PREVIEW = 30 * 1024;

interface HostedFile {
  caption: string;
  relativePath: string;
  fileType: string;
  preview?: string;
}

/** The hosted files the visitor stored in the conversation, as the stand-in has them. */
async function visitorFiles(control: Control, id: string): Promise<HostedFile[]> {
  const detail: ConversationDetailView = await control.conversation(id);
  return Object.values(detail.transcript)
    .flat()
    .flatMap((e) => {
      const event = e.event as { contentType?: string; message?: unknown };
      return e.role === 'CONSUMER' && event.contentType === 'hosted/file' ? [event.message as HostedFile] : [];
    });
}

async function attachWithChooser(page: Page, w: Widget, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await w.dialog.getByRole('button', { name: 'Attach file' }).click();
  await (await chooser).setFiles(file);
}

/** Drops (on the window) or pastes (into the box) a file made in the frame from these bytes. */
async function dropOrPaste(target: Locator, how: 'drop' | 'paste', name: string, mime: string, bytes: Buffer) {
  await target.evaluate(
    (el, { how, name, mime, b64 }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type: mime }));
      if (how === 'paste') {
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
        return;
      }
      el.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    },
    { how, name, mime, b64: bytes.toString('base64') },
  );
}

async function openConsoleOn(page: Page, account: string, conversationId: string) {
  await page.goto(`/agent/?account=${encodeURIComponent(account)}`);
  await page.getByLabel('Agent', { exact: true }).selectOption({ label: 'Dana' });
  await page.getByRole('listitem').filter({ hasText: conversationId }).getByRole('button').first().click();
}

const naturalWidth = (img: Locator) => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth);

test('the visitor attaches a PNG with the file chooser: uploaded, published with a thumbnail, seen by the agent; the viewer works by keyboard', async ({ page, browser, baseURL, control, chat, widget: w }) => {
  const { conversation } = await chat.danaAnswers('Can I send you a photo?', 'Please do');
  await attachWithChooser(page, w, { name: 'shop.png', mimeType: 'image/png', buffer: PHOTO });

  const open = w.log.getByRole('button', { name: 'View shop.png' });
  await expect(open).toBeVisible();
  await expect(w.log.locator('[data-originator="consumer"]:has(button[aria-label="View shop.png"]) [data-receipt]')).toHaveAttribute('data-receipt', 'sent');
  const [stored] = await visitorFiles(control, conversation.id);
  expect(stored).toMatchObject({ caption: 'shop.png', fileType: 'PNG', relativePath: expect.stringMatching(new RegExp(`^/v1/AUTH_async-images/${control.account}/.+\\.PNG$`)) });
  expect(stored?.preview).toMatch(/^data:image\/jpeg;base64,/);
  expect(stored?.preview?.length).toBeLessThan(MAX_PREVIEW);
  await expect.poll(() => naturalWidth(open.getByRole('img', { name: 'shop.png' }))).toBe(320);

  // The image viewer, by keyboard: Enter opens it named by the caption, focus on Close, Tab stays, Escape closes, focus returns.
  await open.focus();
  await page.keyboard.press('Enter');
  const viewer = w.frame.getByRole('dialog', { name: 'shop.png' });
  await expect(viewer).toBeVisible();
  await expect(viewer).toHaveAttribute('aria-modal', 'true');
  await expect.poll(() => naturalWidth(viewer.getByRole('img', { name: 'shop.png' }))).toBe(320);
  const close = viewer.getByRole('button', { name: 'Close' });
  await expect(close).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(close).toBeFocused();
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();
  await expect(w.dialog).toBeVisible(); // Escape closed the viewer, not the chat window
  await expect(open).toBeFocused();

  // The agent sees the photo in the console.
  const agentContext = await browser.newContext({ baseURL });
  const agent = await agentContext.newPage();
  await openConsoleOn(agent, control.account, conversation.id);
  const seen = agent.getByRole('list', { name: 'Transcript' }).getByRole('img', { name: 'shop.png' });
  await expect(seen).toBeVisible();
  await expect.poll(() => naturalWidth(seen)).toBe(320);
  await agentContext.close();
});

test('a dropped file and a pasted one are sent too', async ({ control, chat, widget: w }) => {
  const { conversation } = await chat.danaAnswers('Two more', 'Go ahead');
  await dropOrPaste(w.dialog, 'drop', 'dropped.png', 'image/png', png(40, 30, [20, 120, 60]));
  await expect(w.log.getByRole('button', { name: 'View dropped.png' })).toBeVisible();
  await dropOrPaste(w.composer, 'paste', 'pasted.png', 'image/png', png(30, 40, [60, 20, 120]));
  await expect(w.log.getByRole('button', { name: 'View pasted.png' })).toBeVisible();
  await expect.poll(async () => (await visitorFiles(control, conversation.id)).map((f) => f.caption)).toEqual(['dropped.png', 'pasted.png']);
});

test('XSS vectors as the names of the visitor\'s files render as inert text, in the widget and in the console', async ({ page, browser, baseURL, control, chat, widget: w }) => {
  test.setTimeout(120_000);
  const fired = await installTrap(page);
  const { conversation } = await chat.danaAnswers('Odd names', 'Fine');
  const names = VECTORS.slice(0, 6).map((v) => `${v}.png`);
  for (const name of names) await dropOrPaste(w.composer, 'paste', name, 'image/png', png(8, 8, [10, 10, 10]));
  await expect.poll(async () => (await visitorFiles(control, conversation.id)).length).toBe(names.length);
  const agentContext = await browser.newContext({ baseURL });
  const agent = await agentContext.newPage();
  const agentFired = await installTrap(agent);
  await openConsoleOn(agent, control.account, conversation.id);
  await expect(agent.getByRole('list', { name: 'Transcript' }).locator('.shared-file img')).toHaveCount(names.length);
  for (const f of await visitorFiles(control, conversation.id)) await expect(w.log.getByRole('img', { name: f.caption, exact: true })).toBeVisible();
  await page.waitForTimeout(500);
  expect(fired).toEqual([]);
  expect(agentFired).toEqual([]);
  await agentContext.close();
});

test('a file too big or of the wrong type shows a clear error and nothing is sent', async ({ page, control, chat, widget: w }) => {
  const { conversation } = await chat.danaAnswers('Sending files', 'OK');
  const uploads: string[] = [];
  page.on('request', (r) => void (r.url().includes('/v1/AUTH_async-images/') && uploads.push(r.method())));

  await attachWithChooser(page, w, { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.concat([PHOTO, Buffer.alloc(3 * 1024 * 1024)]) });
  await expect(w.dialog.getByRole('alert')).toHaveText('“huge.png” is too big: files can be at most 3 MB.');
  await dropOrPaste(w.composer, 'paste', 'notes.txt', 'text/plain', Buffer.from('hello'));
  await expect(w.dialog.getByRole('alert')).toHaveText('“notes.txt” cannot be sent: only JPG, PNG, GIF files can be.');
  await dropOrPaste(w.dialog, 'drop', 'fake.png', 'image/png', Buffer.from('<script>alert(1)</script>'));
  await expect(w.dialog.getByRole('alert')).toHaveText('“fake.png” cannot be sent: only JPG, PNG, GIF files can be.');

  await w.send('Never mind');
  await expect(w.receiptOf('Never mind')).toHaveAttribute('data-receipt', 'sent');
  expect(await visitorFiles(control, conversation.id)).toEqual([]);
  expect(uploads).toEqual([]);
  await expect(w.log.locator('.parley-upload')).toHaveCount(0);
});

test('Cancel mid-upload sends nothing', async ({ page, control, chat, widget: w }) => {
  const { conversation } = await chat.danaAnswers('A photo is coming', 'Waiting');
  let held = 0;
  // The PUT hangs (a slow network): the upload is in flight until the visitor cancels it.
  await page.route('**/v1/AUTH_async-images/**', (route) => {
    if (route.request().method() !== 'PUT') return route.continue();
    held += 1;
    return new Promise<void>(() => undefined);
  });
  await attachWithChooser(page, w, { name: 'slow.png', mimeType: 'image/png', buffer: PHOTO });
  await expect(w.log.getByRole('progressbar', { name: 'Uploading slow.png' })).toBeVisible();
  await expect.poll(() => held).toBe(1);
  await w.log.getByRole('button', { name: 'Cancel sending slow.png' }).click();
  await expect(w.log.getByRole('progressbar', { name: 'Uploading slow.png' })).toBeHidden();
  await expect(w.log.getByText('slow.png')).toHaveCount(0);

  await w.send('Changed my mind');
  await expect(w.receiptOf('Changed my mind')).toHaveAttribute('data-receipt', 'sent');
  expect(await visitorFiles(control, conversation.id)).toEqual([]);
});

test('the agent sends a photo from the console: the visitor sees it and opens it', async ({ page, browser, baseURL, control, chat, widget: w }) => {
  const { conversation } = await chat.danaAnswers('What does it look like?', 'One moment');
  const agentContext = await browser.newContext({ baseURL });
  const agent = await agentContext.newPage();
  await openConsoleOn(agent, control.account, conversation.id);
  await agent.getByLabel(/Send a file/).setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: png(120, 90, [240, 200, 40]) });
  await expect(agent.getByRole('list', { name: 'Transcript' }).getByRole('img', { name: 'lamp.png' })).toBeVisible();
  await agentContext.close();

  const open = w.log.getByRole('button', { name: 'View lamp.png' });
  await expect(open).toBeVisible();
  await open.click();
  await expect(w.frame.getByRole('dialog', { name: 'lamp.png' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(w.frame.getByRole('dialog', { name: 'lamp.png' })).toBeHidden();
});

test('file sharing off: no Attach with fileSharing false; an account with it off refuses, and Attach goes', async ({ page, control, chat, widget: w }) => {
  await w.goto(control.account, '&open=1&fileSharing=0');
  await expect(w.composer).toBeVisible();
  await expect(w.dialog.getByRole('button', { name: 'Attach file' })).toHaveCount(0);

  await control.settings({ fileSharing: false });
  const { conversation } = await chat.danaAnswers('Files?', 'Let us see');
  await attachWithChooser(page, w, { name: 'shop.png', mimeType: 'image/png', buffer: PHOTO });
  await expect(w.dialog.getByRole('alert')).toHaveText('“shop.png” could not be sent: this chat does not take files');
  await expect(w.dialog.getByRole('button', { name: 'Attach file' })).toHaveCount(0);
  expect(await visitorFiles(control, conversation.id)).toEqual([]);
});

test('screenshot: a carousel from the agent and photos both ways', async ({ page, baseURL, control, chat, widget: w }, testInfo) => {
  await page.setViewportSize({ width: 440, height: 1100 }); // the window covers a narrow viewport: room for all of it
  const { conversation, agent } = await chat.danaAnswers('Do you have desk lamps?', 'We do! Here are three');
  const lamp = (name: string, price: string) => ({
    type: 'vertical',
    elements: [
      { type: 'image', url: `${baseURL ?? ''}/favicon.svg`, caption: name, tooltip: name },
      { type: 'text', text: name, style: { bold: true } },
      { type: 'text', text: price },
      { type: 'button', title: `Choose ${name}`, click: { actions: [{ type: 'publishText', text: `I like the ${name}` }] } },
    ],
  });
  await control.sendRich(conversation.id, agent.id, { type: 'carousel', padding: 10, elements: [lamp('Brass lamp', '€49'), lamp('Arc lamp', '€89'), lamp('Clip lamp', '€19')] });
  await attachWithChooser(page, w, { name: 'my-desk.png', mimeType: 'image/png', buffer: png(320, 240, [70, 110, 160]) });
  await expect(w.log.getByRole('button', { name: 'View my-desk.png' })).toBeVisible();
  await control.sendStoredFile(conversation.id, agent.id, 'The brass lamp on a desk', 'PNG', png(320, 240, [196, 150, 60]));
  const photo = w.log.getByRole('img', { name: 'The brass lamp on a desk' });
  await photo.scrollIntoViewIfNeeded(); // lazy: it loads once in view
  await expect.poll(() => naturalWidth(photo)).toBe(320);
  await expect.poll(() => naturalWidth(w.log.getByRole('img', { name: 'my-desk.png' }))).toBe(320);
  await w.log.evaluate((log) => log.parentElement?.scrollTo({ top: log.parentElement.scrollHeight }));
  await page.waitForTimeout(300); // the scroll settles
  const path = process.env.PARLEY_SCREENSHOTS === '1' ? 'docs/screenshots/files.png' : testInfo.outputPath('files.png');
  await page.screenshot({ path });
});
