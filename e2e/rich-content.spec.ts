// Structured content in Chromium, sent by the agent through the stand-in's control API: a card with
// an image, text and three buttons (publishText is published as §5.5 says: an ACTION receipt on the
// card with the click's metadata, then the text with the same metadata; the link opens a new tab;
// the unsafe link is inert), a carousel of five cards driven by keyboard, and axe with both on screen.
import AxeBuilder from '@axe-core/playwright';
import { eventFields } from '../server/control-client';
import { expect, test } from './support/fixtures';

const metadata = [{ type: 'ActionReason', reasonId: 'card-buy-1', reason: 'buy' }];
const imageUrl = (baseURL: string | undefined) => `${baseURL ?? ''}/favicon.svg`;

const card = (baseURL: string | undefined) => ({
  type: 'vertical',
  elements: [
    { type: 'image', url: imageUrl(baseURL), caption: 'The brass lamp', tooltip: 'A brass desk lamp' },
    { type: 'text', text: 'Brass lamp', style: { bold: true, size: 'large' } },
    { type: 'text', text: 'In stock, ships tomorrow', style: { color: '#2457d6' } },
    { type: 'button', title: 'Buy now', click: { metadata, actions: [{ type: 'publishText', text: 'I want the brass lamp' }] } },
    { type: 'button', title: 'Details', click: { actions: [{ type: 'link', uri: `${baseURL ?? ''}/?details=lamp` }] } },
    { type: 'button', title: 'Trap', click: { actions: [{ type: 'link', uri: 'javascript:alert(1)' }] } },
  ],
});

const carousel = {
  type: 'carousel',
  padding: 10,
  elements: Array.from({ length: 5 }, (_, i) => ({
    type: 'vertical',
    elements: [
      { type: 'text', text: `Room ${i + 1}`, style: { bold: true } },
      { type: 'button', title: `Book room ${i + 1}`, click: { actions: [{ type: 'publishText', text: `Book room ${i + 1}` }] } },
    ],
  })),
};

test('a card with an image, text and three buttons: publishText reaches the agent as ACTION plus text, the link opens a tab', async ({ page, baseURL, control, chat, widget: w }) => {
  const { conversation, agent } = await chat.danaAnswers('Show me lamps', 'Here is one');
  const sent = (await control.sendRich(conversation.id, agent.id, card(baseURL))) as { sequence?: number };
  const log = w.log;
  const buy = log.getByRole('button', { name: 'Buy now' });
  await expect(buy).toBeVisible();
  // The image came from an http(s) URL, has its alternative text and caption, and loaded.
  const image = log.getByRole('img', { name: 'A brass desk lamp' });
  await expect(image).toHaveAttribute('loading', 'lazy');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  await expect(log.getByText('The brass lamp')).toBeVisible();
  await expect(log.getByText('Brass lamp', { exact: true })).toHaveCSS('font-weight', '700');
  await expect(log.getByRole('button', { name: 'Trap' })).toBeDisabled();

  // The link opens in a new tab, with no opener.
  const details = log.getByRole('link', { name: 'Details' });
  await expect(details).toHaveAttribute('rel', 'noopener noreferrer');
  const [tab] = await Promise.all([page.context().waitForEvent('page'), details.click()]);
  await tab.waitForLoadState();
  expect(tab.url()).toContain('details=lamp');
  expect(await tab.evaluate(() => window.opener)).toBeNull();
  await tab.close();

  await buy.click();
  await expect(w.mine('I want the brass lamp')).toHaveCount(1);
  await expect.poll(async () => {
    const detail = await control.conversation(conversation.id);
    return (detail.transcript[conversation.id] ?? []).filter((e) => e.role === 'CONSUMER' && (eventFields(e).status === 'ACTION' || eventFields(e).message === 'I want the brass lamp')).length;
  }).toBe(2);
  const detail = await control.conversation(conversation.id);
  const fromVisitor = (detail.transcript[conversation.id] ?? []).filter((e) => e.role === 'CONSUMER' && (eventFields(e).status === 'ACTION' || eventFields(e).message === 'I want the brass lamp'));
  expect(fromVisitor.map((e) => [e.event.type, eventFields(e).status ?? eventFields(e).message])).toEqual([
    ['AcceptStatusEvent', 'ACTION'],
    ['ContentEvent', 'I want the brass lamp'],
  ]);
  expect(eventFields(fromVisitor[0]).sequenceList).toEqual([sent.sequence]);
  // The click's metadata rides on both (the text also carries the outbox's own ExternalId).
  for (const e of fromVisitor) expect(e.metadata).toContainEqual(metadata[0]);
  expect(fromVisitor[1]?.metadata?.some((m) => m.type === 'ExternalId')).toBe(true);
});

test('a carousel of five cards: a named list of named groups, driven by keyboard; axe finds nothing', async ({ page, baseURL, control, chat, widget: w }) => {
  const { conversation, agent } = await chat.danaAnswers('Any rooms?', 'Let me look');
  await control.sendRich(conversation.id, agent.id, card(baseURL));
  await control.sendRich(conversation.id, agent.id, carousel);
  const list = w.log.getByRole('list', { name: '5 cards' });
  await expect(list).toBeVisible();
  const groups = list.getByRole('group');
  await expect(groups).toHaveCount(5);
  expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))).toEqual(['Room 1', 'Room 2', 'Room 3', 'Room 4', 'Room 5']);

  // Tab reaches the list; the arrow keys move card by card, scrolling each into view.
  await list.getByRole('button', { name: 'Book room 1' }).focus();
  for (const n of [2, 3, 4, 5]) {
    await page.keyboard.press('ArrowRight');
    await expect(groups.nth(n - 1)).toBeFocused();
    await expect(groups.nth(n - 1)).toBeInViewport({ ratio: 0.5 });
  }
  await expect(w.dialog.getByRole('button', { name: 'Next card' })).toBeDisabled();
  await page.keyboard.press('Home');
  await expect(groups.nth(0)).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(list.getByRole('button', { name: 'Book room 1' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  await expect(list.getByRole('button', { name: 'Book room 3' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(w.mine('Book room 3')).toHaveCount(1);

  // The Previous / Next buttons do the same by pointer.
  await w.dialog.getByRole('button', { name: 'Previous card' }).click();
  await expect(groups.nth(1)).toBeInViewport({ ratio: 0.5 });

  // The agent's colour is used where it keeps AA (light), and dropped where it would not (dark).
  const stock = w.log.getByText('In stock, ships tomorrow');
  await expect(stock).toHaveCSS('color', 'rgb(36, 87, 214)');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    if (colorScheme === 'dark') await expect(stock).not.toHaveCSS('color', 'rgb(36, 87, 214)');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), colorScheme).toEqual([]);
  }
});
