// The widget's main flows in Chromium with everything real LivePerson sends switched on at the
// stand-in (server/state/variants.ts): participantsPId instead of participants, closed conversations
// ageing out of the stream with a DELETE, the other response type names, and notifications before
// their responses. Create, the join banner, ticks both ways, a reload, dropped sockets, and the
// close; every frame each way checked against LivePerson's schemas.
import type { Settings } from '../server/control-client';
import { expect, test } from './support/fixtures';
import { consumerAcks, visitorTexts } from './support/control';
import { schemaTap } from './support/schema-tap';

type Change = { type: string; result: { convId: string; conversationDetails: { participants?: unknown; participantsPId?: Record<string, string[]>; stage?: string } } };

const REAL_LIVEPERSON: Partial<Settings> = {
  participantsFormat: 'participantsPId',
  closedRetentionMs: 3_000,
  responseTypes: 'variants',
  notificationsFirst: true,
};

test('create, join, ticks, reload, drop and close against what real LivePerson sends', async ({ page, control, widget: w }) => {
  const tap = schemaTap(page);
  await control.settings(REAL_LIVEPERSON);

  const { c, dana } = await test.step('the first message creates the conversation (V)', async () => {
    await w.goto(control.account, '&open=1');
    await w.send('Hello from the real world');
    await expect(w.receiptOf('Hello from the real world')).toHaveAttribute('data-receipt', 'sent');
    return { c: await control.onlyConversation(), dana: await control.agent('Dana') };
  });

  const agentSeq = await test.step('the agent joins (banner) and answers', async () => {
    await control.accept(c.id, dana.id);
    await expect(w.log.getByText(/Dana joined/)).toBeVisible();
    const { sequence } = await control.say(c.id, dana.id, 'Hi, Dana here');
    await expect(w.agentMessage('Hi, Dana here')).toBeVisible();
    return sequence;
  });

  await test.step('ticks: the widget sends ACCEPT then READ; the visitor message goes VV, then orange', async () => {
    await expect.poll(async () => consumerAcks(await control.conversation(c.id)).get(agentSeq!) ?? []).toEqual(['ACCEPT', 'READ']);
    const mySeq = Number(await w.mine('Hello from the real world').getAttribute('data-sequence'));
    await control.receipt(c.id, dana.id, 'ACCEPT', [mySeq]);
    await expect(w.receiptOf('Hello from the real world')).toHaveAttribute('data-receipt', 'delivered');
    await control.receipt(c.id, dana.id, 'READ', [mySeq]);
    await expect(w.receiptOf('Hello from the real world')).toHaveAttribute('data-receipt', 'read');
  });

  await test.step('a reload rebuilds the same conversation', async () => {
    const before = await w.sequencedRows();
    await page.reload();
    await w.open();
    await expect(w.agentMessage('Hi, Dana here')).toBeVisible();
    await expect(w.log.getByText(/Dana joined/)).toBeVisible();
    expect(await w.sequencedRows()).toEqual(before);
    await expect(w.receiptOf('Hello from the real world')).toHaveAttribute('data-receipt', 'read');
  });

  await test.step('dropped sockets lose nothing and double nothing', async () => {
    await control.dropSockets();
    await control.say(c.id, dana.id, 'said during the drop');
    await w.send('typed during the drop');
    await expect(w.agentMessage('said during the drop')).toBeVisible();
    await expect(w.receiptOf('typed during the drop')).toHaveAttribute('data-receipt', 'sent');
    await expect(w.mine('typed during the drop')).toHaveCount(1);
    expect(visitorTexts(await control.conversation(c.id))).toEqual(['Hello from the real world', 'typed during the drop']);
  });

  await test.step('the agent closes; once the closed conversation ages out, the visitor starts anew', async () => {
    await control.close(c.id);
    await expect(w.log.getByText(/ended/i)).toBeVisible();
    await expect(w.composer).toBeEditable();
    // The DELETE (aged out of the stream) takes the closed conversation away; nothing breaks.
    await expect(w.agentMessage('Hi, Dana here')).toHaveCount(0, { timeout: 8_000 });
    await w.send('a new question');
    await expect(w.receiptOf('a new question')).toHaveAttribute('data-receipt', 'sent');
    const next = (await control.conversations()).find((x) => x.id !== c.id);
    expect(next?.stage).toBe('OPEN');
    expect(visitorTexts(await control.conversation(next!.id))).toEqual(['a new question']);

    // The visitor ends this one: its response comes as "StringResponse".
    await w.dialog.getByRole('button', { name: 'End conversation' }).click();
    await w.dialog.getByRole('button', { name: 'End', exact: true }).click();
    await expect.poll(async () => (await control.conversation(next!.id)).stage).toBe('CLOSE');
    await expect(w.log.getByText(/You ended the conversation/)).toBeVisible();
  });

  // Proof that the settings were on: what the widget received.
  const changes = tap.received.filter((f) => f.type === 'cqm.ExConversationChangeNotification').flatMap((f) => (f.body as { changes: Change[] }).changes);
  const mine = changes.filter((x) => x.result.convId === c.id);
  expect(mine.some((x) => x.type === 'UPSERT' && x.result.conversationDetails.participantsPId?.ASSIGNED_AGENT?.includes(dana.id))).toBe(true);
  expect(mine.every((x) => x.result.conversationDetails.participants === undefined)).toBe(true);
  expect(mine.some((x) => x.type === 'DELETE' && x.result.conversationDetails.stage === 'CLOSE')).toBe(true); // aged out
  const created = tap.received.findIndex((f) => f.type === 'cm.RequestConversationResponse');
  const firstUpsert = tap.received.findIndex((f) => f.type === 'cqm.ExConversationChangeNotification' && JSON.stringify(f.body).includes(c.id));
  expect(firstUpsert).toBeGreaterThanOrEqual(0);
  expect(firstUpsert).toBeLessThan(created); // the notification before its response
  expect(tap.responseTypes).toContain('StringResponse'); // the visitor's own close (cm.UpdateConversationField)
  expect(tap.responseTypes).toContain('.ams.GenericSubscribeResponse');
  expect(tap.responseTypes).toContain('GetClockResponse');
  expect(tap.counts.received).toBeGreaterThan(20);
  expect(tap.errors).toEqual([]);
});
