// Page helpers for the widget as a visitor sees it (accessible names only, no test ids).
// The launcher is drawn by the loader in the page (an open shadow root, which locators pierce);
// the window lives in the embed's iframe: everything inside it goes through `frame`.
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

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
    return this.page.getByRole('button', { name: /^Open chat/ });
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
    // The launcher says whether the window is open (it may still be loading in its iframe).
    if ((await this.launcher.getAttribute('aria-expanded')) !== 'true') await this.launcher.click();
    await expect(this.dialog).toBeVisible();
  }
  async send(text: string) {
    await this.composer.fill(text);
    await this.dialog.getByRole('button', { name: 'Send' }).click();
  }
  /** The visitor's bubble holding exactly this text. */
  mine(text: string): Locator {
    return this.log.locator('[data-originator="consumer"]').filter({ hasText: text });
  }
  agentMessage(text: string): Locator {
    return this.log.locator('[data-originator="agent"]').filter({ hasText: text });
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
}
