// GWS, the agent side: sign-in (Basic, JSESSIONID, CSRF), the /v2/me/chats topic over the real
// `cometd` client, the chat operations of POST /api/v2/me/chats/{id}, and the reads.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeGwsNotification } from '../../src/genesys/gwsDecode';
import { standInForTests } from '../testing/harness';
import { cometdClient, disconnect, gmsVisitor, gwsAgent, gwsLogin, handshake, type GmsVisitor, type GwsAgentClient } from '../testing/genesys';

const h = standInForTests();
const open: Array<GmsVisitor | GwsAgentClient | { cometd: import('cometd').CometD }> = [];

afterEach(async () => {
  for (const c of open.splice(0)) await disconnect(c.cometd);
});

type N = Record<string, unknown> & { chat?: { id: string; state: string; capabilities: string[]; participants: Array<Record<string, string>>; userData: Record<string, string>; uri: string } };
type M = { index: number; type: string; text?: string; visibility: string; from: Record<string, string>; timestamp: string; timestampSeconds: number };

async function agent(user: string) {
  const a = await gwsAgent(h.url, user);
  open.push(a);
  return a;
}

async function newChat(nickname = 'John') {
  const v = await gmsVisitor(h.url);
  open.push(v);
  await v.op('requestChat', { nickname, userData: { Plan: 'gold' } });
  const first = await v.deliveries.waitFor((d) => typeof d.chatId === 'string');
  return { v, chatId: first.chatId as string };
}

/** Dana, and a new chat she was offered and accepted. */
async function danaChatting(nickname = 'John') {
  const dana = await agent('dana');
  const { v, chatId } = await newChat(nickname);
  await dana.notifications.waitFor(status(chatId, 'Ringing'));
  await dana.op(chatId, 'Accept');
  return { dana, v, chatId };
}

const status = (chatId: string, state: string) => (n: N) => n.messageType === 'ChatStateChangeMessage' && n.notificationType === 'StatusChange' && n.chat?.id === chatId && n.chat.state === state;
const logged = (pred: (m: M) => boolean) => (n: N) => n.messageType === 'MessageLogUpdated' && ((n.messages ?? []) as M[]).some(pred);

