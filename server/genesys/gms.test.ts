// GMS chatV2 over CometD, driven by the real `cometd` client (cometd-nodejs-client) against the
// stand-in's Bayeux server: every visitor operation and every delivery type, with a GWS agent on the other end.
import { afterEach, describe, expect, it } from 'vitest';
import { standInForTests } from '../testing/harness';
import { disconnect, gmsVisitor, gwsAgent, type GmsVisitor, type GwsAgentClient } from '../testing/genesys';

const h = standInForTests();
const open: Array<GmsVisitor | GwsAgentClient> = [];

afterEach(async () => {
  for (const c of open.splice(0)) await disconnect(c.cometd);
});

type Msg = { index: number; type: string; text?: string; utcTime: number; from: { nickname: string; participantId: number; type: string } };
const messagesOf = (d: Record<string, unknown>) => (d.messages ?? []) as Msg[];
const has = (pred: (m: Msg) => boolean) => (d: Record<string, unknown>) => messagesOf(d).some(pred);

async function visitor(service?: string) {
  const v = await gmsVisitor(h.url, service);
  open.push(v);
  return v;
}

async function agent(user: string) {
  const a = await gwsAgent(h.url, user);
  open.push(a);
  return a;
}

/** A visitor whose chat was requested, and that chat's id. */
async function chatting(nickname = 'John', service?: string) {
  const v = await visitor(service);
  await v.op('requestChat', { nickname, subject: 'Billing' });
  const first = await v.deliveries.waitFor((d) => typeof d.chatId === 'string', 'the requestChat delivery');
  return { v, chatId: first.chatId as string, first };
}

