// cm.UpdateConversationField with several fields: the whole list is checked against the state the
// earlier fields will leave before anything is applied, so a refused request changes nothing.
import { describe, expect, it } from 'vitest';
import type { ConversationDetails, ExConversationChangeNotificationBody, Notification } from '../../src/liveperson/wire';
import type { TestClient } from '../testing/client';
import { standInForTests, openConversation } from '../testing/harness';

const h = standInForTests();
type ExNote = Notification<ExConversationChangeNotificationBody>;

const CLOSE = { field: 'ConversationStateField', conversationState: 'CLOSE' };
const STAGE_CLOSE = { field: 'Stage', conversationState: 'CLOSE' };
const TTR = { field: 'TTRField', ttrType: 'URGENT', value: 300 };
const CSAT = { field: 'CSATRate', csatRate: 4, csatResolutionConfirmation: true, status: 'FILLED' };
const closeDialog = (dialogId: string) => ({ field: 'DialogChange', type: 'UPDATE', dialog: { dialogId, state: 'CLOSE', closedCause: 'Closed by consumer' } });

async function setup() {
  const account = h.account();
  const { client } = await h.consumer(account);
  await client.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'] });
  const conv = await openConversation(client);
  return { client, conv, control: h.control(account) };
}

/** Sends the update; resolves with its response and the conversation snapshots it caused. */
async function update(client: TestClient, conversationId: string, conversationField: unknown) {
  const since = client.mark();
  client.sendRaw(JSON.stringify({ kind: 'req', id: 'u', type: 'cm.UpdateConversationField', body: { conversationId, conversationField } }));
  const resp = await client.waitFor((f) => f.kind === 'resp' && f.reqId === 'u', { since });
  await client.request('GetClock'); // everything the update caused has arrived before this answer
  const snapshots = client
    .notifications('cqm.ExConversationChangeNotification', since)
    .flatMap((n) => (n as ExNote).body.changes.map((c) => c.result.conversationDetails as ConversationDetails));
  return { resp, snapshots };
}

describe('cm.UpdateConversationField lists', () => {
  it('refuses an empty list and duplicate fields with 400, changing nothing', async () => {
    const { client, conv, control } = await setup();
    for (const fields of [[], [CLOSE, CLOSE], [TTR, TTR], [CLOSE, STAGE_CLOSE, CLOSE]]) {
      const { resp, snapshots } = await update(client, conv, fields);
      expect(resp, JSON.stringify(fields)).toMatchObject({ code: 400 });
      expect(snapshots).toEqual([]);
    }
    expect((await control.conversation(conv)).body).toMatchObject({ state: 'OPEN', stage: 'OPEN' });
  });

  it('refuses a field that the earlier ones make impossible (409) before applying any', async () => {
    const { client, conv, control } = await setup();
    for (const fields of [[CLOSE, TTR], [STAGE_CLOSE, closeDialog(conv)], [closeDialog(conv), CLOSE], [CSAT, CLOSE, STAGE_CLOSE]]) {
      const { resp, snapshots } = await update(client, conv, fields);
      expect(resp, JSON.stringify(fields)).toMatchObject({ code: 409 });
      expect(snapshots).toEqual([]);
    }
    const detail = (await control.conversation(conv)).body;
    expect(detail).toMatchObject({ state: 'OPEN', stage: 'OPEN' });
    expect(detail.ttr).toMatchObject({ ttrType: 'PRIORITIZED' });
  });

  it('applies a valid list in order; the response is the last field\'s', async () => {
    const { client, conv } = await setup();
    const { resp, snapshots } = await update(client, conv, [TTR, CLOSE, CSAT]);
    expect(resp).toMatchObject({ code: 200, body: 'OK CSAT rate updated successfully' });
    expect(snapshots.at(-1)).toMatchObject({ stage: 'CLOSE', ttr: { ttrType: 'URGENT' }, csat: { csatRate: 4 } });
    expect((await update(client, conv, [CLOSE])).resp).toMatchObject({ code: 409 });
  });
});
