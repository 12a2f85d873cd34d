// The Genesys ChatSession with the REAL `cometd` client (cometd-nodejs-client's adapt(), so this is
// a Node test file, never jsdom) against the in-process stand-in's Bayeux server, with a GWS agent
// (REST + /v2/me/chats) on the other end: every operation, the join banner, typing both ways, the
// end by either side, a Bayeux restart mid-chat, a reload, messages written while GMS is down, the kick.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSession, SessionSnapshot } from '../core/session';
import type { TimelineRow } from '../core/model';
import { MemoryStorage } from '../platform/storage';
import { standInForTests } from '../../server/testing/harness';
import { call } from '../../server/testing/http';
import { cometdClient, disconnect, gwsAgent, type GwsAgentClient } from '../../server/testing/genesys';
import { createGenesysSession } from './session';
import { keyStoreKey } from './keys';

const h = standInForTests();
const outboxKey = () => `${keyStoreKey(h.url, 'customer-support')}:outbox`;
const sessions: ChatSession[] = [];
const agents: GwsAgentClient[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) s.stop();
  for (const a of agents.splice(0)) await disconnect(a.cometd);
  await call(`${h.url}/agent/api/genesys/faults`, 'DELETE');
});

function session(storage = new MemoryStorage(), sessionStorage = new MemoryStorage(), bayeuxUrl = `${h.url}/genesys/cometd`): ChatSession {
  const s = createGenesysSession(
    { backend: 'genesys', gms: h.url, service: 'customer-support', nickname: 'Ada', transport: 'long-polling' },
    { storage, sessionStorage, createCometD: () => cometdClient(bayeuxUrl) },
  );
  sessions.push(s);
  s.start();
  return s;
}

async function agent(user = 'dana'): Promise<GwsAgentClient> {
  const a = await gwsAgent(h.url, user);
  agents.push(a);
  return a;
}

