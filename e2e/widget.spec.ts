// The consumer widget end to end: Chromium, the built demo page, the stand-in over real sockets,
// the agent played through the stand-in's control API.
import { expect, test } from './support/fixtures';
import { consumerAcks, visitorTexts, type ConversationDetail } from './support/control';

const contentSequences = (c: ConversationDetail) =>
  (c.transcript[c.id] ?? [])
    .filter((e) => e.event.type === 'ContentEvent' && (e.audience ?? 'ALL') === 'ALL')
    .map((e) => e.sequence);

test('the tutorial flows: create, agent joins, receipts both ways, agent closes', async ({ page, control, widget: w }, testInfo) => {
  const { waiting, dana } = await test.step('the first message creates the conversation: pending, then sent (V)', async () => {
    await w.goto(control.account);
    await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');
    await w.open();
    await expect(w.composer).toBeFocused();

    // The first message creates the conversation; the bubble goes pending → sent (V).
    await w.send('Hello, I need help with my order');
    await expect(w.mine('Hello, I need help with my order')).toHaveCount(1);
    await expect(w.receiptOf('Hello, I need help with my order')).toHaveAttribute('data-receipt', 'sent');
    await expect(w.receiptOf('Hello, I need help with my order')).toHaveAccessibleName('Sent');

    const waiting = await control.onlyConversation();
    expect(waiting.queue).toBe('waiting');
    const dana = await control.agent('Dana');
    return { waiting, dana };
  });

  const agentSeq = await test.step('the agent accepts (the join banner), types and answers', async () => {
    await control.accept(waiting.id, dana.id);
    await expect(w.log.getByText(/Dana joined/)).toBeVisible();

    // Typing, then a message: the indicator shows and clears.
    await control.typing(waiting.id, dana.id, 'COMPOSING');
    await expect(w.dialog.getByText('Dana is typing…')).toBeVisible();
    const { sequence: agentSeq } = await control.say(waiting.id, dana.id, 'Hi! I am Dana, how can I help?');
    await expect(w.agentMessage('Hi! I am Dana, how can I help?')).toBeVisible();
    await expect(w.dialog.getByText('Dana is typing…')).toBeHidden();
    return agentSeq;
  });

  await test.step('the widget acknowledges the agent message ACCEPT then READ, once each', async () => {
    await expect
      .poll(async () => consumerAcks(await control.conversation(waiting.id)).get(agentSeq!) ?? [])
      .toEqual(['ACCEPT', 'READ']);
  });

  await test.step('the visitor message: VV once the agent device accepts it, orange once read', async () => {
    const mySeq = Number(await w.mine('Hello, I need help with my order').getAttribute('data-sequence'));
    expect(Number.isInteger(mySeq)).toBe(true);
    await control.receipt(waiting.id, dana.id, 'ACCEPT', [mySeq]);
    await expect(w.receiptOf('Hello, I need help with my order')).toHaveAttribute('data-receipt', 'delivered');
    await expect(w.receiptOf('Hello, I need help with my order')).toHaveAccessibleName('Delivered');
    await control.receipt(waiting.id, dana.id, 'READ', [mySeq]);
    await expect(w.receiptOf('Hello, I need help with my order')).toHaveAttribute('data-receipt', 'read');
    await expect(w.receiptOf('Hello, I need help with my order')).toHaveAccessibleName('Read');

    await page.screenshot({ path: testInfo.outputPath('open-conversation.png') });
    await testInfo.attach('open-conversation', { path: testInfo.outputPath('open-conversation.png'), contentType: 'image/png' });
  });

  await test.step('the agent closes the conversation', async () => {
    await control.close(waiting.id);
    await expect(w.log.getByText(/ended/i)).toBeVisible();
    expect((await control.conversation(waiting.id)).stage).toBe('CLOSE');
  });
});

test('the visitor ends the conversation after confirming', async ({ control, widget: w, chat }) => {
  const c = await chat.visitorStarts('Just a quick question');
  await w.dialog.getByRole('button', { name: 'End conversation' }).click();
  await w.dialog.getByRole('button', { name: 'End', exact: true }).click();
  await expect.poll(async () => (await control.conversation(c.id)).stage).toBe('CLOSE');
  await expect(w.log.getByText(/ended/i)).toBeVisible();
});

test('a reload rebuilds the same conversation from the server', async ({ page, control, widget: w, chat }) => {
  await chat.visitorStarts('first');
  const { conversation: c, agent: dana } = await control.acceptOnly('Dana');
  await control.say(c.id, dana.id, 'agent one');
  await w.send('second');
  await control.say(c.id, dana.id, 'agent two');
  await expect(w.agentMessage('agent two')).toBeVisible();
  await expect(w.receiptOf('second')).toHaveAttribute('data-receipt', 'sent');
  const before = await w.sequencedRows();

  await page.reload();
  await w.open();
  await expect(w.agentMessage('agent two')).toBeVisible();
  await expect(w.log.getByText(/Dana joined/)).toBeVisible();
  expect(await w.sequencedRows()).toEqual(before);
  expect((await w.sequencedRows()).map((r) => r.sequence)).toEqual(contentSequences(await control.conversation(c.id)));
});

test('every socket dropped mid-conversation: rebuilt with no duplicates and no gaps', async ({ control, widget: w, chat }) => {
  const { conversation: c, agent: dana } = await chat.danaAnswers('before the drop', 'agent before');

  for (let round = 0; round < 3; round++) {
    await control.dropSockets();
    // While the widget reconnects, the agent keeps talking and the visitor keeps typing.
    await control.say(c.id, dana.id, `agent during drop ${round}`);
    await w.send(`visitor during drop ${round}`);
  }
  await expect(w.agentMessage('agent during drop 2')).toBeVisible();
  for (let round = 0; round < 3; round++) {
    await expect(w.receiptOf(`visitor during drop ${round}`)).toHaveAttribute('data-receipt', 'sent');
    await expect(w.mine(`visitor during drop ${round}`)).toHaveCount(1);
  }
  await expect(w.dialog.getByRole('status').filter({ hasText: 'Reconnecting…' })).toHaveCount(0);
  const rows = await w.sequencedRows();
  const sequences = rows.map((r) => r.sequence);
  expect(new Set(sequences).size).toBe(sequences.length);
  expect(sequences).toEqual(contentSequences(await control.conversation(c.id)));
  // Every visitor message is stored exactly once on the server.
  expect(visitorTexts(await control.conversation(c.id))).toEqual([
    'before the drop',
    'visitor during drop 0',
    'visitor during drop 1',
    'visitor during drop 2',
  ]);
});
