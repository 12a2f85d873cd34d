// The GMS delivery decoder and the transcript fold: every message type, the banners core derives
// from the participant snapshots, tolerance of any input, and the core property on Genesys input:
// any permutation or duplication of a transcript's deliveries gives the same view.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDelivery, mergeMessages, transcriptEvents, type GmsMessage } from './gmsDecode';
import { initialState, reduce } from '../core/reducer';
import { selectView } from '../core/view';

const CHAT = 'chat-1';
const T0 = 1_767_000_000_000;
const visitor = { nickname: 'Ada', participantId: 1, type: 'Client' };
const dana = { nickname: 'Dana', participantId: 2, type: 'Agent' };
const bot = { nickname: 'Helper <b>', participantId: 3, type: 'External' };

const msg = (index: number, type: string, from: GmsMessage['from'], text?: string): GmsMessage => ({
  index,
  type,
  from,
  utcTime: T0 + index * 1000,
  ...(text !== undefined ? { text } : {}),
});

const TRANSCRIPT: GmsMessage[] = [
  msg(1, 'ParticipantJoined', visitor),
  msg(2, 'Message', visitor, 'hello'),
  msg(3, 'ParticipantJoined', dana),
  msg(4, 'TypingStarted', dana),
  msg(5, 'Message', dana, 'Hi Ada'),
  msg(6, 'PushUrl', dana, 'https://example.com/help'),
  msg(7, 'CustomNotice', dana, 'Transferring you'),
  msg(8, 'ParticipantJoined', bot),
  msg(9, 'ParticipantLeft', dana),
  msg(10, 'PushUrl', bot, 'javascript:alert(1)'),
];

function view(messages: readonly GmsMessage[], ended = false, now = T0 + 11_000) {
  const map = new Map<number, GmsMessage>();
  mergeMessages(map, messages);
  return selectView(reduce(initialState, transcriptEvents({ chatId: CHAT, messages: map, ended })), { now });
}

describe('decodeDelivery', () => {
  it('reads a GMS delivery in the stand-in shape', () => {
    const d = decodeDelivery({
      chatEnded: false, statusCode: 0, alias: '117', secureKey: 'k', userId: 'U', chatId: CHAT, nextPosition: 3,
      messages: [{ index: 1, type: 'ParticipantJoined', from: { nickname: 'Ada', participantId: 1, type: 'Client' }, utcTime: T0 }, { index: 'x' }],
    });
    expect(d).toEqual({
      statusCode: 0, chatEnded: false, alias: '117', secureKey: 'k', userId: 'U', chatId: CHAT, nextPosition: 3, errors: [],
      messages: [{ index: 1, type: 'ParticipantJoined', from: { nickname: 'Ada', participantId: 1, type: 'Client' }, utcTime: T0 }],
    });
  });

  it('reads errors', () => {
    expect(decodeDelivery({ statusCode: 2, chatEnded: true, errors: [{ code: 409, message: 'The chat has ended' }, 7] })).toMatchObject({
      statusCode: 2, chatEnded: true, errors: [{ code: 409, message: 'The chat has ended' }], messages: [],
    });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.anything(), (x) => {
      decodeDelivery(x);
      const d = decodeDelivery({ messages: [x, { index: 1, type: 'Message', from: x, text: x, utcTime: x }] });
      if (d) transcriptEvents({ chatId: CHAT, messages: new Map(d.messages.map((m) => [m.index, m])), ended: true });
    }));
  });
});

describe('transcriptEvents', () => {
  it('shows messages, a safe link, the notice and the join/leave banners with names', () => {
    const v = view(TRANSCRIPT);
    const rows = v.timeline.map((r) => (r.kind === 'banner' ? `banner:${r.banner.type}:${'participantId' in r.banner ? r.banner.participantId : ''}` : `${r.originator}:${r.body.kind === 'text' ? r.body.text : r.body.kind}:${r.receipt ?? ''}`));
    expect(rows).toEqual([
      'consumer:hello:sent',
      `banner:agentJoined:${CHAT}/2`,
      'agent:Hi Ada:',
      'agent:https://example.com/help:',
      'system:Transferring you:',
      `banner:agentJoined:${CHAT}/3`,
      `banner:agentLeft:${CHAT}/2`,
      'agent:unsupported:',
    ]);
    expect(v.names).toEqual({ [`${CHAT}/2`]: 'Dana', [`${CHAT}/3`]: 'Helper <b>' });
    expect(v.agent).toEqual({ participantId: `${CHAT}/3` });
    expect(v.stage).toBe('open');
  });

  it('shows the agent typing until the agent speaks, and TypingStopped clears it', () => {
    expect(view(TRANSCRIPT.slice(0, 4), false, T0 + 5000).agentTyping).toEqual({ participantId: `${CHAT}/2` });
    expect(view(TRANSCRIPT.slice(0, 5), false, T0 + 5000).agentTyping).toBeUndefined();
    expect(view([...TRANSCRIPT.slice(0, 4), msg(5, 'TypingStopped', dana)], false, T0 + 5000).agentTyping).toBeUndefined();
    // The visitor's own typing never shows.
    expect(view([msg(1, 'ParticipantJoined', visitor), msg(2, 'TypingStarted', visitor)], false, T0 + 2500).agentTyping).toBeUndefined();
  });

  it('ends the chat by the visitor or by the agent', () => {
    const byVisitor = view([...TRANSCRIPT.slice(0, 5), msg(6, 'ParticipantLeft', visitor)], true);
    expect(byVisitor.stage).toBe('closed');
    expect(byVisitor.timeline.at(-1)).toMatchObject({ kind: 'banner', banner: { type: 'conversationEnded', by: 'consumer' } });
    const byAgent = view([...TRANSCRIPT.slice(0, 5), msg(6, 'ParticipantLeft', dana)], true);
    // The last agent left: core says so and that the visitor waits again, then the end.
    expect(byAgent.timeline.slice(-3).map((r) => (r.kind === 'banner' ? r.banner : r.kind))).toEqual([
      { type: 'agentLeft', participantId: `${CHAT}/2` },
      { type: 'backToQueue' },
      { type: 'conversationEnded', by: 'agent' },
    ]);
  });

  it('depends only on the set of deliveries (any permutation, any duplication)', () => {
    const expected = view(TRANSCRIPT, true);
    const events = transcriptEvents({ chatId: CHAT, messages: new Map(TRANSCRIPT.map((m) => [m.index, m])), ended: true });
    const deliveries = fc.shuffledSubarray([...TRANSCRIPT.map((m) => [m]), ...TRANSCRIPT.map((m) => [m])], { minLength: TRANSCRIPT.length * 2 })
      .chain((ds) => fc.tuple(fc.constant(ds), fc.array(fc.subarray(TRANSCRIPT, { minLength: 1 }), { maxLength: 4 })));
    const replay = fc.shuffledSubarray([...events, ...events], { minLength: events.length * 2 });
    fc.assert(fc.property(deliveries, replay, ([ds, extra], replayed) => {
      const map = new Map<number, GmsMessage>();
      for (const d of [...ds, ...extra]) mergeMessages(map, d);
      expect(view([...map.values()], true)).toEqual(expected);
      expect(selectView(reduce(initialState, replayed), { now: T0 + 11_000 })).toEqual(expected);
    }));
  });
});
