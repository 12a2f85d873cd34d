// XSS: a corpus of vectors as agent messages, quick-reply titles, agent names, file captions and
// rich content. Every vector calls a trap (window.__xss, alert) if it ever runs; the test fails on
// the trap, on any dialog and on any page error, in the page and in the widget's frame.
import { visitorTexts } from './support/control';
import { installTrap, VECTORS } from './support/xss-corpus';
import { expect, test } from './support/fixtures';

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
