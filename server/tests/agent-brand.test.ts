// The agent side over TLS: domain API, agentVep login and refresh, and the brand socket, request by
// request as node-agent-sdk 1.2.0 sends them. Every frame is schema-checked and every server frame
// must pass the SDK's own Transformer (server/testing/brandClient.ts).
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Notification, Response } from '../../src/liveperson/wire';
import { startStandIn, type StandIn } from '../standin';
import { agentLogin, BrandClient, httpsJson, type AgentLogin } from '../testing/brandClient';
import { TestClient } from '../testing/client';
import { call, Control, signup } from '../testing/http';

let standIn: StandIn;
let ca = '';
let tlsUrl = '';
const open: Array<BrandClient | TestClient> = [];

beforeAll(async () => {
  standIn = await startStandIn({ port: 0, tls: true, staticDir: '/nonexistent-parley-dist' });
  ca = standIn.tls?.cert ?? '';
  tlsUrl = standIn.tls?.url ?? '';
});

afterEach(() => {
  const errors = open.flatMap((c) => (c instanceof BrandClient ? c.errors : c.schemaErrors));
  for (const c of open.splice(0)) c.close();
  if (errors.length) throw new Error(`frame violations:\n${errors.join('\n')}`);
});

afterAll(async () => {
  await standIn.stop();
});

const account = () => `ag-${randomUUID().slice(0, 8)}`;

async function brand(acc: string, username = 'dana'): Promise<{ b: BrandClient; login: AgentLogin; oldId: string }> {
  const login = await agentLogin(tlsUrl, ca, acc, username);
  const b = await BrandClient.connect(standIn.tls?.host ?? '', ca, acc, login);
  open.push(b);
  return { b, login, oldId: `${acc}.${login.config.userId}` };
}

async function visitor(acc: string) {
  const jwt = await signup(standIn.url, acc);
  const c = await TestClient.connect(`ws://${standIn.host}/ws_api/account/${acc}/messaging/consumer?v=3`, { init: { jwt, features: ['MULTI_DIALOG', 'RICH_CONTENT'] } });
  open.push(c);
  await c.waitFor((f) => f.kind === 'resp' && f.reqId === 'init');
  await c.request('cqm.SubscribeExConversations', { convState: ['OPEN', 'CLOSE'] });
  const conv = ((await c.request('cm.ConsumerRequestConversation')).body as { conversationId: string }).conversationId;
  await c.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 0 });
  return { c, conv, consumerId: JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()).sub as string };
}

type Ex = { changes: Array<{ type: string; result: { convId: string; conversationDetails: Record<string, unknown> } }> };
type Ring = { changes: Array<{ result: { conversationId: string; taskCompleted: boolean; ringsDetails: Array<{ ringId: string; ringState: string }> } }> };
const isObjBody = (b: unknown) => typeof b === 'object' && b !== null && !Array.isArray(b);
const ringOf = (n: Notification) => (n.body as Ring).changes[0]?.result;

describe('agent side: domain API and login', () => {
  it('the domain API names the TLS listener when asked over TLS, the plain one otherwise', async () => {
    const acc = account();
    const tls = await httpsJson(`${tlsUrl}/api/account/${acc}/service/baseURI.json?version=1.0`, ca);
    const plain = await call<{ baseURIs: Array<{ service: string; baseURI: string }> }>(`${standIn.url}/api/account/${acc}/service/baseURI.json?version=1.0`);
    const services = (tls.body as typeof plain.body).baseURIs;
    expect(services.map((s) => s.service)).toEqual(expect.arrayContaining(['agentVep', 'asyncMessagingEnt', 'acCdnDomain']));
    expect(new Set(services.map((s) => s.baseURI))).toEqual(new Set([standIn.tls?.host]));
    expect(new Set(plain.body.baseURIs.map((s) => s.baseURI))).toEqual(new Set([standIn.host]));
  });

  it('logs agents in by lower-case nickname and password parley (401 otherwise); the refresh needs csrf and cookie', async () => {
    const acc = account();
    const agents = (await call<Array<{ id: string; nickname: string }>>(`${standIn.url}/agent/api/${acc}/agents`)).body;
    for (const [username, nickname] of [['dana', 'Dana'], ['bot', 'Parley Bot']] as const) {
      const login = await agentLogin(tlsUrl, ca, acc, username);
      expect(login.config.userPid).toBe(agents.find((a) => a.nickname === nickname)?.id);
      expect(login.config.userId).toMatch(/^\d+$/);
      expect(login.bearer.length).toBeGreaterThan(20);
      expect(login.cookie).toMatch(/^session_id=/);
      const refresh = (csrf: string, cookie: string) => httpsJson(`${tlsUrl}/api/account/${acc}/refresh?v=1.3`, ca, 'POST', { csrf }, { cookie });
      expect((await refresh(login.csrf, login.cookie)).status).toBe(200);
      expect((await refresh('wrong', login.cookie)).status).toBe(401);
      expect((await refresh(login.csrf, 'session_id=wrong')).status).toBe(401);
    }
    for (const body of [{ username: 'dana', password: 'nope' }, { username: 'nobody', password: 'parley' }, { username: 'Dana', password: 'parley' }, {}]) {
      const r = await httpsJson(`${tlsUrl}/api/account/${acc}/login?v=1.3`, ca, 'POST', body);
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: expect.any(String) });
    }
  });

  it('the brand socket wants a live bearer token and v=2 or v=2.1', async () => {
    const acc = account();
    const login = await agentLogin(tlsUrl, ca, acc, 'sam');
    const host = standIn.tls?.host ?? '';
    await expect(BrandClient.connect(host, ca, acc, { ...login, bearer: 'forged' })).rejects.toThrow(/401/);
    await expect(BrandClient.connect(host, ca, acc, login, '3')).rejects.toThrow(/400/);
    await expect(BrandClient.connect(host, ca, 'other-account', login)).rejects.toThrow(/401/);
    const v2 = await BrandClient.connect(host, ca, acc, login, '2');
    open.push(v2);
    expect((await v2.request('.GetClock')).body).toEqual({ currentTime: expect.any(Number) });
  });
});