describe('GWS sign-in', () => {
  it('answers Basic with the session cookie and the CSRF pair; a wrong password or none is 401', async () => {
    const basic = (u: string, p: string) => ({ authorization: `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}` });
    const wrong = await fetch(`${h.url}/api/v2/me`, { headers: basic('dana', 'nope') });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ statusMessage: 'Invalid user name or password' });
    expect((await fetch(`${h.url}/api/v2/me`)).status).toBe(401);
    expect((await fetch(`${h.url}/api/v2/me`, { headers: basic('nobody', 'parley') })).status).toBe(401);
    const ok = await fetch(`${h.url}/api/v2/me`, { headers: basic('Dana', 'parley') });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/^JSESSIONID=[0-9A-F]+; Path=\/; HttpOnly/);
    expect(ok.headers.get('x-csrf-header')).toBe('X-CSRF-TOKEN');
    expect(ok.headers.get('x-csrf-token')).toMatch(/^[0-9a-f]{32}$/);
    expect(await ok.json()).toMatchObject({ statusCode: 0, user: { userName: 'dana', firstName: 'Dana', lastName: 'Reyes' } });
  });

  it('refuses a write without the CSRF token (403), and accepts it with the token', async () => {
    const login = await gwsLogin(h.url, 'sam');
    const noToken = await fetch(`${h.url}/api/v2/me`, { method: 'POST', headers: { cookie: login.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ operationName: 'StartContactCenterSession', channels: ['chat'] }) });
    expect(noToken.status).toBe(403);
    expect(await noToken.json()).toMatchObject({ statusMessage: 'Missing or invalid Csrf token' });
    const badToken = await fetch(`${h.url}/api/v2/me`, { method: 'POST', headers: { cookie: login.cookie, 'x-csrf-token': 'f'.repeat(32) }, body: '{}' });
    expect(badToken.status).toBe(403);
    expect(await login.call('POST', '/api/v2/me', { operationName: 'StartContactCenterSession', channels: ['chat'] })).toEqual({ status: 200, body: { statusCode: 0 } });
    // The cookie alone authenticates later requests.
    expect((await login.call('GET', '/api/v2/me/chats')).status).toBe(200);
  });

  it('refuses a CometD handshake without a signed-in session', async () => {
    const c = cometdClient(`${h.url}/api/v2/notifications`);
    open.push({ cometd: c });
    await expect(handshake(c)).rejects.toThrow(/403::handshake_denied/);
  });

  it('answers the CORS preflight with the origin and credentials', async () => {
    const pre = await fetch(`${h.url}/api/v2/me/chats/x`, { method: 'OPTIONS', headers: { origin: 'http://shop.example', 'access-control-request-method': 'POST' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://shop.example');
    expect(pre.headers.get('access-control-allow-credentials')).toBe('true');
    expect(pre.headers.get('access-control-allow-headers')).toContain('x-csrf-token');
    const get = await fetch(`${h.url}/api/v2/me`, { headers: { origin: 'http://shop.example' } });
    expect(get.headers.get('access-control-expose-headers')).toBe('X-CSRF-HEADER, X-CSRF-TOKEN');
    const bayeux = await fetch(`${h.url}/genesys/cometd/handshake`, { method: 'OPTIONS', headers: { origin: 'http://shop.example' } });
    expect(bayeux.status).toBe(204);
    expect(bayeux.headers.get('access-control-allow-origin')).toBe('http://shop.example');
  });
});

describe('GWS /v2/me/chats and the chat operations', () => {
  it('offers a new chat to every agent; Accept makes it Chatting for one and Revoked for the others', async () => {
    const dana = await agent('dana');
    const sam = await agent('sam');
    const { chatId } = await newChat('John');
    const offered = await dana.notifications.waitFor<N>(status(chatId, 'Ringing'), 'the offer');
    expect(offered.chat).toEqual({
      id: chatId,
      uri: `${h.url}/api/v2/chats/${chatId}`,
      state: 'Ringing',
      capabilities: ['Accept'],
      participants: [{ nickname: 'John', type: 'Customer', participantId: expect.stringMatching(/^[0-9A-F]{16}$/) }],
      userData: { Plan: 'gold' },
    });
    await sam.notifications.waitFor(status(chatId, 'Ringing'));
    expect((await dana.op(chatId, 'Accept', { nickname: 'Dana R.' })).body).toEqual({ statusCode: 0 });
    const chatting = await dana.notifications.waitFor<N>(status(chatId, 'Chatting'), 'Chatting');
    expect(chatting.chat?.capabilities).toEqual(expect.arrayContaining(['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Leave', 'Complete']));
    expect(typeof chatting.referenceId).toBe('number');
    await sam.notifications.waitFor(status(chatId, 'Revoked'), 'Revoked for Sam');
    const participants = await dana.notifications.waitFor<N>((n: N) => n.notificationType === 'ParticipantsUpdated' && n.chat?.id === chatId);
    expect(participants.chat?.participants.map((p) => [p.nickname, p.type])).toEqual([['John', 'Customer'], ['Dana R.', 'Agent']]);
    const joined = await dana.notifications.waitFor(logged((m) => m.type === 'ParticipantJoined' && m.from.type === 'Agent'));
    expect(String(joined.chatUri).split('/').pop()).toBe(chatId);
    // Sam no longer has the chat: his operations on it are 404.
    expect((await sam.op(chatId, 'SendMessage', { text: 'me too' })).status).toBe(404);
    expect((await dana.op(chatId, 'Accept')).body).toMatchObject({ statusCode: 1, statusMessage: expect.stringContaining('Accept') });
  });

  it("the visitor's messages and typing arrive as MessageLogUpdated in the seed's format", async () => {
    const { dana, v, chatId } = await danaChatting('John');
    await v.op('startTyping', { message: 'I ha' });
    await v.op('stopTyping');
    await v.op('sendMessage', { message: 'I have a question' });
    const n = await dana.notifications.waitFor(logged((m) => m.type === 'Text'), 'the text');
    expect(n).toMatchObject({ messageType: 'MessageLogUpdated', notificationType: 'NewMessages', chatUri: `${h.url}/api/v2/chats/${chatId}` });
    const [m] = n.messages as M[];
    expect(m).toEqual({
      index: 5,
      from: { nickname: 'John', type: 'Customer', participantId: expect.stringMatching(/^[0-9A-F]{16}$/) },
      type: 'Text',
      text: 'I have a question',
      visibility: 'All',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+0000$/),
      timestampSeconds: expect.any(Number),
    });
    expect(Math.abs(m!.timestampSeconds - Date.now())).toBeLessThan(60_000);
    const types = dana.notifications.items.filter((x) => x.messageType === 'MessageLogUpdated').flatMap((x) => (x.messages as M[]).map((y) => y.type));
    expect(types).toEqual(['ParticipantJoined', 'TypingStarted', 'TypingStopped', 'Text']);
  });

  it("every notification decodes with the widget's GWS decoders, and Agents-only messages are marked so", async () => {
    const { dana, v, chatId } = await danaChatting('Eve');
    await v.op('sendMessage', { message: 'hi' });
    await dana.op(chatId, 'SendToAgents', { text: 'note to self' });
    await dana.op(chatId, 'UpdateUserData', { userData: { k: 'v' } });
    await dana.op(chatId, 'Complete');
    await dana.notifications.waitFor(status(chatId, 'Completed'));
    const decoded = dana.notifications.items.map(decodeGwsNotification);
    expect(decoded.filter((n) => n.kind === 'ignored')).toEqual([]);
    const kinds = decoded.map((n) => (n.kind === 'chatState' ? `${n.notificationType}:${n.chat?.phase}` : n.kind));
    expect(kinds).toEqual(expect.arrayContaining(['StatusChange:offered', 'StatusChange:active', 'ParticipantsUpdated:active', 'PropertiesUpdated:active', 'StatusChange:ended', 'messageLog']));
    const log = decoded.flatMap((n) => (n.kind === 'messageLog' ? (expect(n.chatId).toBe(chatId), n.messages) : []));
    expect(log.map((m) => [m.kind, m.text, m.visibleToVisitor])).toEqual([
      ['joined', undefined, true],
      ['text', 'hi', true],
      ['text', 'note to self', false],
      ['left', undefined, true],
    ]);
  });

  it('SendMessage, SendToAgents, typing, SendUrl and SendCustomNotice reach the agent log with their visibility', async () => {
    const { dana, chatId } = await danaChatting();
    for (const [op, fields] of [
      ['SendStartTypingNotification', {}],
      ['SendStopTypingNotification', {}],
      ['SendMessage', { text: 'Hello' }],
      ['SendToAgents', { text: 'whisper' }],
      ['SendUrl', { url: 'https://example.com/a' }],
      ['SendCustomNotice', { noticeText: 'note' }],
    ] as const) {
      expect((await dana.op(chatId, op, fields)).body).toEqual({ statusCode: 0 });
    }
    await dana.notifications.waitFor(logged((m) => m.type === 'CustomNotice'));
    const log = dana.notifications.items.filter((x) => x.messageType === 'MessageLogUpdated').flatMap((x) => x.messages as Array<M & { url?: string; noticeText?: string }>);
    expect(log.slice(1).map((m) => [m.type, m.text ?? m.url ?? m.noticeText, m.visibility])).toEqual([
      ['TypingStarted', undefined, 'All'],
      ['TypingStopped', undefined, 'All'],
      ['Text', 'Hello', 'All'],
      ['Text', 'whisper', 'Agents'],
      ['PushUrl', 'https://example.com/a', 'All'],
      ['CustomNotice', 'note', 'All'],
    ]);
    expect((await dana.op(chatId, 'SendUrl', { url: 'javascript:alert(1)' })).status).toBe(400);
    expect((await dana.op(chatId, 'SendMessage', {})).body).toMatchObject({ statusCode: 1, statusMessage: expect.stringContaining('text') });
    expect((await dana.op(chatId, 'Transfer', { queueName: 'x' })).body).toMatchObject({ statusCode: 1, statusMessage: expect.stringContaining('Transfer') });
  });

  it('UpdateUserData sends PropertiesUpdated with the merged userData', async () => {
    const { dana, chatId } = await danaChatting();
    await dana.op(chatId, 'UpdateUserData', { userData: { Topic: 'refund' } });
    const n = await dana.notifications.waitFor<N>((x) => x.notificationType === 'PropertiesUpdated');
    expect(n.chat?.userData).toEqual({ Plan: 'gold', Topic: 'refund' });
    expect((await dana.op(chatId, 'UpdateUserData', { userData: { n: 1 } })).status).toBe(400);
  });

  it('GET /api/v2/me/chats and …/messages?startIndex= read the chats and the transcript', async () => {
    const dana = await agent('dana');
    const { v, chatId } = await newChat('Rita');
    await dana.notifications.waitFor(status(chatId, 'Ringing'));
    const listed = await dana.call('GET', '/api/v2/me/chats');
    expect((listed.body.chats as Array<N['chat']>).find((c) => c?.id === chatId)?.state).toBe('Ringing');
    await dana.op(chatId, 'Accept');
    await v.op('sendMessage', { message: 'one' });
    await dana.notifications.waitFor(logged((m) => m.text === 'one'));
    const all = await dana.call('GET', `/api/v2/me/chats/${chatId}/messages`);
    expect((all.body.messages as M[]).map((m) => [m.index, m.type])).toEqual([[1, 'ParticipantJoined'], [2, 'ParticipantJoined'], [3, 'Text']]);
    const from2 = await dana.call('GET', `/api/v2/me/chats/${chatId}/messages?startIndex=2&count=1`);
    expect((from2.body.messages as M[]).map((m) => m.index)).toEqual([2]);
    expect((await dana.call('GET', `/api/v2/me/chats/${chatId}`)).body).toMatchObject({ statusCode: 0, chat: { id: chatId, state: 'Chatting' } });
    expect((await dana.call('GET', '/api/v2/me/chats/nope/messages')).status).toBe(404);
  });

  it('Leave: LeftChat then Completed for the agent, ParticipantLeft for the visitor, and the chat is offered again', async () => {
    const dana = await agent('dana');
    const sam = await agent('sam');
    const { v, chatId } = await newChat();
    await dana.notifications.waitFor(status(chatId, 'Ringing'));
    await dana.op(chatId, 'Accept');
    await sam.notifications.waitFor(status(chatId, 'Revoked'));
    expect((await dana.op(chatId, 'Leave')).body).toEqual({ statusCode: 0 });
    await dana.notifications.waitFor(status(chatId, 'Completed'), 'Completed');
    const states = dana.notifications.items.filter((n) => n.notificationType === 'StatusChange').map((n) => (n as N).chat?.state);
    expect(states).toEqual(['Ringing', 'Chatting', 'LeftChat', 'Completed']);
    await v.deliveries.waitFor((d) => ((d.messages ?? []) as M[]).some((m) => m.type === 'ParticipantLeft' && m.from.type === 'Agent'));
    await sam.notifications.waitFor((n) => status(chatId, 'Ringing')(n) && sam.notifications.items.some(status(chatId, 'Revoked')), 'offered to Sam again');
    expect((await sam.op(chatId, 'Accept')).body).toEqual({ statusCode: 0 });
  });

  it('Complete ends the chat everywhere; a visitor disconnect keeps it for the agent until Complete', async () => {
    const { dana, v, chatId } = await danaChatting();
    await v.op('disconnect');
    await dana.notifications.waitFor(logged((m) => m.type === 'ParticipantLeft' && m.from.type === 'Customer'));
    expect((await dana.call('GET', `/api/v2/me/chats/${chatId}`)).body).toMatchObject({ chat: { state: 'Chatting' } });
    expect((await dana.op(chatId, 'Complete')).body).toEqual({ statusCode: 0 });
    await dana.notifications.waitFor(status(chatId, 'Completed'));
    expect((await dana.op(chatId, 'SendMessage', { text: 'late' })).status).toBe(404);
  });
});
