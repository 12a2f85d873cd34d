// The agent console (/agent/) driven in Chromium while the test process plays the consumer over a
// real WebSocket (LivePerson's consumer Messaging Window API, v3) against the same stand-in.
import { expect, test, type Locator, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { signup } from '../server/testing/http';
import { Control, uniqueAccount } from './support/control';

type Json = Record<string, unknown>;
interface Frame { kind?: string; type?: string; reqId?: string; code?: number; body?: Json }
interface Change { originatorId?: string; sequence?: number; dialogId?: string; event?: Json }
interface Participant { id: string; role: string; state?: string }

/** A consumer on the wire: every frame it receives is kept, in order, for the test to look at. */
class Consumer {
  readonly frames: Frame[] = [];
  closeCode: number | undefined;
  private nextId = 1;
  private constructor(private readonly ws: WebSocket) {
    ws.once('close', (code) => (this.closeCode = code));
    ws.on('message', (data) => {
      try {
        this.frames.push(JSON.parse(String(data)) as Frame);
      } catch {
        this.frames.push({ kind: 'unparseable' });
      }
    });
  }

  static async connect(baseURL: string, account: string): Promise<Consumer> {
    const jwt = await signup(baseURL, account);
    const ws = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/ws_api/account/${account}/messaging/consumer?v=3`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const consumer = new Consumer(ws);
    await consumer.request('InitConnection', undefined, [
      { type: '.ams.headers.ClientProperties', deviceFamily: 'DESKTOP', os: 'LINUX', features: ['QUICK_REPLIES', 'MULTI_DIALOG'] },
      { type: '.ams.headers.ConsumerAuthentication', jwt },
    ]);
    return consumer;
  }

  async request(type: string, body?: unknown, headers?: unknown[]): Promise<Frame> {
    const id = String(this.nextId++);
    this.ws.send(JSON.stringify({ kind: 'req', id, type, ...(body === undefined ? {} : { body }), ...(headers ? { headers } : {}) }));
    const resp = await this.until(() => this.frames.find((f) => f.kind === 'resp' && f.reqId === id), `response to ${type}`);
    expect(resp.code, `${type}: ${JSON.stringify(resp.body)}`).toBe(200);
    return resp;
  }

  /** Waits (Playwright's expect timeout) for `find` to return something. */
  async until<T>(find: () => T | undefined, what: string): Promise<T> {
    let found: T | undefined;
    await expect.poll(() => (found = find()) !== undefined, { message: `consumer waits for ${what}` }).toBe(true);
    return found as T;
  }

  /** Messaging-event changes received so far, flattened. */
  changes(): Change[] {
    return this.frames
      .filter((f) => f.type === 'ms.MessagingEventNotification')
      .flatMap((f) => [f.body?.changes ?? []].flat() as Change[]);
  }

  /** The newest conversation snapshot received for `convId`. */
  snapshot(convId: string): Json | undefined {
    const upserts = this.frames
      .filter((f) => f.type === 'cqm.ExConversationChangeNotification')
      .flatMap((f) => [f.body?.changes ?? []].flat() as Array<{ type: string; result: { convId: string; conversationDetails: Json } }>)
      .filter((c) => c.type === 'UPSERT' && c.result.convId === convId);
    return upserts.at(-1)?.result.conversationDetails;
  }

  close(): void {
    this.ws.terminate();
  }
}

const mainParticipants = (details: Json | undefined): Participant[] =>
  ((details?.dialogs as Array<{ dialogType: string; participantsDetails: Participant[] }> | undefined) ?? [])
    .find((d) => d.dialogType === 'MAIN')?.participantsDetails ?? [];

const message = (page: Page, text: string): Locator =>
  page.getByRole('list', { name: 'Transcript' }).getByRole('listitem').filter({ hasText: text });

async function agentIds(baseURL: string, account: string): Promise<(nickname: string) => string> {
  const agents = await new Control(baseURL, account).agents();
  return (nickname) => agents.find((a) => a.nickname === nickname)?.id ?? `missing ${nickname}`;
}

/** A consumer that has opened a conversation, subscribed to it and written `text`. */
async function consumerWith(baseURL: string, account: string, text: string) {
  const consumer = await Consumer.connect(baseURL, account);
  await consumer.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'], stage: ['OPEN', 'CLOSE'] });
  const created = await consumer.request('cm.ConsumerRequestConversation', { channelType: 'MESSAGING', skillId: '-1' });
  const convId = String(created.body?.conversationId);
  await consumer.request('ms.SubscribeMessagingEvents', { dialogId: convId, conversationId: convId, fromSeq: 0 });
  const publish = async (event: Json) =>
    Number((await consumer.request('ms.PublishEvent', { dialogId: convId, conversationId: convId, event })).body?.sequence);
  const say = (message: string) => publish({ type: 'ContentEvent', contentType: 'text/plain', message });
  const firstSeq = await say(text);
  return { consumer, convId, publish, say, firstSeq };
}

/** The agent (by nickname) accepts the conversation shown in the console, and the console shows it assigned. */
async function acceptAs(page: Page, nickname: string): Promise<void> {
  await page.getByLabel('Agent', { exact: true }).selectOption({ label: nickname });
  await page.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(page.getByText(`Assigned to ${nickname}`, { exact: true })).toBeVisible();
}

const queueItem = (page: Page, queue: 'Waiting' | 'Open' | 'Closed', convId: string): Locator =>
  page.getByRole('list', { name: new RegExp(queue) }).getByRole('listitem').filter({ hasText: convId });

test('an agent works a conversation in the console while a consumer talks over the wire', async ({ page, baseURL }, testInfo) => {
  if (!baseURL) throw new Error('playwright.config.ts sets use.baseURL');
  const account = uniqueAccount('console');
  const idOf = await agentIds(baseURL, account);
  const dana = idOf('Dana');
  const sam = idOf('Sam');

  const { consumer, convId, publish, firstSeq: helloSeq } = await consumerWith(baseURL, account, 'Hi, my parcel is late');
  try {
    // The console lists it as waiting; the agent (Dana) accepts.
    await page.goto(`/agent/?account=${encodeURIComponent(account)}`);
    await queueItem(page, 'Waiting', convId).getByRole('button').click();
    await acceptAs(page, 'Dana');
    await expect(queueItem(page, 'Open', convId)).toBeVisible();
    await consumer.until(
      () => mainParticipants(consumer.snapshot(convId)).find((p) => p.id === dana && p.role === 'ASSIGNED_AGENT' && (p.state ?? 'ACTIVE') === 'ACTIVE'),
      'Dana as the ACTIVE ASSIGNED_AGENT',
    );

    // The consumer's message carries one V until the agent side acknowledges it.
    const helloReceipt = message(page, 'Hi, my parcel is late').locator('[data-receipt]');
    await expect(helloReceipt).toHaveAttribute('data-receipt', 'sent');
    await expect(message(page, 'Hi, my parcel is late').getByRole('img', { name: 'Sent' })).toBeVisible();

    // Typing: COMPOSING while typing, ACTIVE after a pause; then the message with quick replies.
    const chatStates = () => consumer.changes().filter((c) => c.originatorId === dana && c.event?.type === 'ChatStateEvent').map((c) => c.event?.chatState);
    const reply = page.getByRole('textbox', { name: 'Reply' });
    await reply.pressSequentially('Sorry to hear');
    await consumer.until(() => (chatStates()[0] === 'COMPOSING' ? true : undefined), 'COMPOSING from Dana');
    await consumer.until(() => (chatStates()[1] === 'ACTIVE' ? true : undefined), 'ACTIVE from Dana after a pause');
    await reply.pressSequentially(', let me check.');
    await page.getByLabel('Quick replies (comma-separated)').fill('Track it, Cancel order');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const agentText = 'Sorry to hear, let me check.';
    const sent = await consumer.until(
      () => consumer.changes().find((c) => c.originatorId === dana && c.event?.type === 'ContentEvent' && c.event.message === agentText),
      "Dana's message",
    );
    const replies = (sent.event?.quickReplies as { replies?: Array<{ title: string }> } | undefined)?.replies?.map((r) => r.title);
    expect(replies).toEqual(['Track it', 'Cancel order']);
    await expect(reply).toHaveValue('');
    await consumer.until(() => (chatStates().at(-1) === 'ACTIVE' && chatStates().length >= 4 ? true : undefined), 'COMPOSING, then ACTIVE on send');
    expect(chatStates()).toEqual(['COMPOSING', 'ACTIVE', 'COMPOSING', 'ACTIVE']);

    // The widget's receipts for the agent message show on it in the console: V, VV, orange VV.
    const agentReceipt = message(page, agentText).locator('[data-receipt]');
    await expect(agentReceipt).toHaveAttribute('data-receipt', 'sent');
    await publish({ type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: [Number(sent.sequence)] });
    await expect(agentReceipt).toHaveAttribute('data-receipt', 'delivered');
    await expect(message(page, agentText).getByRole('img', { name: 'Delivered' })).toBeVisible();
    await publish({ type: 'AcceptStatusEvent', status: 'READ', sequenceList: [Number(sent.sequence)] });
    await expect(agentReceipt).toHaveAttribute('data-receipt', 'read');

    // The agent acknowledges the consumer's message by hand; the consumer receives both receipts.
    const agentAcks = (status: string) =>
      consumer.changes().find((c) => c.originatorId === dana && c.event?.type === 'AcceptStatusEvent' && c.event.status === status
        && [c.event.sequenceList].flat().includes(helloSeq));
    await page.getByRole('button', { name: 'Mark delivered' }).click();
    await expect(helloReceipt).toHaveAttribute('data-receipt', 'delivered');
    await consumer.until(() => agentAcks('ACCEPT'), "Dana's ACCEPT of the consumer message");
    await page.getByRole('button', { name: 'Mark read' }).click();
    await expect(helloReceipt).toHaveAttribute('data-receipt', 'read');
    await expect(message(page, 'Hi, my parcel is late').getByRole('img', { name: 'Read' })).toHaveCSS('color', 'rgb(242, 140, 40)');
    await consumer.until(() => agentAcks('READ'), "Dana's READ of the consumer message");
    await expect(page.getByRole('button', { name: 'Mark read' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('console.png'), fullPage: true });

    // Transfer to Sam: SUGGESTED for the consumer until Sam accepts.
    await page.getByLabel('Transfer to').selectOption({ label: 'Sam' });
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await consumer.until(
      () => mainParticipants(consumer.snapshot(convId)).find((p) => p.id === sam && p.role === 'ASSIGNED_AGENT' && p.state === 'SUGGESTED'),
      'Sam SUGGESTED as the ASSIGNED_AGENT',
    );
    await expect(page.getByText('Suggested to Sam', { exact: true })).toBeVisible();
    await acceptAs(page, 'Sam');
    await consumer.until(
      () => mainParticipants(consumer.snapshot(convId)).find((p) => p.id === sam && p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE'),
      'Sam ACTIVE after accepting',
    );

    // Close: the console files it under closed, the consumer sees stage CLOSE.
    await page.getByRole('button', { name: 'Close conversation' }).click();
    await expect(queueItem(page, 'Closed', convId)).toBeVisible();
    await consumer.until(() => (consumer.snapshot(convId)?.stage === 'CLOSE' ? true : undefined), 'stage CLOSE');
    expect(consumer.snapshot(convId)).toMatchObject({ state: 'CLOSE', stage: 'CLOSE', closeReason: 'AGENT' });
    await expect(page.getByRole('textbox', { name: 'Reply' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('console-closed.png'), fullPage: true });

    // Faults: expiring every token closes the anonymous consumer's socket with 4407.
    await page.getByRole('button', { name: 'Expire tokens' }).click();
    expect(await consumer.until(() => consumer.closeCode, 'the socket to close for the expired token')).toBe(4407);
  } finally {
    consumer.close();
  }
});

test('automatic receipts, a manager, back to queue, transfer to a skill, the survey and a dropped socket', async ({ page, baseURL }, testInfo) => {
  if (!baseURL) throw new Error('playwright.config.ts sets use.baseURL');
  const account = uniqueAccount('console');
  const idOf = await agentIds(baseURL, account);
  const { consumer, convId, say } = await consumerWith(baseURL, account, 'I need help with my bill');
  try {
    await page.goto(`/agent/?account=${encodeURIComponent(account)}`);
    const auto = page.getByRole('checkbox', { name: 'Mark messages read automatically' });
    // The box shows the stand-in's stored setting, so it turns checked after the PUT returns.
    await auto.click();
    await expect(auto).toBeChecked();
    await page.reload();
    await expect(auto).toBeChecked(); // stored by the stand-in, not only in the page
    await queueItem(page, 'Waiting', convId).getByRole('button').click();
    await acceptAs(page, 'Dana');
    const seq = await say('Are you there?');
    await expect(message(page, 'Are you there?').locator('[data-receipt]')).toHaveAttribute('data-receipt', 'read');
    await consumer.until(
      () => consumer.changes().find((c) => c.originatorId === idOf('Dana') && c.event?.status === 'READ' && [c.event.sequenceList].flat().includes(seq)),
      'an automatic READ from Dana',
    );

    const participants = () => mainParticipants(consumer.snapshot(convId));
    await page.getByRole('button', { name: 'Add manager' }).click();
    await consumer.until(() => participants().find((p) => p.id === idOf('Morgan') && p.role === 'MANAGER'), 'Morgan as MANAGER');

    await page.getByRole('button', { name: 'Back to queue' }).click();
    await expect(queueItem(page, 'Waiting', convId)).toBeVisible();
    await consumer.until(() => (participants().some((p) => p.role === 'ASSIGNED_AGENT') ? undefined : true), 'no ASSIGNED_AGENT after back to queue');

    await acceptAs(page, 'Sam');
    await expect(queueItem(page, 'Open', convId)).toBeVisible();
    await page.getByLabel('Transfer to').selectOption({ label: 'A skill (back to the queue)' });
    await page.getByLabel('Skill id').fill('billing');
    await page.getByRole('button', { name: 'Transfer', exact: true }).click();
    await expect(queueItem(page, 'Waiting', convId)).toBeVisible();
    await consumer.until(() => (consumer.snapshot(convId)?.skillId === 'billing' ? true : undefined), 'skill billing');
    expect(participants().some((p) => p.role === 'ASSIGNED_AGENT')).toBe(false);

    await acceptAs(page, 'Dana');
    await page.getByRole('button', { name: 'Close with survey' }).click();
    await consumer.until(() => {
      const dialogs = (consumer.snapshot(convId)?.dialogs ?? []) as Array<{ dialogType: string; state: string }>;
      return dialogs.some((d) => d.dialogType === 'POST_SURVEY' && d.state === 'OPEN') ? true : undefined;
    }, 'an open POST_SURVEY dialog');
    expect(consumer.snapshot(convId)).toMatchObject({ state: 'CLOSE', stage: 'OPEN' });
    await expect(page.getByRole('heading', { name: 'Post-conversation survey' })).toBeVisible();
    await expect(message(page, 'How would you rate')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Close conversation' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('console-survey.png'), fullPage: true });

    await page.getByLabel('Close code (optional)').fill('1012');
    await page.getByRole('button', { name: 'Drop all sockets' }).click();
    expect(await consumer.until(() => consumer.closeCode, 'the socket to be dropped')).toBe(1012);
    await expect(page.getByRole('status').filter({ hasText: 'All sockets dropped.' })).toBeVisible();
  } finally {
    consumer.close();
  }
});

test('the Faults panel silences every socket: the console says how many, and a second press finds none left', async ({ page, baseURL }) => {
  if (!baseURL) throw new Error('playwright.config.ts sets use.baseURL');
  const account = uniqueAccount('console');
  const { consumer } = await consumerWith(baseURL, account, 'Is anyone there?');
  try {
    await page.goto(`/agent/?account=${account}`);
    await page.getByRole('button', { name: 'Silence sockets' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^\d+ sockets? silenced: never answered or closed/ })).toBeVisible();
    await page.getByRole('button', { name: 'Silence sockets' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'No socket left to silence.' })).toBeVisible();
    expect(consumer.closeCode).toBeUndefined(); // silenced, not closed
  } finally {
    consumer.close();
  }
});
