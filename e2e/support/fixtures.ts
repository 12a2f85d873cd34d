// The e2e tests' fixtures: every test that plays a visitor against the stand-in gets a fresh
// account, the control API of that account (the agent and the faults), the widget in its page, and
// the usual beginnings of a conversation.
// Specs import `test` and `expect` from here instead of from @playwright/test.
import path from 'node:path';
import { test as base } from '@playwright/test';
import { Chat } from './chat';
import { Control, uniqueAccount } from './control';
import { Widget } from './widget';

export { expect } from '@playwright/test';

export interface ParleyFixtures {
  /** A fresh account for this test, named after its spec file. */
  account: string;
  /** The stand-in's control API for `account`; faults are cleared when the test ends (they are server-wide). */
  control: Control;
  /** The widget as the visitor sees it, in the test's page. */
  widget: Widget;
  /** How conversations begin, through `widget` and `control`. */
  chat: Chat;
}

export const test = base.extend<ParleyFixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none
  account: async ({}, provide, testInfo) => {
    await provide(uniqueAccount(path.basename(testInfo.file, '.spec.ts')));
  },
  control: async ({ baseURL, account }, provide) => {
    const control = new Control(baseURL ?? '', account);
    await provide(control);
    await control.clearFaults();
  },
  widget: async ({ page }, provide) => {
    await provide(new Widget(page));
  },
  chat: async ({ control, widget }, provide) => {
    await provide(new Chat(control, widget));
  },
});
