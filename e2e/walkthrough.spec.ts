// A person walks through the three LivePerson tutorials with the widget and the agent console side
// by side: both are real pages in Chromium against the same stand-in; nothing is driven by the API.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

const transcriptItem = (agent: Page, text: string): Locator =>
  agent.getByRole('list', { name: 'Transcript' }).getByRole('listitem').filter({ hasText: text });

test('the tutorials, walked through with the widget and the agent console', async ({ control, widget: w, browser, baseURL }) => {
  const agentContext = await browser.newContext({ baseURL });
  const agent = await agentContext.newPage();
  await agent.goto(`/agent/?account=${control.account}`);
  await w.goto(control.account);
  await w.open();

  await test.step('conversation metadata: the first message waits in the console, the agent accepts', async () => {
    await w.send('Hi, where is my parcel?');
    await expect(w.receiptOf('Hi, where is my parcel?')).toHaveAttribute('data-receipt', 'sent');
    const { id } = await control.onlyConversation();
    await agent.getByRole('list', { name: /Waiting/ }).getByRole('listitem').filter({ hasText: id }).getByRole('button').click();
    await agent.getByLabel('Agent', { exact: true }).selectOption({ label: 'Dana' });
    await agent.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect(w.log.getByText('Dana joined')).toBeVisible();
  });

  await test.step('get messages: the agent types (the visitor sees it), then sends', async () => {
    const reply = agent.getByRole('textbox', { name: 'Reply' });
    await reply.pressSequentially('Let me check');
    await expect(w.dialog.getByText('Dana is typing…')).toBeVisible();
    await agent.getByRole('button', { name: 'Send', exact: true }).click();
    await expect(w.agentMessage('Let me check')).toBeVisible();
    await expect(w.dialog.getByText('Dana is typing…')).toBeHidden();
  });

  await test.step('read and accept events: the console shows the agent message read, the ticks follow its buttons', async () => {
    await expect(transcriptItem(agent, 'Let me check').getByRole('img', { name: 'Read' })).toBeVisible();

    // Read and accept events, agent side: the visitor's ticks follow the console's buttons.
    await expect(transcriptItem(agent, 'Hi, where is my parcel?').getByRole('img', { name: 'Sent' })).toBeVisible();
    await agent.getByRole('button', { name: 'Mark delivered' }).click();
    await expect(w.receiptOf('Hi, where is my parcel?')).toHaveAttribute('data-receipt', 'delivered');
    await agent.getByRole('button', { name: 'Mark read' }).click();
    await expect(w.receiptOf('Hi, where is my parcel?')).toHaveAttribute('data-receipt', 'read');
  });

  await test.step('the agent closes the conversation; the visitor sees it ended', async () => {
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await expect(w.log.getByText(/ended/i)).toBeVisible();
    await agentContext.close();
  });
});