describe('GMS chatV2 visitor side', () => {
  it('requestChat delivers the session keys and the visitor joined, in GMS shape', async () => {
    const { first } = await chatting('John');
    expect(first).toMatchObject({ chatEnded: false, statusCode: 0, nextPosition: 2 });
    for (const key of ['secureKey', 'userId', 'alias', 'chatId']) expect(typeof first[key]).toBe('string');
    const [joined] = messagesOf(first);
    expect(joined).toEqual({ index: 1, type: 'ParticipantJoined', from: { nickname: 'John', participantId: 1, type: 'Client' }, utcTime: expect.any(Number) });
  });

  it('firstName and lastName stand in for a missing nickname; no name at all is an error', async () => {
    const v = await visitor();
    await v.op('requestChat', { firstName: 'Ada', lastName: 'Lovelace' });
    const d = await v.deliveries.waitFor((x) => typeof x.chatId === 'string');
    expect(messagesOf(d)[0]?.from.nickname).toBe('Ada Lovelace');
    const w = await visitor();
    await w.op('requestChat', { subject: 'x' });
    const err = await w.deliveries.waitFor((x) => x.statusCode === 2);
    expect(err.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('nickname') })]);
  });

  it('sendMessage, startTyping, stopTyping, updateNickname and customNotice come back with indices', async () => {
    const { v } = await chatting('John');
    await v.op('startTyping', { message: 'hel' });
    await v.op('stopTyping', { message: '' });
    await v.op('sendMessage', { message: 'hello' });
    await v.op('updateNickname', { nickname: 'Johnny' });
    await v.op('customNotice', { message: 'page: /pricing' });
    const last = await v.deliveries.waitFor(has((m) => m.type === 'CustomNotice'), 'the custom notice');
    const all = v.deliveries.items.flatMap(messagesOf);
    expect(all.map((m) => [m.index, m.type, m.text])).toEqual([
      [1, 'ParticipantJoined', undefined],
      [2, 'TypingStarted', 'hel'],
      [3, 'TypingStopped', undefined],
      [4, 'Message', 'hello'],
      [5, 'NicknameUpdated', 'Johnny'],
      [6, 'CustomNotice', 'page: /pricing'],
    ]);
    expect(messagesOf(last)[0]?.from).toEqual({ nickname: 'Johnny', participantId: 1, type: 'Client' });
    expect(last.nextPosition).toBe(7);
  });

  it("an agent's join, typing, messages, URL and notice reach the visitor; Agents-only messages never do", async () => {
    const dana = await agent('dana');
    const { v, chatId } = await chatting('John');
    expect((await dana.op(chatId, 'Accept')).body).toEqual({ statusCode: 0 });
    await dana.op(chatId, 'SendStartTypingNotification');
    await dana.op(chatId, 'SendStopTypingNotification');
    await dana.op(chatId, 'SendToAgents', { text: 'internal: VIP customer' });
    await dana.op(chatId, 'SendMessage', { text: 'How can I help?' });
    await dana.op(chatId, 'SendUrl', { url: 'https://example.com/help' });
    await dana.op(chatId, 'SendCustomNotice', { noticeText: 'Transcript will be e-mailed' });
    await v.deliveries.waitFor(has((m) => m.type === 'CustomNotice'), 'the agent notice');
    const fromAgent = v.deliveries.items.flatMap(messagesOf).filter((m) => m.from.type === 'Agent');
    expect(fromAgent.map((m) => [m.index, m.type, m.text])).toEqual([
      [2, 'ParticipantJoined', undefined],
      [3, 'TypingStarted', undefined],
      [4, 'TypingStopped', undefined],
      [6, 'Message', 'How can I help?'],
      [7, 'PushUrl', 'https://example.com/help'],
      [8, 'CustomNotice', 'Transcript will be e-mailed'],
    ]);
    expect(fromAgent[0]?.from).toEqual({ nickname: 'Dana', participantId: 2, type: 'Agent' });
    // The full transcript from position 0 skips index 5 as well.
    const mark = v.deliveries.mark();
    await v.op('requestNotifications', { transcriptPosition: 0 });
    const again = await v.deliveries.waitFor((d) => messagesOf(d).length > 5, 'the whole transcript', 5000, mark);
    expect(messagesOf(again).map((m) => m.index)).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(JSON.stringify(v.deliveries.items)).not.toContain('VIP');
  });

  it('a supervisor joins as Supervisor', async () => {
    const morgan = await agent('morgan');
    const { v, chatId } = await chatting('Kim');
    await morgan.op(chatId, 'Accept', { nickname: 'Morgan (supervisor)' });
    const d = await v.deliveries.waitFor(has((m) => m.type === 'ParticipantJoined' && m.from.type !== 'Client'));
    expect(messagesOf(d)[0]?.from).toEqual({ nickname: 'Morgan (supervisor)', participantId: 2, type: 'Supervisor' });
  });

  it('requestNotifications re-delivers from transcriptPosition with nextPosition', async () => {
    const { v } = await chatting('John');
    for (const text of ['one', 'two', 'three']) await v.op('sendMessage', { message: text });
    await v.deliveries.waitFor(has((m) => m.text === 'three'));
    const mark = v.deliveries.mark();
    await v.op('requestNotifications', { transcriptPosition: 3 });
    const d = await v.deliveries.waitFor((x) => messagesOf(x).length === 2, 'the transcript from 3', 5000, mark);
    expect(messagesOf(d).map((m) => m.text)).toEqual(['two', 'three']);
    expect(d.nextPosition).toBe(5);
    await v.op('requestNotifications', { transcriptPosition: -1 });
    expect((await v.deliveries.waitFor((x) => x.statusCode === 2)).errors).toEqual([expect.objectContaining({ message: expect.stringContaining('transcriptPosition') })]);
  });

  it('disconnect ends the chat: ParticipantLeft, chatEnded, and later operations are refused', async () => {
    const { v } = await chatting('John');
    await v.op('disconnect');
    const ended = await v.deliveries.waitFor((d) => d.chatEnded === true, 'chatEnded');
    const left = v.deliveries.items.flatMap(messagesOf).find((m) => m.type === 'ParticipantLeft');
    expect(left?.from).toEqual({ nickname: 'John', participantId: 1, type: 'Client' });
    expect(ended.statusCode).toBe(0);
    await v.op('sendMessage', { message: 'still there?' });
    const refused = await v.deliveries.waitFor((d) => d.statusCode === 2);
    expect(refused).toMatchObject({ chatEnded: true, errors: [expect.objectContaining({ message: 'The chat has ended' })] });
  });

  it('an agent completing the chat ends it for the visitor', async () => {
    const sam = await agent('sam');
    const { v, chatId } = await chatting('John');
    await sam.op(chatId, 'Accept');
    await sam.op(chatId, 'Complete', { text: 'Bye!' });
    const ended = await v.deliveries.waitFor((d) => d.chatEnded === true, 'chatEnded');
    expect(ended.messages).toEqual([]);
    const fromSam = v.deliveries.items.flatMap(messagesOf).filter((m) => m.from.nickname === 'Sam').map((m) => [m.type, m.text]);
    expect(fromSam).toEqual([['ParticipantJoined', undefined], ['Message', 'Bye!'], ['ParticipantLeft', undefined]]);
  });

  it('a wrong secureKey is refused and changes nothing; chats are kept per service', async () => {
    const { v, first } = await chatting('John', 'sales');
    const intruder = await visitor('sales');
    await intruder.op('sendMessage', { secureKey: 'not-the-key', message: 'hijack' });
    const refused = await intruder.deliveries.waitFor((d) => d.statusCode === 2);
    expect(refused.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('secureKey') })]);
    const other = await visitor('customer-support');
    await other.op('sendMessage', { secureKey: first.secureKey, message: 'wrong service' });
    expect((await other.deliveries.waitFor((d) => d.statusCode === 2)).errors).toBeDefined();
    const mark = v.deliveries.mark();
    await v.op('requestNotifications', { transcriptPosition: 0 });
    const transcript = await v.deliveries.waitFor((d) => messagesOf(d).length > 0, 'the transcript', 5000, mark);
    expect(messagesOf(transcript).map((m) => m.type)).toEqual(['ParticipantJoined']);
    expect(JSON.stringify(intruder.deliveries.items)).not.toContain(String(first.chatId));
  });
});
