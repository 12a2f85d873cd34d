// The widget in Chromium chats with a bot written with LivePerson's agent SDK (node-agent-sdk 1.2.0,
// server/agent/examples/echo-bot.mjs) running in a child process against the same stand-in over TLS.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { E2E_CERT_FILE, E2E_TLS_PORT } from '../playwright.config';
import { spawnEchoBot, stopChild } from '../server/testing/child';
import { expect, test } from './support/fixtures';
import type { Widget } from './support/widget';

const root = path.resolve(import.meta.dirname, '..');
let bot: ChildProcess | undefined;
let readLog = () => '';

test.afterEach(async () => {
  await stopChild(bot);
  bot = undefined;
});

function startBot(account: string) {
  // The bot reads a moment after its device accepted: long enough to see VV before orange.
  const b = spawnEchoBot(account, { host: `127.0.0.1:${E2E_TLS_PORT}`, certFile: path.join(root, E2E_CERT_FILE) }, { BOT_READ_DELAY_MS: '700' });
  bot = b.child;
  readLog = b.log;
}

/** Every value the receipt of the visitor's message with this text takes, in order (watched in the frame). */
async function watchReceipts(w: Widget) {
  await w.log.evaluate((log) => {
    const seen: Record<string, string[]> = {};
    (window as unknown as { parleyReceipts: typeof seen }).parleyReceipts = seen;
    const record = () => {
      for (const row of log.querySelectorAll('[data-originator="consumer"]')) {
        const text = (row.querySelector('.parley-bubble')?.textContent ?? '').trim();
        const receipt = row.querySelector('[data-receipt]')?.getAttribute('data-receipt');
        if (!receipt) continue;
        const list = (seen[text] ??= []);
        if (list.at(-1) !== receipt) list.push(receipt);
      }
    };
    new MutationObserver(record).observe(log, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-receipt'] });
  });
  return (text: string) => w.log.evaluate((_log, t) => (window as unknown as { parleyReceipts: Record<string, string[]> }).parleyReceipts[t] ?? [], text);
}

/**
 * The VV (delivered) and orange (read) states a tick went through, in order. Before them it may show
 * pending and V (sent), or go straight to VV when the bot's ACCEPT comes with the publish response.
 */
const ticksOf = (states: string[]) => states.filter((s) => s === 'delivered' || s === 'read');

test('the widget chats with a node-agent-sdk bot: join banner, greeting, echoes, ticks VV then orange, drops, end', async ({ control, widget: w }) => {
  await w.goto(control.account);
  await w.open();
  const receipts = await watchReceipts(w);
  startBot(control.account);

  await w.send('Hello bot');
  await expect(w.log.getByText(/Parley Bot joined/)).toBeVisible({ timeout: 20_000 }).catch((e: Error) => {
    throw new Error(`${e.message}\nbot log:\n${readLog()}`);
  });
  await expect(w.agentMessage("Hi, I'm Parley Bot. I echo what you write; say bye to end.")).toBeVisible();
  await expect(w.agentMessage('You said: Hello bot')).toBeVisible();
  await expect(w.receiptOf('Hello bot')).toHaveAttribute('data-receipt', 'read');
  await expect.poll(async () => ticksOf(await receipts('Hello bot'))).toEqual(['delivered', 'read']);

  await test.step('a socket drop on either side mid-conversation loses nothing', async () => {
    expect((await control.dropSockets()).dropped).toBeGreaterThanOrEqual(1);
    expect((await control.dropAgentSockets()).dropped).toBeGreaterThanOrEqual(1);
  });

  // Sent while the bot's SDK is reconnecting: answered once it is back.
  await w.send('How are you?');
  await expect(w.agentMessage('You said: How are you?')).toBeVisible({ timeout: 30_000 });
  await expect(w.receiptOf('How are you?')).toHaveAttribute('data-receipt', 'read');
  await expect(w.receiptOf('How are you?')).toHaveAccessibleName('Read');
  await expect.poll(async () => ticksOf(await receipts('How are you?'))).toEqual(['delivered', 'read']);

  // The console shows the conversation as the bot's.
  const [conv] = await control.conversations();
  const botAgent = await control.agent('Parley Bot');
  expect(conv?.queue).toBe('open');
  expect((conv as unknown as { participants: Array<{ id: string; role: string }> }).participants).toContainEqual({ id: botAgent.id, role: 'ASSIGNED_AGENT' });

  await w.send('bye');
  await expect(w.agentMessage('Goodbye!')).toBeVisible();
  await expect(w.log.getByText(/ended/i)).toBeVisible();
  expect((await control.conversation(conv!.id)).stage).toBe('CLOSE');
  // Nothing lost, nothing twice, across both drops.
  for (const text of ['Hello bot', 'How are you?', 'bye']) await expect(w.mine(text)).toHaveCount(1);
  for (const text of ['You said: Hello bot', 'You said: How are you?', 'Goodbye!']) await expect(w.agentMessage(text)).toHaveCount(1);
  expect(readLog()).not.toMatch(/\[echo-bot\] (error|.* failed)/);
  expect(readLog()).toMatch(/socket closed[\s\S]*connected as/);
});
