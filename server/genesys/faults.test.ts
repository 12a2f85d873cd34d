// The Genesys faults through the control API, with the real `cometd` client: a Bayeux restart
// (402::session_unknown, re-handshake, requestNotifications: no gap, no double), the server kick
// (/meta/disconnect: no reconnect loop), a dropped long poll, delayed deliveries.
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../testing/http';
import { standInForTests } from '../testing/harness';
import { disconnect, gmsVisitor, gwsAgent, type GmsVisitor, type GwsAgentClient } from '../testing/genesys';

const h = standInForTests();
const open: Array<GmsVisitor | GwsAgentClient> = [];

afterEach(async () => {
  for (const c of open.splice(0)) await disconnect(c.cometd);
  await call(`${h.url}/agent/api/genesys/faults`, 'DELETE');
});

type Msg = { index: number; type: string; text?: string };
const messagesOf = (d: Record<string, unknown>) => (d.messages ?? []) as Msg[];

async function chatWithDana() {
  const dana = await gwsAgent(h.url, 'dana');
  open.push(dana);
  const v = await gmsVisitor(h.url, 'customer-support', { resync: true });
  open.push(v);
  await v.op('requestChat', { nickname: 'John' });
  const { chatId } = await v.deliveries.waitFor<{ chatId: string }>((d) => typeof d.chatId === 'string');
  await dana.notifications.waitFor((n) => n.notificationType === 'StatusChange' && (n.chat as { id: string }).id === chatId);
  await dana.op(chatId, 'Accept');
  return { v, dana, chatId };
}

/** Polls until `cond` holds. */
async function until(cond: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  for (const t0 = Date.now(); !cond(); ) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Lets the client's long poll be held by the server (the first /meta/connect returns at once). */
const settle = () => new Promise((r) => setTimeout(r, 150));

const byIndex = (v: GmsVisitor) => {
  const seen = new Map<number, Msg>();
  for (const m of v.deliveries.items.flatMap(messagesOf)) seen.set(m.index, m);
  return [...seen.values()].sort((a, b) => a.index - b.index);
};

describe('Genesys faults', () => {
  it('a Bayeux restart: both sides re-handshake, the visitor resumes with requestNotifications, no gap and no double', async () => {
    const { v, dana, chatId } = await chatWithDana();
    await dana.op(chatId, 'SendMessage', { text: 'before' });
    await v.deliveries.waitFor((d) => messagesOf(d).some((m) => m.text === 'before'));
    expect((await call(`${h.url}/agent/api/genesys/faults/restart`, 'POST')).body).toEqual({ restarted: ['GMS', 'GWS'] });
    // Written while every Bayeux session is unknown: REST still works, the deliveries have nowhere to go.
    await dana.op(chatId, 'SendMessage', { text: 'during 1' });
    await dana.op(chatId, 'SendMessage', { text: 'during 2' });
    await v.deliveries.waitFor((d) => messagesOf(d).some((m) => m.text === 'during 2'), 'the resync', 10_000);
    expect(v.handshakes.filter((m) => m.successful).map((m) => m.reestablish)).toEqual([false, true]);
    await until(() => dana.handshakes.some((m) => m.successful && m.reestablish), 'the agent re-handshake');
    await settle();
    const agentMark = dana.notifications.mark();
    await v.op('sendMessage', { message: 'after' });
    await v.deliveries.waitFor((d) => messagesOf(d).some((m) => m.text === 'after'));
    // The agent re-subscribed in its handshake callback: the topic flows again.
    await dana.notifications.waitFor((n) => (n.messages as Msg[] | undefined)?.some((m) => m.text === 'after') === true, 'after, on the topic', 5000, agentMark);
    const texts = byIndex(v).filter((m) => m.type === 'Message').map((m) => m.text);
    expect(texts).toEqual(['before', 'during 1', 'during 2', 'after']);
    const indices = byIndex(v).map((m) => m.index);
    expect(indices).toEqual(indices.map((_, i) => i + 1));
    // No message was delivered twice by the server either: each text once in all deliveries.
    const all = v.deliveries.items.flatMap(messagesOf).filter((m) => m.type === 'Message');
    expect(all.map((m) => m.text)).toEqual(texts);
  });

  it('a server kick (/meta/disconnect) leaves the client disconnected, with no reconnect loop; the chat survives', async () => {
    const { v, chatId } = await chatWithDana();
    await settle();
    expect((await call(`${h.url}/agent/api/genesys/chats/${chatId}/kick`, 'POST')).body).toEqual({ kicked: true });
    await until(() => v.cometd.getStatus() === 'disconnected', 'disconnected', 3000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(v.cometd.getStatus()).toBe('disconnected');
    expect(v.handshakes).toHaveLength(1);
    // A new session with the same secureKey gets the chat back.
    const again = await gmsVisitor(h.url);
    open.push(again);
    await again.op('requestNotifications', { secureKey: v.secureKey, transcriptPosition: 0 });
    const d = await again.deliveries.waitFor((x) => messagesOf(x).length > 0);
    expect(d.chatId).toBe(chatId);
    expect(messagesOf(d).map((m) => m.type)).toEqual(['ParticipantJoined', 'ParticipantJoined']);
  });

  it('a dropped long poll loses nothing: the client reconnects on its session and gets what was queued', async () => {
    const { v, dana, chatId } = await chatWithDana();
    await settle();
    const dropped = (await call<{ dropped: number }>(`${h.url}/agent/api/genesys/faults/drop-long-poll`, 'POST', { which: 'gms' })).body.dropped;
    expect(dropped).toBeGreaterThanOrEqual(1);
    await dana.op(chatId, 'SendMessage', { text: 'while reconnecting' });
    await v.deliveries.waitFor((d) => messagesOf(d).some((m) => m.text === 'while reconnecting'), 'the queued message', 10_000);
    expect(v.handshakes).toHaveLength(1);
  });

  it('delayed deliveries arrive late and in order', async () => {
    const { v, dana, chatId } = await chatWithDana();
    expect((await call(`${h.url}/agent/api/genesys/faults`, 'PUT', { delayMs: 300 })).body).toEqual({ delayMs: 300 });
    const t0 = Date.now();
    for (const text of ['a', 'b', 'c', 'd']) await dana.op(chatId, 'SendMessage', { text });
    await v.deliveries.waitFor((d) => messagesOf(d).some((m) => m.text === 'd'));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(v.deliveries.items.flatMap(messagesOf).filter((m) => m.type === 'Message').map((m) => m.text)).toEqual(['a', 'b', 'c', 'd']);
    expect((await call(`${h.url}/agent/api/genesys/faults`, 'PUT', { delayMs: -1 })).status).toBe(400);
    expect((await call(`${h.url}/agent/api/genesys/faults/restart`, 'POST', { which: 'x' })).status).toBe(400);
  });
});
