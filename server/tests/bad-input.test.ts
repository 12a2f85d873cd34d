// Bad input from the network: clear errors or close codes, never a crash, other sockets unaffected.
import { describe, expect, it } from 'vitest';
import type { Response } from '../../src/liveperson/wire';
import { standInForTests, openConversation } from '../testing/harness';

const h = standInForTests({ maxFrameBytes: 4096 });
const respTo = (id: string) => (f: { kind: string }) => f.kind === 'resp' && (f as Response).reqId === id;

describe('bad input', () => {
  it('answers malformed JSON, non-objects, missing ids/types and unknown types with 400 and keeps the socket', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    client.sendRaw('{not json');
    client.sendRaw('[1,2]');
    client.sendRaw('{"type":"GetClock"}');
    client.sendRaw('{"kind":"req","id":"a"}');
    client.sendRaw('{"kind":"notification","id":"b","type":"GetClock"}');
    client.sendRaw('{"kind":"req","id":"c","type":"cm.NoSuchThing"}');
    await client.waitFor(respTo('c'));
    const resps = client.frames.filter((f): f is Response => f.kind === 'resp' && f.reqId !== 'init');
    expect(resps.map((r) => [r.reqId, r.code])).toEqual([['unknown', 400], ['unknown', 400], ['unknown', 400], ['a', 400], ['b', 400], ['c', 400]]);
    expect(resps.every((r) => r.type === '.ReqBody$StringResp' && typeof r.body === 'string' && r.body.length <= 128)).toBe(true);
    expect(resps[5]?.body).toContain('cm.NoSuchThing');
    expect((await client.request('GetClock')).code).toBe(200);
  });

  it('answers wrong field types with 400 naming the field', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    const conv = await openConversation(client);
    const cases: Array<[string, unknown, string]> = [
      ['ms.PublishEvent', { dialogId: 5, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'x' } }, 'dialogId'],
      ['ms.PublishEvent', { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: 7 } }, 'event.message'],
      ['ms.PublishEvent', { dialogId: conv, event: { type: 'AcceptStatusEvent', status: 'SEEN', sequenceList: [0] } }, 'event.status'],
      ['ms.PublishEvent', { dialogId: conv, event: 'hello' }, 'event'],
      ['ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 'zero' }, 'fromSeq'],
      ['cqm.SubscribeExConversations', { convState: ['MAYBE'] }, 'convState'],
      ['cm.UpdateConversationField', { conversationId: conv, conversationField: { field: 'TTRField', ttrType: 'SOON' } }, 'ttrType'],
      ['cm.UpdateConversationField', { conversationId: conv, conversationField: { field: 'Nope' } }, 'Nope'],
    ];
    for (const [i, [type, body, field]] of cases.entries()) {
      client.sendRaw(JSON.stringify({ kind: 'req', id: `w${i}`, type, body }));
      const r = (await client.waitFor(respTo(`w${i}`))) as Response;
      expect(r.code, `${type} ${JSON.stringify(body)}`).toBe(400);
      expect(String(r.body)).toContain(field);
    }
    const detail = await h.control(account).conversation(conv);
    expect(detail.body.stage).toBe('OPEN');
  });

  it('closes 1009 on a frame over maxFrameBytes and 1003 on binary frames; other sockets carry on', async () => {
    const account = h.account();
    const bystander = await h.consumer(account);
    const big = await h.consumer(account);
    big.client.sendRaw(JSON.stringify({ kind: 'req', id: 'big', type: 'GetClock', body: 'x'.repeat(5000) }));
    expect((await big.client.closed).code).toBe(1009);
    const bin = await h.consumer(account);
    bin.client.sendRaw(Buffer.from([1, 2, 3]), true);
    expect((await bin.client.closed).code).toBe(1003);
    expect((await bystander.client.request('GetClock')).code).toBe(200);
  });

  it('accepts numeric ids, frames without kind, and single-element arrays sent unwrapped', async () => {
    const account = h.account();
    const { client } = await h.consumer(account);
    client.send({ id: 7, type: 'cqm.SubscribeExConversations', body: { convState: 'OPEN', stage: 'OPEN' } });
    expect(await client.waitFor(respTo('7'))).toMatchObject({ code: 200 });
    const conv = await openConversation(client);
    const pub = await client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'one' } }, { id: 8 });
    expect(pub).toMatchObject({ reqId: '8', code: 200, body: { sequence: 0 } });
    const receipt = await client.request('ms.PublishEvent', { dialogId: conv, event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: 0 } });
    expect(receipt.code).toBe(200);
    const close = await client.request('cm.UpdateConversationField', { conversationId: conv, conversationField: { field: 'ConversationStateField', conversationState: 'CLOSE' } });
    expect(close).toMatchObject({ code: 200, body: 'OK Conversation resolved successfully' });
  });
});
