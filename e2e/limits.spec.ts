// Limits in Chromium: the composer's length limit, and a 10,000-event conversation that stays
// responsive (windowed timeline: few rows in the DOM, fast typing and scrolling). The measured
// figures are printed and attached to the report.
import { eventFields } from '../server/control-client';
import { expect, test } from './support/fixtures';

const MAX = 5000;

test('the composer shows the length limit and blocks sending over it', async ({ control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  const send = w.dialog.getByRole('button', { name: 'Send' });
  await w.composer.fill('a'.repeat(MAX - 20));
  await expect(w.dialog.getByText('20 characters left')).toBeVisible();
  await w.composer.fill('a'.repeat(MAX + 1));
  await expect(w.dialog.getByText('1 characters too many')).toBeVisible();
  await expect(w.dialog.getByRole('alert')).toHaveText(`Messages can have at most ${MAX} characters.`);
  await expect(w.composer).toHaveAttribute('aria-invalid', 'true');
  await expect(send).toBeDisabled();
  await w.composer.press('Enter');
  await expect(w.log.locator('[data-originator="consumer"]')).toHaveCount(0);
  // Back at the limit: it sends, and the server stores all of it.
  await w.composer.press('Backspace');
  await expect(w.dialog.getByRole('alert')).toHaveCount(0);
  await send.click();
  const c = await control.onlyConversation();
  await expect
    .poll(async () => ((await control.conversation(c.id)).transcript[c.id] ?? []).map((e) => String(eventFields(e).message ?? '').length))
    .toEqual([MAX]);
});

test('10,000 events: few rows in the DOM, typing and scrolling stay fast, new messages scroll into view', async ({ control, widget: w }, testInfo) => {
  test.setTimeout(180_000);
  await w.goto(control.account);
  await w.open();
  await w.send('start');
  const { conversation: conv, agent: dana } = await control.acceptOnly('Dana');

  const started = Date.now();
  const bulk = await control.bulk(conv.id, dana.id, 10_000, 'Bulk');
  expect(bulk.count).toBe(10_000);
  await expect(w.agentMessage('Bulk 10000')).toBeVisible({ timeout: 60_000 });
  const arrivalMs = Date.now() - started;

  const rowCount = () => w.log.locator('[data-originator]').count();
  const domRows = await rowCount();
  expect(domRows).toBeLessThan(100);
  await expect(w.log).toHaveAttribute('aria-live', 'off');

  // Typing: 40 keystrokes into the composer.
  await w.composer.click();
  const typeStart = Date.now();
  await w.composer.pressSequentially('typing stays fast with 10k events here', { delay: 0 });
  const typingMs = Date.now() - typeStart;
  await expect(w.composer).toHaveValue('typing stays fast with 10k events here');
  expect(typingMs).toBeLessThan(8_000);

  // Scrolling: jump to the middle and to the top; the right rows render, the DOM stays small.
  const jump = (fraction: number) =>
    w.log.evaluate(async (log, f) => {
      const scroller = log.parentElement as HTMLElement;
      const t0 = performance.now();
      scroller.scrollTop = (scroller.scrollHeight - scroller.clientHeight) * f;
      for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
      const seqs = [...log.querySelectorAll('[data-sequence]')].map((e) => Number(e.getAttribute('data-sequence')));
      return { ms: performance.now() - t0, seqs, rows: log.querySelectorAll('[data-originator]').length };
    }, fraction);
  const middle = await jump(0.5);
  expect(middle.rows).toBeLessThan(100);
  expect(Math.min(...middle.seqs)).toBeGreaterThan(3_000);
  expect(Math.max(...middle.seqs)).toBeLessThan(7_000);
  expect(middle.seqs).toEqual([...middle.seqs].sort((a, b) => a - b));
  expect(middle.ms).toBeLessThan(1_000);
  const top = await jump(0);
  expect(top.seqs[0]).toBe(0);
  expect(top.rows).toBeLessThan(100);

  // Scrolled up, a new message does not move the view; at the bottom, it scrolls into view.
  await control.say(conv.id, dana.id, 'while scrolled up');
  await expect(w.log.locator('[data-sequence="0"]')).toBeInViewport();
  const bottom = await jump(1);
  expect(bottom.seqs.at(-1)).toBeGreaterThan(10_000);
  await control.say(conv.id, dana.id, 'the very latest');
  await expect(w.agentMessage('the very latest')).toBeInViewport();
  const polite = w.dialog.locator('[aria-live="polite"]');
  await expect(polite.getByText('Dana: the very latest')).toHaveCount(1);

  const figures = { arrivalMs, domRows, typingMs, typingPerKeyMs: Math.round(typingMs / 40), middleJumpMs: Math.round(middle.ms), topJumpMs: Math.round(top.ms), bottomJumpMs: Math.round(bottom.ms) };
  console.log('10k-event timeline figures', JSON.stringify(figures));
  await testInfo.attach('figures', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
});
