// Page helpers for the widget as a visitor sees it (accessible names only, no test ids).
// The launcher is drawn by the loader in the page (an open shadow root, which locators pierce);
// the window lives in the embed's iframe: everything inside it goes through `frame`.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';
import { rowsShownTwice, type RowSighting } from './chaos-check';

export class Widget {
  constructor(readonly page: Page) {}

  /** The embed's iframe (the chat app). */
  get frame(): FrameLocator {
    return this.page.frameLocator('parley-widget iframe');
  }
  async goto(account: string, extra = '') {
    await this.page.goto(`/?account=${encodeURIComponent(account)}${extra}`);
  }
  get launcher(): Locator {
    return this.page.getByRole('button', { name: /^(Open|Close) chat/ });
  }
  get dialog(): Locator {
    return this.frame.getByRole('dialog', { name: 'Chat' });
  }
  get log(): Locator {
    return this.dialog.getByRole('log');
  }
  get composer(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Message' });
  }
  async open() {
    // The launcher says whether the window is open (it may still be loading in its iframe). After a
    // reload the frame reopens a window that was open (remembered for the tab); a click that raced
    // that reopening closed it again, so look again until it stays open.
    await expect(async () => {
      if ((await this.launcher.getAttribute('aria-expanded')) !== 'true') await this.launcher.click();
      await expect(this.dialog).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  }
  async send(text: string) {
    await this.composer.fill(text);
    await this.dialog.getByRole('button', { name: 'Send' }).click();
  }
  /** The visitor's message whose bubble text is exactly this (not a substring: times hold digits too). */
  mine(text: string): Locator {
    return this.row('consumer', text);
  }
  agentMessage(text: string): Locator {
    return this.row('agent', text);
  }
  private row(originator: 'consumer' | 'agent', text: string): Locator {
    const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    return this.log.locator(`[data-originator="${originator}"]`).filter({ has: this.page.locator('.parley-bubble', { hasText: exact }) });
  }
  receiptOf(text: string): Locator {
    return this.mine(text).locator('[data-receipt]');
  }
  /** [sequence, originator] of every row with a sequence, in display order. */
  async sequencedRows(): Promise<Array<{ sequence: number; originator: string; text: string }>> {
    return this.log.locator('[data-sequence]').evaluateAll((els) =>
      els.map((e) => ({
        sequence: Number(e.getAttribute('data-sequence')),
        originator: e.getAttribute('data-originator') ?? '',
        text: (e.textContent ?? '').trim(),
      })),
    );
  }

  /** The connection status line (Reconnecting…, errors with their Retry button). */
  get status(): Locator {
    return this.dialog.locator('[role="status"][data-status]');
  }
  /** Every message row of the whole timeline, in display order, read by scrolling through it (the
   * timeline is windowed for long conversations); `duplicates` counts rows shown twice, near or far
   * apart (each row's position in the log is recorded: one key at two positions is a copy). */
  async readTimeline(): Promise<{ rows: TimelineMessage[]; duplicates: number }> {
    const { rows, sightings } = await this.log.evaluate(async (log) => {
      const scroller = log.parentElement as HTMLElement;
      const settle = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const found = new Map<string, { sequence: number | null; originator: string; text: string; receipt: string | null }>();
      const seen: Array<{ key: string; top: number; height: number }> = [];
      const collect = () => {
        const origin = log.getBoundingClientRect().top;
        for (const el of log.querySelectorAll('[data-originator]:not([data-banner])')) {
          const seq = el.getAttribute('data-sequence');
          const text = (el.querySelector('.parley-bubble')?.textContent ?? el.textContent ?? '').trim();
          const key = seq === null ? `pending:${text}` : `seq:${seq}`;
          const box = el.getBoundingClientRect();
          seen.push({ key, top: box.top - origin, height: box.height });
          const receipt = el.querySelector('[data-receipt]')?.getAttribute('data-receipt') ?? null;
          found.set(key, { sequence: seq === null ? null : Number(seq), originator: el.getAttribute('data-originator') ?? '', text, receipt });
        }
      };
      scroller.scrollTop = 0;
      await settle();
      for (let guard = 0; guard < 10_000; guard++) {
        collect();
        if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) break;
        scroller.scrollTop += Math.max(50, scroller.clientHeight * 0.7);
        await settle();
      }
      scroller.scrollTop = scroller.scrollHeight;
      return { rows: [...found.values()], sightings: seen };
    });
    return { rows, duplicates: rowsShownTwice(sightings as RowSighting[]) };
  }
}

export interface TimelineMessage {
  /** null while the message is not stored yet. */
  sequence: number | null;
  originator: string;
  text: string;
  /** The visitor's tick (pending, sent, delivered, read, failed); null on agent messages. */
  receipt: string | null;
}
