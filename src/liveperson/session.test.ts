import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatSession } from '../core/session';
import type { TimelineRow } from '../core/model';
import { createLivePersonSession, type LivePersonSessionDeps } from './session';
import { MemoryStorage } from './storage';
import { startHarness, waitForSnapshot, eventually, delay, type Harness } from './testing/standin-harness';

interface Agent {
  id: string;
  nickname: string;
  role: string;
}
interface TranscriptEntry {
  sequence: number;
  originatorId: string;
  role: string;
  event: { type: string; status?: string; sequenceList?: number[]; message?: unknown };
  metadata?: Array<{ type: string; id?: string }>;
}
interface ConversationDetail {
  id: string;
  consumerId: string;
  stage: string;
  transcript: Record<string, TranscriptEntry[]>;
  receipts: Record<string, string>;
}

let h: Harness;
const sessions: ChatSession[] = [];

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const s of sessions.splice(0)) s.stop();
  await h.stop();
});

function open(account: string, storage = new MemoryStorage(), deps: LivePersonSessionDeps = {}): ChatSession {
  const session = createLivePersonSession({ account, csds: h.standIn.url }, { WebSocket: h.WebSocket, storage, ...deps });
  sessions.push(session);
  session.start();
  return session;
}

const texts = (timeline: TimelineRow[]) => timeline.flatMap((r) => (r.kind === 'message' && r.body.kind === 'text' ? [r.body.text] : []));
const mine = (timeline: TimelineRow[], text: string) => timeline.find((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text === text && r.originator === 'consumer');
const online = (s: ChatSession) => waitForSnapshot(s, (x) => x.connection.status === 'online');

async function agentsOf(account: string) {
  const agents = await h.control<Agent[]>('GET', `${account}/agents`);
  const dana = agents.find((a) => a.nickname === 'Dana');
  if (!dana) throw new Error('no Dana');
  return { dana };
}
const detail = (account: string, c: string) => h.control<ConversationDetail>('GET', `${account}/conversations/${c}`);
const consumerReceipts = (d: ConversationDetail, consumerId: string) =>
  Object.values(d.transcript).flat().filter((e) => e.originatorId === consumerId && e.event.type === 'AcceptStatusEvent');

describe('LivePerson session against the stand-in', () => {
  it('runs the tutorial flow: create on first message, agent joins, receipts both ways, agent closes', async () => {
    const account = h.account();
    const session = open(account);
    const first = await online(session);
    expect(first.chat.stage).toBe('none');
    const sending = session.send('Hello there');
    const pending = session.getSnapshot();
    expect(mine(pending.chat.timeline, 'Hello there')).toMatchObject({ receipt: 'pending' });
    await sending;
    const sent = await waitForSnapshot(session, (s) => mine(s.chat.timeline, 'Hello there')?.receipt === 'sent');
    const c = sent.chat.conversationId as string;
    const consumerId = sent.chat.consumerId as string;
    expect(sent.chat.stage).toBe('open');
    expect(h.sent.filter((f) => f.type === 'cm.ConsumerRequestConversation')).toHaveLength(1);
    const publish = h.sent.find((f) => f.type === 'ms.PublishEvent' && (f.body?.event as { type?: string }).type === 'ContentEvent');
    const row = mine(sent.chat.timeline, 'Hello there');
    expect(publish?.metadata).toEqual([{ type: 'ExternalId', id: row?.kind === 'message' ? row.clientId : 'missing' }]);

    const { dana } = await agentsOf(account);
    await h.control('POST', `${account}/conversations/${c}/accept`, { agentId: dana.id });
    const joined = await waitForSnapshot(session, (s) => s.chat.agent?.participantId === dana.id && s.chat.names[dana.id] === 'Dana');
    expect(joined.chat.timeline.some((r) => r.kind === 'banner' && r.banner.type === 'agentJoined')).toBe(true);

    // Agent content: ACCEPT on arrival (not viewing), READ once the visitor views it.
    const { sequence: s1 } = await h.control<{ sequence: number }>('POST', `${account}/conversations/${c}/messages`, { agentId: dana.id, text: 'Hi, I am Dana' });
    const { sequence: s2 } = await h.control<{ sequence: number }>('POST', `${account}/conversations/${c}/messages`, { agentId: dana.id, text: 'How can I help?' });
    await waitForSnapshot(session, (s) => texts(s.chat.timeline).includes('How can I help?'));
    await eventually(async () => consumerReceipts(await detail(account, c), consumerId).some((e) => e.event.status === 'ACCEPT' && e.event.sequenceList?.includes(s2)));
    let receipts = consumerReceipts(await detail(account, c), consumerId);
    expect(receipts.filter((e) => e.event.status === 'READ')).toHaveLength(0);
    expect(receipts.flatMap((e) => e.event.sequenceList ?? []).sort()).toEqual([s1, s2]);
    session.setViewing(true);
    await eventually(async () => consumerReceipts(await detail(account, c), consumerId).some((e) => e.event.status === 'READ'));
    receipts = consumerReceipts(await detail(account, c), consumerId);
    const reads = receipts.filter((e) => e.event.status === 'READ');
    expect(reads).toHaveLength(1);
    expect(reads[0]?.event.sequenceList).toEqual([s1, s2]);

    // The agent side acknowledges the visitor's message: sent → delivered → read.
    const visitorSeq = (mine(sent.chat.timeline, 'Hello there') as { sequence: number }).sequence;
    await h.control('POST', `${account}/conversations/${c}/receipts`, { agentId: dana.id, status: 'ACCEPT', sequences: [visitorSeq] });
    await waitForSnapshot(session, (s) => mine(s.chat.timeline, 'Hello there')?.receipt === 'delivered');
    await h.control('POST', `${account}/conversations/${c}/receipts`, { agentId: dana.id, status: 'READ', sequences: [visitorSeq] });
    await waitForSnapshot(session, (s) => mine(s.chat.timeline, 'Hello there')?.receipt === 'read');

    await h.control('POST', `${account}/conversations/${c}/typing`, { agentId: dana.id, state: 'COMPOSING' });
    await waitForSnapshot(session, (s) => s.chat.agentTyping?.participantId === dana.id);

    await h.control('POST', `${account}/conversations/${c}/close`, {});
    await waitForSnapshot(session, (s) => s.chat.stage === 'closed');
    expect(h.schemaProblems).toEqual([]);
  });
});
