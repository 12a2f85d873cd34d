// XSS: a corpus of vectors as agent messages, quick-reply titles, agent names, file captions and
// rich content (every slot of a card: texts, titles, tooltips, captions, alternative texts, URLs). Every vector calls a trap (window.__xss, alert) if it ever runs; the test fails on
// the trap, on any dialog and on any page error, in the page and in the widget's frame.
import type { Locator } from '@playwright/test';
import { visitorTexts } from './support/control';
import { installTrap, VECTORS } from './support/xss-corpus';
import { expect, test } from './support/fixtures';

/** A card with the vector in every text slot and URL, and script links beside it. */
const richCard = (v: string) => ({
  type: 'vertical',
  elements: [
    { type: 'text', text: v, tooltip: v },
    { type: 'image', url: v, caption: v, tooltip: v },
    { type: 'image', url: 'https://images.invalid/x.png', caption: v, click: { actions: [{ type: 'link', uri: v }] } },
    { type: 'button', title: v, tooltip: v, click: { actions: [{ type: 'link', uri: v, name: v }] } },
    { type: 'button', title: `${v} 2`, click: { actions: [{ type: 'link', uri: 'javascript:__xss(100)' }, { type: 'link', uri: 'data:text/html,<script>__xss(101)</script>' }] } },
    { type: 'linkPreview', url: v, title: v, tooltip: v },
    { type: 'map', la: 1, lo: 2, tooltip: v },
  ],
});

/** Structured content: the vectors show as text, only safe URLs reach href and src, and clicking everything runs nothing. */
async function checkRichCards(log: Locator) {
  const cards = log.locator('.parley-rich');
  const seen = await cards.evaluateAll((els) =>
    els.map((el) => ({
      text: el.textContent,
      hrefs: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      srcs: [...el.querySelectorAll('img')].map((i) => i.getAttribute('src') ?? ''),
      tags: [...el.querySelectorAll('*')].map((c) => c.tagName.toLowerCase()),
      handlers: [...el.querySelectorAll('*')].flatMap((c) => c.getAttributeNames().filter((n) => n.startsWith('on'))),
    })),
  );
  for (const [i, v] of VECTORS.entries()) {
    expect(seen[i]?.text).toBe(v);
    expect(seen[VECTORS.length + i]?.text).toContain(v);
  }
  for (const card of seen) {
    for (const href of card.hrefs) expect(href).toMatch(/^(https:\/\/|mailto:|tel:)/);
    for (const src of card.srcs) expect(src).toMatch(/^https:\/\//);
    expect(card.tags.filter((t) => !['div', 'p', 'a', 'button', 'figure', 'img', 'figcaption', 'span'].includes(t))).toEqual([]);
    expect(card.handlers).toEqual([]);
  }
  const links = cards.locator('a');
  for (const link of await links.all()) {
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    await expect(link).toHaveAttribute('target', '_blank');
  }
  // The buttons whose links are scripts are inert; hovering and focusing every element runs nothing.
  for (const b of await cards.getByRole('button', { name: / 2$/ }).all()) await expect(b).toBeDisabled();
  for (const el of (await cards.locator('button, a, img, p').all()).slice(-40)) await el.hover();
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
  // Every slot of structured content: titles, tooltips, captions, alternative texts, URLs, links.
  for (const v of VECTORS) await control.sendRich(conv.id, dana.id, richCard(v));
  await control.say(conv.id, dana.id, 'Pick one', [...VECTORS]);
  const replies = w.dialog.getByRole('group', { name: 'Suggested replies' });
  await expect(replies.getByRole('button')).toHaveCount(VECTORS.length);

  // Every vector shows as exactly its text, in every slot.
  await expect(w.log.locator('.parley-rich')).toHaveCount(2 * VECTORS.length);
  const bubbles = await w.log.locator('[data-originator="agent"] .parley-bubble:not(:has(.parley-rich))').evaluateAll((els) =>
    els.map((el) => ({ text: el.textContent, tags: [...el.querySelectorAll('*')].map((c) => c.tagName.toLowerCase()), hrefs: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')) })),
  );
  expect(bubbles.map((b) => b.text)).toEqual([...VECTORS, ...VECTORS.map((v) => `File: ${v}`), 'Pick one']);
  await checkRichCards(w.log);
  // The only elements inside bubbles are safe links.
  expect(new Set(bubbles.flatMap((b) => b.tags))).toEqual(new Set(['a']));
  // (Structured content's text elements are not linkified: their links are their buttons and previews.)
  expect(bubbles.flatMap((b) => b.hrefs)).toEqual(['https://example.com/']);
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