function until(s: ChatSession, pred: (snap: SessionSnapshot) => boolean, what: string, timeoutMs = 10_000): Promise<SessionSnapshot> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const snap = s.getSnapshot();
      if (!pred(snap)) return false;
      clearTimeout(timer);
      off();
      resolve(snap);
      return true;
    };
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(s.getSnapshot()).slice(-1500)}`));
    }, timeoutMs);
    const off = s.subscribe(() => void check());
    check();
  });
}

const texts = (rows: TimelineRow[], originator?: string) =>
  rows.flatMap((r) => (r.kind === 'message' && (!originator || r.originator === originator) && r.body.kind === 'text' ? [r.body.text] : []));
const online = (s: ChatSession) => until(s, (x) => x.connection.status === 'online', 'online');

type Chat = { id: string; ended: boolean; transcript: Array<{ index: number; type: string; text?: string }> };
async function standInChats(): Promise<Chat[]> {
  return (await call<Chat[]>(`${h.url}/agent/api/genesys/chats?service=customer-support`, 'GET')).body;
}

/** A visitor session whose first message opened a chat that Dana accepted. */
async function chatWithDana(storage = new MemoryStorage()) {
  const dana = await agent();
  const s = session(storage);
  await online(s);
  await s.send('hello');
  const chatId = s.getSnapshot().chat.conversationId as string;
  await dana.notifications.waitFor((n) => (n.chat as { id?: string } | undefined)?.id === chatId, 'the offer');
  expect((await dana.op(chatId, 'Accept')).status).toBe(200);
  await until(s, (x) => x.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'agentJoined'), 'the join banner');
  return { s, dana, chatId, storage };
}

describe('createGenesysSession', () => {
  it('opens the chat with the first message (requestChat, then sendMessage): pending, then sent with an index', async () => {
    const s = session();
    await online(s);
    const sending = s.send('hello GMS');
    expect(s.getSnapshot().chat.timeline.at(-1)).toMatchObject({ originator: 'consumer', receipt: 'pending' });
    await sending;
    const row = (await until(s, (x) => texts(x.chat.timeline, 'consumer').includes('hello GMS'), 'the echo')).chat.timeline.find((r) => r.kind === 'message');
    expect(row).toMatchObject({ originator: 'consumer', receipt: 'sent', sequence: 2 });
    const [chat] = (await standInChats()).filter((c) => c.id === s.getSnapshot().chat.conversationId);
    expect(chat?.transcript.map((t) => t.type)).toEqual(['ParticipantJoined', 'Message']);
  });

  it('shows the agent joining with a name, messages, a link, a notice and typing both ways; ends by the visitor', async () => {
    const { s, dana, chatId } = await chatWithDana();
    const snap = s.getSnapshot();
    const banner = snap.chat.timeline.find((r) => r.kind === 'banner' && r.banner.type === 'agentJoined');
    const agentId = banner?.kind === 'banner' && 'participantId' in banner.banner ? banner.banner.participantId : '';
    expect(snap.chat.names[agentId as string]).toBe('Dana');
    await dana.op(chatId, 'SendStartTypingNotification');
    await until(s, (x) => x.chat.agentTyping !== undefined, 'agent typing');
    await dana.op(chatId, 'SendMessage', { text: 'Hi Ada' });
    await dana.op(chatId, 'SendUrl', { url: 'https://example.com/help' });
    await dana.op(chatId, 'SendCustomNotice', { noticeText: 'A notice' });
    const after = await until(s, (x) => texts(x.chat.timeline).includes('A notice'), 'the notice');
    expect(after.chat.agentTyping).toBeUndefined();
    expect(texts(after.chat.timeline, 'agent')).toEqual(['Hi Ada', 'https://example.com/help']);
    expect(texts(after.chat.timeline, 'system')).toEqual(['A notice']);
    // The visitor types: startTyping, throttled; stopTyping when done.
    const mark = dana.notifications.mark();
    s.setComposing(true);
    s.setComposing(true);
    s.setComposing(false);
    const typed = (n: Record<string, unknown>, type: string) => ((n.messages ?? []) as Array<{ type: string }>).some((m) => m.type === type);
    await dana.notifications.waitFor((n) => typed(n, 'TypingStopped'), 'the visitor stopped typing', 5000, mark);
    expect(dana.notifications.items.slice(mark).filter((n) => typed(n, 'TypingStarted'))).toHaveLength(1);
    await s.endConversation();
    const ended = await until(s, (x) => x.chat.stage === 'closed', 'the end');
    expect(ended.chat.timeline.at(-1)).toMatchObject({ kind: 'banner', banner: { type: 'conversationEnded', by: 'consumer' } });
    expect((await standInChats()).find((c) => c.id === chatId)?.ended).toBe(true);
  });

  it('ends when the agent completes the chat', async () => {
    const { s, dana, chatId } = await chatWithDana();
    await dana.op(chatId, 'Complete');
    const ended = await until(s, (x) => x.chat.stage === 'closed', 'the end');
    expect(ended.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'conversationEnded')).toBe(true);
  });

  it('a Bayeux restart mid-chat resumes the same chat with no gap and no double', async () => {
    const { s, dana, chatId } = await chatWithDana();
    await dana.op(chatId, 'SendMessage', { text: 'before' });
    await until(s, (x) => texts(x.chat.timeline).includes('before'), 'before');
    await call(`${h.url}/agent/api/genesys/faults/restart`, 'POST', { which: 'gms' });
    await dana.op(chatId, 'SendMessage', { text: 'during' });
    await until(s, (x) => texts(x.chat.timeline).includes('during'), 'the resync');
    await s.send('after');
    const snap = await until(s, (x) => x.chat.timeline.some((r) => r.kind === 'message' && r.receipt === 'sent' && r.body.kind === 'text' && r.body.text === 'after'), 'after');
    expect(texts(snap.chat.timeline)).toEqual(['hello', 'before', 'during', 'after']);
    const chat = (await standInChats()).find((c) => c.id === chatId);
    expect(chat?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual(['hello', 'before', 'during', 'after']);
  });

  it('a reload comes back to the same chat from the keys in localStorage (never the transcript)', async () => {
    const { s, dana, chatId, storage } = await chatWithDana();
    await dana.op(chatId, 'SendMessage', { text: 'Hi Ada' });
    await until(s, (x) => texts(x.chat.timeline).includes('Hi Ada'), 'the reply');
    const stored = storage.getItem(keyStoreKey(h.url, 'customer-support')) ?? '';
    expect(Object.keys(JSON.parse(stored) as object).sort()).toEqual(['alias', 'chatId', 'secureKey', 'userId']);
    expect(stored).not.toContain('Hi Ada');
    s.stop();
    const again = session(storage);
    const snap = await until(again, (x) => texts(x.chat.timeline).includes('Hi Ada'), 'the chat back');
    expect(snap.chat.conversationId).toBe(chatId);
    expect(texts(snap.chat.timeline)).toEqual(['hello', 'Hi Ada']);
    expect(snap.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'agentJoined')).toBe(true);
    await again.send('still here');
    await until(again, (x) => texts(x.chat.timeline, 'consumer').includes('still here'), 'sent after the reload');
    expect((await standInChats()).filter((c) => c.id === chatId)).toHaveLength(1);
  });

  it('messages written while GMS is down wait, then go out once, in order', async () => {
    const { s, chatId } = await chatWithDana();
    // Every session becomes unknown; until the client re-handshakes, sends wait in the queue.
    await call(`${h.url}/agent/api/genesys/faults/restart`, 'POST', { which: 'gms' });
    const sent = Promise.all(['one', 'two', 'three'].map((t) => s.send(t)));
    await sent;
    const snap = await until(s, (x) => texts(x.chat.timeline, 'consumer').includes('three'), 'all three');
    expect(texts(snap.chat.timeline, 'consumer')).toEqual(['hello', 'one', 'two', 'three']);
    const chat = (await standInChats()).find((c) => c.id === chatId);
    expect(chat?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual(['hello', 'one', 'two', 'three']);
  });

  it('messages written while GMS cannot be reached survive a reload (sessionStorage) and go out once, in order', async () => {
    const { s, chatId, storage } = await chatWithDana();
    s.stop();
    // A page that cannot reach GMS (nothing listens there): the messages wait, kept in sessionStorage.
    const tab = new MemoryStorage();
    const offline = session(storage, tab, 'http://127.0.0.1:9/genesys/cometd');
    void offline.send('one').catch(() => undefined);
    void offline.send('two').catch(() => undefined);
    await until(offline, (x) => texts(x.chat.timeline, 'consumer').includes('two'), 'both pending');
    expect(JSON.parse(tab.getItem(outboxKey()) ?? '{}').messages.map((m: { text: string }) => m.text)).toEqual(['one', 'two']);
    offline.stop();
    // The reload reaches GMS: the same chat, and the two restored messages go out once, in order.
    const again = session(storage, tab);
    const snap = await until(again, (x) => x.chat.timeline.filter((r) => r.kind === 'message' && r.receipt === 'sent').length === 3, 'all sent');
    expect(snap.chat.conversationId).toBe(chatId);
    expect(texts(snap.chat.timeline, 'consumer')).toEqual(['hello', 'one', 'two']);
    const chat = (await standInChats()).find((c) => c.id === chatId);
    expect(chat?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual(['hello', 'one', 'two']);
    expect(tab.getItem(outboxKey())).toBeNull();
  });

  it('a message published just before a reload, its echo not yet seen, is found in the transcript and not sent again', async () => {
    const { s, chatId, storage } = await chatWithDana();
    const tab = new MemoryStorage();
    s.stop();
    const first = session(storage, tab);
    await until(first, (x) => texts(x.chat.timeline).includes('hello'), 'the chat back');
    await online(first);
    // GMS takes the message at once but its echo is late: the page leaves before it comes.
    await call(`${h.url}/agent/api/genesys/faults`, 'PUT', { delayMs: 1500 });
    void first.send('maybe stored').catch(() => undefined);
    for (const t0 = Date.now(); !(tab.getItem(outboxKey()) ?? '').includes('"sentFrom"'); await new Promise((r) => setTimeout(r, 10))) {
      if (Date.now() - t0 > 5000) throw new Error('the message was not published');
    }
    await new Promise((r) => setTimeout(r, 100)); // the publish reached GMS
    first.stop();
    expect((await standInChats()).find((c) => c.id === chatId)?.transcript.filter((t) => t.text === 'maybe stored')).toHaveLength(1);
    const again = session(storage, tab);
    const snap = await until(again, (x) => x.chat.timeline.some((r) => r.kind === 'message' && r.receipt === 'sent' && r.body.kind === 'text' && r.body.text === 'maybe stored'), 'reconciled', 15_000);
    expect(texts(snap.chat.timeline, 'consumer')).toEqual(['hello', 'maybe stored']);
    await call(`${h.url}/agent/api/genesys/faults`, 'DELETE');
    await again.send('after');
    await until(again, (x) => texts(x.chat.timeline, 'consumer').includes('after'), 'after');
    const chat = (await standInChats()).find((c) => c.id === chatId);
    expect(chat?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual(['hello', 'maybe stored', 'after']);
  });

  it('a publish whose reply never comes does not hold the queue: it is reconciled, then the next goes out, each once', async () => {
    // The real client, with one fault: the reply to a publish is lost (sent, no callback), and
    // another publish is lost before it leaves (no request, no callback), as seen in a chaos run.
    const { s: first, storage, chatId } = await chatWithDana();
    first.stop();
    const s = createGenesysSession(
      { backend: 'genesys', gms: h.url, service: 'customer-support', nickname: 'Ada', transport: 'long-polling' },
      {
        storage,
        replyTimeoutMs: 1_000,
        createCometD: () => {
          const c = cometdClient(`${h.url}/genesys/cometd`);
          const publish = c.publish.bind(c) as (channel: string, data: unknown, callback: (m: unknown) => void) => void;
          const lost = new Set(['reply lost', 'never sent']);
          (c as unknown as { publish: typeof publish }).publish = (channel, data, callback) => {
            const text = (data as { message?: string }).message ?? '';
            if (!lost.delete(text)) return publish(channel, data, callback);
            if (text === 'reply lost') publish(channel, data, () => undefined);
          };
          return c;
        },
      },
    );
    sessions.push(s);
    s.start();
    await online(s);
    void s.send('reply lost').catch(() => undefined);
    void s.send('never sent').catch(() => undefined);
    void s.send('then this').catch(() => undefined);
    const sent = (x: SessionSnapshot) => x.chat.timeline.filter((r) => r.kind === 'message' && r.originator === 'consumer' && r.receipt === 'sent').length;
    await until(s, (x) => sent(x) === 4, 'all sent', 15_000);
    const chat = (await standInChats()).find((c) => c.id === chatId);
    expect(chat?.transcript.filter((t) => t.type === 'Message').map((t) => t.text)).toEqual(['hello', 'reply lost', 'never sent', 'then this']);
  });

  it('the kick (/meta/disconnect from the server) ends the chat visibly, with no reconnect loop', async () => {
    const { s, chatId, storage } = await chatWithDana();
    await new Promise((r) => setTimeout(r, 200));
    expect((await call(`${h.url}/agent/api/genesys/chats/${chatId}/kick`, 'POST')).body).toEqual({ kicked: true });
    const snap = await until(s, (x) => x.chat.stage === 'closed', 'the end');
    expect(snap.connection.status).toBe('idle');
    await new Promise((r) => setTimeout(r, 1500));
    expect(s.getSnapshot().connection.status).toBe('idle');
    expect(storage.getItem(keyStoreKey(h.url, 'customer-support'))).toBeNull();
    // Writing again starts a new chat.
    await s.send('new chat');
    const again = await until(s, (x) => x.chat.stage === 'open' && texts(x.chat.timeline, 'consumer').includes('new chat'), 'a new chat');
    expect(again.chat.conversationId).not.toBe(chatId);
  });

  it('refuses bad configuration clearly', () => {
    expect(() => createGenesysSession({ backend: 'genesys', gms: 'ftp://x', service: 'a' })).toThrow(/"gms" must use http or https/);
    expect(() => createGenesysSession({ backend: 'genesys', gms: h.url, service: 'a b' })).toThrow(/"service"/);
    expect(() => createGenesysSession({ backend: 'genesys', gms: h.url, service: 'a', userData: { n: 1 as unknown as string } })).toThrow(/userData\.n/);
  });
});
