// XSS: a corpus of vectors as agent messages, quick-reply titles, agent names, file captions and
// rich content. Every vector calls a trap (window.__xss, alert) if it ever runs; the test fails on
// the trap, on any dialog and on any page error, in the page and in the widget's frame.
import type { Page } from '@playwright/test';
import { visitorTexts } from './support/control';
import { expect, test } from './support/fixtures';

const VECTORS = [
  '<script>__xss(1)</script>',
  '<img src=x onerror=__xss(2)>',
  '<svg onload=__xss(3)>',
  '"><script>__xss(4)</script>',
  'javascript:__xss(5)',
  '<a href="javascript:__xss(6)">click me</a>',
  '<iframe src="javascript:__xss(7)"></iframe>',
  '<body onload=__xss(8)>',
  '<details open ontoggle=__xss(9)>',
  "{{constructor.constructor('__xss(10)')()}}",
  '<math><mtext><table><mglyph><style><img src=x onerror=__xss(11)>',
  'data:text/html,<script>__xss(12)</script>',
  'vbscript:__xss(13)',
  "<style>@import 'javascript:__xss(14)';</style>",
  "';__xss(15);//",
  '<input autofocus onfocus=__xss(16)>',
  '<video><source onerror=__xss(17)></video>',
  '<object data="javascript:__xss(18)"></object>',
  'https://example.com/"onmouseover="__xss(19)"',
  '<a href=" javas&#99;ript:__xss(20)">x</a>',
  '<img src="x" onerror="alert(21)">',
  '<svg><animate onbegin=__xss(22) attributeName=x dur=1s>',
  '<form><button formaction=javascript:__xss(23)>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:__xss(24)">',
] as const;

/** Installs the trap in every frame; returns what fired (trap calls, dialogs, page errors). */
async function installTrap(page: Page): Promise<string[]> {
  const fired: string[] = [];
  await page.addInitScript(() => {
    const w = window as unknown as { __xss(n: unknown): void };
    w.__xss = (n) => console.error(`XSS-FIRED ${String(n)} in ${location.pathname}`);
  });
  page.on('console', (m) => {
    if (m.text().includes('XSS-FIRED')) fired.push(m.text());
  });
  page.on('dialog', (d) => {
    fired.push(`dialog ${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => fired.push(`pageerror: ${e.message}`));
  return fired;
}

test('XSS vectors in messages, quick replies, names, captions and rich content render as inert text', async ({ page, control, widget: w }) => {
  test.setTimeout(120_000);
  const fired = await installTrap(page);
  await w.goto(control.account);
  await w.open();
  await w.send('hello');
  // The trap works in the widget's frame: a call and an alert there are both caught.
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  await frame?.evaluate(() => {
    (window as unknown as { __xss(n: string): void }).__xss('self-test');
    setTimeout(() => alert('self-test'), 0);
  });
  await expect.poll(() => fired.length).toBe(2);
  fired.length = 0;
  const conv = await control.onlyConversation();
  const dana = await control.agent('Dana');
  const morgan = await control.agent('Morgan');
  // Names: set before joining, so the join banners, sender labels and typing line carry them.
  await control.setNickname(dana.id, VECTORS[1]);
  await control.setNickname(morgan.id, VECTORS[0]);
  await control.accept(conv.id, dana.id);
  await control.addManager(conv.id, morgan.id);
  await control.typing(conv.id, dana.id, 'COMPOSING');
  await expect(w.log.getByText(`${VECTORS[1]} joined`, { exact: true })).toBeVisible();
  await expect(w.dialog.getByText(`${VECTORS[1]} is typing…`)).toBeVisible();

  for (const v of VECTORS) await control.say(conv.id, dana.id, v);
  for (const v of VECTORS) await control.sendFile(conv.id, dana.id, v);
  for (const v of VECTORS) await control.sendRich(conv.id, dana.id, { type: 'vertical', elements: [{ type: 'text', text: v }] });
  await control.say(conv.id, dana.id, 'Pick one', [...VECTORS]);
  const replies = w.dialog.getByRole('group', { name: 'Suggested replies' });
  await expect(replies.getByRole('button')).toHaveCount(VECTORS.length);

  // Every vector shows as exactly its text, in every slot.
  const bubbles = await w.log.locator('[data-originator="agent"] .parley-bubble').evaluateAll((els) =>
    els.map((el) => ({ text: el.textContent, tags: [...el.querySelectorAll('*')].map((c) => c.tagName.toLowerCase()), hrefs: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')) })),
  );
  expect(bubbles.map((b) => b.text)).toEqual([...VECTORS, ...VECTORS.map((v) => `File: ${v}`), ...VECTORS, 'Pick one']);
  // The only elements inside bubbles are safe links.
  expect(new Set(bubbles.flatMap((b) => b.tags))).toEqual(new Set(['a']));
  expect(bubbles.flatMap((b) => b.hrefs)).toEqual(['https://example.com/', 'https://example.com/']);
  const links = w.log.locator('.parley-bubble a');
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).toHaveAttribute('target', '_blank');
  }
  expect(await replies.getByRole('button').allTextContents()).toEqual([...VECTORS]);
  const senders = await w.log.locator('.parley-sender').allTextContents();
  expect(new Set(senders)).toEqual(new Set([VECTORS[1]]));
  await expect(w.log.getByText(`${VECTORS[0]} joined as a manager`, { exact: true })).toBeVisible();

  // Interact: hover and focus every bubble and reply, click a reply (it is sent as text).
  for (const b of (await w.log.locator('.parley-bubble').all()).slice(-6)) await b.hover();
  await replies.getByRole('button').nth(1).click();
  await expect(w.mine(VECTORS[1])).toHaveCount(1);

  // No script ran anywhere: no trap, no dialog, no error; the trap itself is still in place.
  await page.waitForTimeout(500);
  expect(fired).toEqual([]);
  expect(await page.evaluate(() => typeof (window as unknown as { __xss?: unknown }).__xss)).toBe('function');
  const stored = await control.conversation(conv.id);
  expect(visitorTexts(stored)).toEqual(['hello', VECTORS[1]]);
});
