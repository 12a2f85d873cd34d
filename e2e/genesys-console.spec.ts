// The Genesys agent console (/agent/genesys.html), a real GWS client in Chromium (Basic sign-in,
// JSESSIONID, CSRF, /v2/me/chats over the cometd client), while the test process plays a GMS
// visitor with the real cometd client over CometD against the same stand-in.
import { expect, test, type Page } from '@playwright/test';
import { disconnect, gmsVisitor, releaseWindow, type GmsVisitor } from '../server/testing/genesys';

type Msg = { index: number; type: string; text?: string; from: { nickname: string; type: string } };
const messagesOf = (d: Record<string, unknown>) => (d.messages ?? []) as Msg[];
const received = (v: GmsVisitor, pred: (m: Msg) => boolean) => v.deliveries.waitFor((d) => messagesOf(d).some(pred), 'a visitor delivery', 10_000);

let visitor: GmsVisitor | undefined;
test.afterEach(async ({ request }) => {
  if (visitor) await disconnect(visitor.cometd);
  visitor = undefined;
  await request.delete('/agent/api/genesys/faults');
});

// adapt() gave this worker a global window for the cometd client: the next spec files must not see it.
test.afterAll(releaseWindow);

async function signIn(page: Page, agent = 'dana') {
  await page.goto('/agent/genesys.html');
  await page.getByLabel('Agent').selectOption(agent);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
}

test('a Genesys chat end to end: offer, accept, typing and messages both ways, agents-only notes, a Bayeux restart, complete', async ({ page, baseURL }) => {
  await signIn(page);
  visitor = await gmsVisitor(baseURL as string, 'customer-support', { resync: true });
  const name = `Vera <img src=x onerror="window.__xss=1"> ${Date.now()}`;
  await visitor.op('requestChat', { nickname: name, subject: 'Billing' });
  const chat = page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: new RegExp(`Vera.*${name.split(' ').pop()}`) });
  await expect(chat).toContainText('Ringing');
  await chat.click();
  await expect(page.getByRole('heading', { name: /Chat with Vera/ })).toContainText(name);
  await expect(page.getByText('Accept the chat to reply.')).toBeVisible();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(chat).toContainText('Chatting');
  expect(messagesOf(await received(visitor, (m) => m.type === 'ParticipantJoined' && m.from.type === 'Agent'))[0]?.from.nickname).toBe('Dana');

  // The visitor types and writes; the console shows it from /v2/me/chats.
  await visitor.op('startTyping', { message: 'Hel' });
  await expect(page.getByRole('status').filter({ hasText: 'is typing…' })).toBeVisible();
  await visitor.op('sendMessage', { message: 'Hello from Vera' });
  const transcript = page.getByRole('list', { name: 'Transcript' });
  await expect(transcript.getByText('Hello from Vera')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'is typing…' })).toHaveCount(0);

  // The agent types and replies.
  await page.getByLabel('Reply').fill('Hi Vera, how can I help?');
  await received(visitor, (m) => m.type === 'TypingStarted' && m.from.type === 'Agent');
  await page.getByRole('button', { name: 'Send' }).click();
  await received(visitor, (m) => m.type === 'Message' && m.text === 'Hi Vera, how can I help?');
  await received(visitor, (m) => m.type === 'TypingStopped' && m.from.type === 'Agent');
  await expect(transcript.getByText('Hi Vera, how can I help?')).toBeVisible();

  // An agents-only note is shown as such and never reaches the visitor.
  await page.getByLabel('Agents only').check();
  await page.getByLabel('Reply').fill('internal: check the invoice');
  await page.getByRole('button', { name: 'Send' }).click();
  const note = transcript.getByRole('listitem').filter({ hasText: 'internal: check the invoice' });
  await expect(note).toContainText('agents only');
  await page.getByLabel('Agents only').uncheck();

  // A Bayeux restart: both sides re-handshake. The visitor writes as soon as it is back, maybe
  // before the console is: the console's resync (GWS reads) or its topic shows it, once.
  await page.getByRole('button', { name: 'Restart Bayeux' }).click();
  await expect(page.getByText('Bayeux servers restarted.')).toBeVisible();
  const v = visitor;
  await expect.poll(() => v.handshakes.filter((m) => m.successful && m.reestablish).length, { timeout: 15_000 }).toBe(1);
  expect((await visitor.op('sendMessage', { message: 'During the restart' })).successful).toBe(true);
  await expect(transcript.getByText('During the restart')).toBeVisible({ timeout: 15_000 });
  await page.getByLabel('Reply').fill('Back after the restart');
  await page.getByRole('button', { name: 'Send' }).click();
  await received(visitor, (m) => m.text === 'Back after the restart');
  await expect(transcript.getByText('During the restart')).toHaveCount(1);
  expect(JSON.stringify(visitor.deliveries.items)).not.toContain('check the invoice');

  await page.getByRole('button', { name: 'Complete' }).click();
  await visitor.deliveries.waitFor((d) => d.chatEnded === true, 'chatEnded', 10_000);
  await expect(chat).toContainText('Completed');
  await expect(page.getByText('This chat is over for you.')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('the console faults (dropped long poll, delay) lose nothing, and Leave hands the chat back', async ({ page, baseURL }) => {
  await signIn(page, 'sam');
  visitor = await gmsVisitor(baseURL as string, 'customer-support', { resync: true });
  const name = `Leo ${Date.now()}`;
  await visitor.op('requestChat', { nickname: name });
  const chat = page.getByRole('navigation', { name: 'Chats' }).getByRole('button', { name: new RegExp(name) });
  await chat.click();
  await page.getByRole('button', { name: 'Accept' }).click();
  await expect(chat).toContainText('Chatting');
  const transcript = page.getByRole('list', { name: 'Transcript' });

  await page.getByRole('button', { name: 'Drop long poll' }).click();
  await expect(page.getByText('Long polls dropped.')).toBeVisible();
  await visitor.op('sendMessage', { message: 'after the drop' });
  await expect(transcript.getByText('after the drop')).toBeVisible();

  await page.getByLabel('Delivery delay (ms)').fill('800');
  await page.getByRole('button', { name: 'Set delay' }).click();
  await expect(page.getByText('Deliveries delayed by 800 ms.')).toBeVisible();
  const t0 = Date.now();
  await visitor.op('sendMessage', { message: 'slow one' });
  await expect(transcript.getByText('slow one')).toBeVisible();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(700);
  await page.getByLabel('Delivery delay (ms)').fill('0');
  await page.getByRole('button', { name: 'Set delay' }).click();
  await expect(page.getByText('Deliveries delayed by 0 ms.')).toBeVisible();

  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(chat).toContainText('Completed');
  await received(visitor, (m) => m.type === 'ParticipantLeft' && m.from.type === 'Agent');
  expect(visitor.deliveries.items.some((d) => d.chatEnded === true)).toBe(false);
});

test('a wrong password is refused with a clear error', async ({ page }) => {
  await page.goto('/agent/genesys.html');
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Sign-in failed: 401');
});