describe('agent side: the brand socket', () => {
  it('rings ONLINE agents, accepts, queries and publishes, changes fields, and the visitor sees all of it', async () => {
    const acc = account();
    const { b, login, oldId } = await brand(acc);
    const me = login.config.userPid;
    expect((await b.request('.ams.routing.SetAgentState', { availability: 'ONLINE' })).code).toBe(200);
    expect((await b.request('.ams.routing.SubscribeRoutingTasks', {})).body).toEqual({ subscriptionId: expect.any(String) });
    const sub = await b.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN'], agentIds: [me] });
    expect(sub).toMatchObject({ code: 200, type: '.ams.aam.SubscribeExConversations$Response', body: { subscriptionId: expect.any(String) } });

    const { c, conv, consumerId } = await visitor(acc);
    await c.request('ms.PublishEvent', { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'first' } });
    const ring = ringOf((await b.waitFor((f) => f.kind === 'notification' && f.type === '.ams.routing.RoutingTaskNotification')) as Notification);
    expect(ring).toMatchObject({ conversationId: conv, consumerId, taskCompleted: false, ringsDetails: [{ ringState: 'WAITING' }] });

    let since = b.mark();
    expect((await b.request('.ams.routing.UpdateRingState', { ringId: ring?.ringsDetails[0]?.ringId, ringState: 'ACCEPTED' })).body).toBe('Ring state updated successfully');
    const accepted = await b.waitFor((f) => f.type === '.ams.routing.RoutingTaskNotification', since);
    expect(ringOf(accepted as unknown as Notification)).toMatchObject({ taskCompleted: true, ringsDetails: [{ ringState: 'ACCEPTED' }] });
    const upsert = (await b.waitFor((f) => f.type === '.ams.aam.ExConversationChangeNotification' && JSON.stringify(f.body).includes(conv), since)) as Notification;
    const details = (upsert.body as Ex).changes[0]?.result.conversationDetails;
    expect(details).toMatchObject({
      participants: { CONSUMER: [consumerId], ASSIGNED_AGENT: [oldId] },
      participantsPId: { CONSUMER: [consumerId], ASSIGNED_AGENT: [me] },
      dialogs: [{ dialogId: conv, participantsDetails: [{ id: consumerId, role: 'CONSUMER' }, { id: me, role: 'ASSIGNED_AGENT', state: 'ACTIVE' }] }],
    });
    await c.waitFor((f) => JSON.stringify(f).includes(`"id":"${me}","role":"ASSIGNED_AGENT","state":"ACTIVE"`));

    const history = await b.request('ms.SubscribeMessagingEvents', { dialogId: conv });
    expect(history).toMatchObject({ code: 200, type: '.ams.ms.QueryMessages$Response' });
    expect(history.body).toEqual([expect.objectContaining({ sequence: 0, originatorId: consumerId, originatorPId: consumerId, dialogId: conv, event: expect.objectContaining({ message: 'first' }) })]);
    expect((await b.request('ms.SubscribeMessagingEvents', { dialogId: conv, fromSeq: 1 })).body).toEqual([]);

    // The agent publishes; the visitor sees each event, and the agent gets its own echo (legacy originatorId, PID beside).
    since = b.mark();
    const publish = (event: unknown) => b.request('.ams.ms.PublishEvent', { dialogId: conv, conversationId: conv, event });
    expect((await publish({ type: 'ContentEvent', contentType: 'text/plain', message: 'hello visitor' })).body).toEqual({ sequence: 1 });
    expect((await publish({ type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] })).body).toEqual({ sequence: 2 });
    expect((await publish({ type: 'RichContentEvent', content: { type: 'vertical', elements: [{ type: 'text', text: 'card' }] } })).body).toEqual({ sequence: 3 });
    expect((await publish({ type: 'ChatStateEvent', chatState: 'COMPOSING' })).body).toEqual({ sequence: 0 });
    const echo = (await b.waitFor((f) => f.type === '.ams.ms.OnlineEventDistribution', since)) as Notification;
    expect(echo.body).toMatchObject({ sequence: 1, originatorId: oldId, originatorPId: me, originatorMetadata: { id: me, role: 'ASSIGNED_AGENT' }, dialogId: conv });
    for (const want of ['hello visitor', '"status":"READ"', '"text":"card"', 'COMPOSING']) await c.waitFor((f) => f.type === 'ms.MessagingEventNotification' && JSON.stringify(f).includes(want));

    // The visitor writes: a live OnlineEventDistribution.
    since = b.mark();
    await c.request('ms.PublishEvent', { dialogId: conv, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'thanks' } });
    const live = (await b.waitFor((f) => f.type === '.ams.ms.OnlineEventDistribution', since)) as Notification;
    expect(live.body).toMatchObject({ sequence: 4, originatorId: consumerId, originatorPId: consumerId, event: { message: 'thanks' } });

    const profile = await b.request('.ams.userprofile.GetUserProfile', consumerId);
    expect(profile).toMatchObject({ code: 200, type: '.ams.userprofile.GetUserProfile$Response' });
    expect((await b.request('.ams.userprofile.GetUserProfile', 'nobody')).code).toBe(404);

    // TTR, back to the queue (DELETE for the agentIds filter, and a new ring), then accept again and close.
    const field = (conversationField: unknown) => b.request('.ams.cm.UpdateConversationField', { conversationId: conv, conversationField });
    expect((await field([{ field: 'TTRField', ttrType: 'URGENT', value: 300 }])).body).toBe('OK TTR updated successfully');
    await c.waitFor((f) => JSON.stringify(f).includes('"ttrType":"URGENT"'));
    since = b.mark();
    expect((await field([{ field: 'ParticipantsChange', type: 'REMOVE', role: 'ASSIGNED_AGENT' }])).body).toBe('OK Agent removed successfully');
    const removed = (await b.waitFor((f) => f.type === '.ams.aam.ExConversationChangeNotification', since)) as Notification;
    expect((removed.body as Ex).changes[0]).toMatchObject({ type: 'DELETE', result: { convId: conv, conversationDetails: { participantsPId: { CONSUMER: [consumerId] }, dialogs: [{ participantsDetails: [{ role: 'CONSUMER' }] }] } } });
    const again = ringOf((await b.waitFor((f) => f.type === '.ams.routing.RoutingTaskNotification' && JSON.stringify(f).includes('WAITING'), since)) as Notification);
    await b.request('.ams.routing.UpdateRingState', { ringId: again?.ringsDetails[0]?.ringId, ringState: 'ACCEPTED' });
    expect((await field([{ field: 'ParticipantsChange', type: 'REMOVE', role: 'MANAGER' }])).code).toBe(400);
    since = b.mark();
    expect((await field([{ field: 'ConversationStateField', conversationState: 'CLOSE' }])).body).toBe('OK Conversation resolved successfully');
    const closed = (await b.waitFor((f) => f.type === '.ams.aam.ExConversationChangeNotification' && JSON.stringify(f).includes('DELETE'), since)) as Notification;
    expect((closed.body as Ex).changes[0]?.result.conversationDetails).toMatchObject({ state: 'CLOSE', closeReason: 'AGENT', participantsPId: { ASSIGNED_AGENT: [me] } });
    await c.waitFor((f) => JSON.stringify(f).includes('"closeReason":"AGENT"'));
    expect((await publish({ type: 'ContentEvent', contentType: 'text/plain', message: 'late' })).code).toBe(400);
  });

  it('one truth: the console sees what the socket did, and the socket sees what the console did', async () => {
    const acc = account();
    const { b, login } = await brand(acc, 'morgan');
    await b.request('.ams.aam.SubscribeExConversations', { convState: ['OPEN'] });
    const { conv } = await visitor(acc);
    const control = new Control(standIn.url, acc);
    const { dana } = await control.agents();
    let since = b.mark();
    await control.act(conv, 'accept', { agentId: dana.id });
    await b.waitFor((f) => f.type === '.ams.aam.ExConversationChangeNotification' && JSON.stringify(f.body).includes(dana.id), since);
    since = b.mark();
    await control.act(conv, 'messages', { agentId: dana.id, text: 'from the console' });
    // Not subscribed to the dialog nor in the conversation: no live event for Morgan yet.
    await b.request('.GetClock');
    expect(b.notifications('.ams.ms.OnlineEventDistribution', since)).toEqual([]);
    expect((await b.request('.ams.cm.UpdateConversationField', { conversationId: conv, conversationField: [{ field: 'ParticipantsChange', type: 'ADD', role: 'MANAGER' }] })).body).toBe('OK Agent added successfully');
    const view = (await control.conversation(conv)).body as { participants: unknown[] };
    expect(view.participants).toContainEqual({ id: login.config.userPid, role: 'MANAGER' });
    since = b.mark();
    await control.act(conv, 'messages', { agentId: dana.id, text: 'now you see it' });
    const live = (await b.waitFor((f) => f.type === '.ams.ms.OnlineEventDistribution', since)) as Notification;
    expect(live.body).toMatchObject({ originatorPId: dana.id, originatorMetadata: { role: 'ASSIGNED_AGENT' }, event: { message: 'now you see it' } });
  });

  it('answers bad frames with 400 and keeps going; answers WebSocket pings', async () => {
    const { b } = await brand(account());
    b.ws.send('{nope');
    b.ws.send(JSON.stringify({ kind: 'req', id: 'x1', type: '.ams.no.Such', body: {} }));
    const unknown = (await b.waitFor((f) => f.kind === 'resp' && f.reqId === 'x1')) as Response;
    expect(unknown.code).toBe(400);
    expect((await b.request('.ams.routing.SetAgentState', { availability: 'SLEEPING' })).code).toBe(400);
    expect((await b.request('.ams.routing.UpdateRingState', { ringId: 'r', ringState: 'ACCEPTED' })).code).toBe(404);
    expect((await b.request('.ams.ms.PublishEvent', { dialogId: 'nope', event: { type: 'ContentEvent', contentType: 'text/plain', message: 'x' } })).code).toBe(404);
    // Every request type with wrong bodies: a 4xx each (never a 500), and the socket stays up.
    const types = ['.ams.aam.SubscribeExConversations', '.ams.aam.UnsubscribeExConversations', '.ams.routing.SetAgentState', '.ams.routing.UpdateRingState', '.ams.cm.UpdateConversationField', '.ams.ms.PublishEvent', '.ams.ms.QueryMessages', '.ams.userprofile.GetUserProfile'];
    const bodies: unknown[] = [null, 7, 'x', [], { conversationId: 5, conversationField: 'x', dialogId: [], event: { type: 'ContentEvent', message: {} }, convState: ['NOPE'], subscriptionId: 1 }];
    for (const type of types) {
      for (const body of bodies) {
        const id = `h${Math.random().toString(36).slice(2)}`;
        b.ws.send(JSON.stringify({ kind: 'req', id, type, body }));
        const r = (await b.waitFor((f) => f.kind === 'resp' && f.reqId === id)) as Response;
        if (type === '.ams.aam.SubscribeExConversations' && !isObjBody(body)) continue; // a missing filter is no filter
        expect([r.code, type, body]).toEqual([expect.toSatisfy((c: number) => c >= 400 && c < 500), type, body]);
      }
    }
    b.errors.splice(0); // the deliberately invalid requests above
    const pong = new Promise<void>((resolve) => b.ws.once('pong', () => resolve()));
    b.ws.ping();
    await pong;
    expect(b.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('the Transformer check can fail: a v2 change without participantsPId is one the SDK drops', () => {
    const transformer = createRequire(import.meta.url)('node-agent-sdk/lib/Transformer.js') as Record<string, (m: unknown, a: unknown) => unknown>;
    const frame = { kind: 'notification', type: '.ams.aam.ExConversationChangeNotification', body: { subscriptionId: 's', changes: [{ type: 'DELETE', result: { convId: 'c', conversationDetails: { participants: {} } } }] } };
    expect(() => transformer['.ams.aam.ExConversationChangeNotification']?.(frame, { __oldAgentId: 'a.1', emit: () => undefined })).toThrow(/participantsPId/);
  });
});
