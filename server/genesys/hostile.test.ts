// Hostile input on the Genesys side: malformed Bayeux requests (raw HTTP), unknown operations,
// missing and wrong fields and huge payloads (the real `cometd` client). Each gets an error reply
// and a log line; nothing crashes and a conversation running next to them is untouched.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call } from '../testing/http';
import { standInForTests } from '../testing/harness';
import { disconnect, gmsVisitor, gwsAgent, gwsLogin, publish, type GmsVisitor, type GwsAgentClient } from '../testing/genesys';

const h = standInForTests();
const open: Array<GmsVisitor | GwsAgentClient> = [];

afterEach(async () => {
  for (const c of open.splice(0)) await disconnect(c.cometd);
  vi.restoreAllMocks();
});

type Msg = { index: number; type: string; text?: string };
const messagesOf = (d: Record<string, unknown>) => (d.messages ?? []) as Msg[];

async function raw(path: string, body: string, method = 'POST') {
  const r = await fetch(`${h.url}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : body });
  return { status: r.status, text: await r.text() };
}

/** A live conversation (visitor + Dana) that every hostile test checks afterwards. */
async function bystanders() {
  const dana = await gwsAgent(h.url, 'dana');
  const v = await gmsVisitor(h.url);
  open.push(dana, v);
  await v.op('requestChat', { nickname: 'Bystander' });
  const { chatId } = await v.deliveries.waitFor<{ chatId: string }>((d) => typeof d.chatId === 'string');
  await dana.notifications.waitFor((n) => (n.chat as { id?: string } | undefined)?.id === chatId);
  await dana.op(chatId, 'Accept');
  return {
    async stillWorks() {
      await v.op('sendMessage', { message: 'still here' });
      await dana.notifications.waitFor((n) => ((n.messages ?? []) as Msg[]).some((m) => m.text === 'still here'), 'the bystander message');
      await dana.op(chatId, 'SendMessage', { text: 'me too' });
      await v.deliveries.waitFor((d) => messagesOf(d).some((m) => m.text === 'me too'), 'the agent reply');
      const [chat] = (await call<Array<{ id: string; transcript: Msg[] }>>(`${h.url}/agent/api/genesys/chats`)).body.filter((c) => c.id === chatId);
      expect(chat?.transcript.map((m) => m.type)).toEqual(['ParticipantJoined', 'ParticipantJoined', 'Message', 'Message']);
    },
  };
}

describe('hostile input on the Genesys side', () => {
  it('malformed Bayeux requests get a 400 with an error and a log line', async () => {
    const b = await bystanders();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const deep = '['.repeat(200) + ']'.repeat(200);
    for (const body of ['not json', '[]', '[1,2]', '[{"channel":5}]', '{}', '[{"channel":"/meta/connect","clientId":7}]', `[{"channel":"/x","data":${deep}}]`, JSON.stringify(Array(101).fill({ channel: '/meta/connect' }))]) {
      const r = await raw('/genesys/cometd/connect', body);
      expect(r.status, body.slice(0, 40)).toBe(400);
      expect(JSON.parse(r.text)).toEqual([{ successful: false, error: expect.stringMatching(/^400::message_malformed: /) }]);
    }
    expect((await raw('/genesys/cometd', '', 'GET')).status).toBe(400);
    expect((await raw('/api/v2/notifications/handshake', '{"channel":')).status).toBe(400);
    expect(warn.mock.calls.filter(([m]) => String(m).startsWith('stand-in genesys:')).length).toBeGreaterThanOrEqual(10);
    await b.stillWorks();
  });

  it('a huge request is refused with 413', async () => {
    const b = await bystanders();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const big = JSON.stringify([{ channel: '/service/chatV2/customer-support', data: { operation: 'sendMessage', message: 'x'.repeat(300 * 1024) } }]);
    const r = await raw('/genesys/cometd', big).catch(() => ({ status: 413, text: '' }));
    expect(r.status).toBe(413);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('refused'));
    await b.stillWorks();
  });

  it('unknown operations, missing or wrong fields and over-long texts get GMS error deliveries', async () => {
    const b = await bystanders();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const v = await gmsVisitor(h.url);
    open.push(v);
    const cases: unknown[] = [
      'just a string',
      [1, 2],
      null,
      { operation: 'explode' },
      { operation: 42 },
      {},
      { operation: 'sendMessage', message: 'no key' },
      { operation: 'sendMessage', secureKey: 7, message: 'bad key type' },
      { operation: 'requestChat', nickname: { first: 'x' } },
      { operation: 'requestChat', nickname: 'x', userData: { a: { b: 1 } } },
      { operation: 'requestChat', nickname: 'x'.repeat(20_000) },
      { operation: '__proto__' },
      { operation: 'toString' },
    ];
    for (const data of cases) {
      const mark = v.deliveries.mark();
      const reply = await publish(v.cometd, v.channel, data);
      expect(reply.successful, `${JSON.stringify(data)?.slice(0, 60)} ${reply.error}`).toBe(true);
      const d = await v.deliveries.waitFor((x) => x.statusCode === 2, `the error for ${JSON.stringify(data)?.slice(0, 40)}`, 3000, mark);
      expect(d.errors).toEqual([{ code: expect.any(Number), message: expect.any(String) }]);
    }
    // A chat of its own, then wrong fields inside it.
    await v.op('requestChat', { nickname: 'Tester' });
    await v.deliveries.waitFor((x) => typeof x.chatId === 'string');
    for (const fields of [{ message: { html: '<b>' } }, { message: '' }, { message: 'y'.repeat(20_000) }]) {
      const mark = v.deliveries.mark();
      await v.op('sendMessage', fields);
      await v.deliveries.waitFor((x) => x.statusCode === 2, 'the field error', 3000, mark);
    }
    expect(warn.mock.calls.filter(([m]) => String(m).includes('refused')).length).toBeGreaterThanOrEqual(cases.length + 3);
    await b.stillWorks();
  });

  it('channels outside /service/chatV2/{service} are denied; the GWS topic cannot be published to', async () => {
    const b = await bystanders();
    const v = await gmsVisitor(h.url);
    open.push(v);
    expect((await publish(v.cometd, '/broadcast/everyone', { hi: 1 })).successful).toBe(false);
    expect((await publish(v.cometd, '/service/chatV2/bad name', { operation: 'requestChat', nickname: 'x' })).successful).toBe(false);
    const dana = await gwsAgent(h.url, 'sam');
    open.push(dana);
    expect((await publish(dana.cometd, '/v2/me/chats', { messageType: 'MessageLogUpdated' })).successful).toBe(false);
    await b.stillWorks();
  });

  it('GWS REST refuses bodies that are not JSON objects, huge bodies and unknown routes', async () => {
    const b = await bystanders();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const login = await gwsLogin(h.url, 'morgan');
    const post = (body: string) => fetch(`${h.url}/api/v2/me/chats/x`, { method: 'POST', headers: { cookie: login.cookie, 'x-csrf-token': login.csrf }, body });
    for (const body of ['nope', '[1]', '"s"']) {
      const r = await post(body);
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ statusCode: 1, statusMessage: expect.any(String) });
    }
    expect((await post('x'.repeat(100 * 1024)).catch(() => ({ status: 413 }))).status).toBe(413);
    expect((await login.call('GET', '/api/v2/me/nothing-here')).status).toBe(404);
    await b.stillWorks();
  });
});
