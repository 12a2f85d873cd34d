import { decodeAgents, decodeConversations, decodeDetail, decodeSettings, receiptOf } from './decode';

const summary = {
  id: 'c1',
  consumerId: 'u1',
  stage: 'OPEN',
  state: 'OPEN',
  skillId: '-1',
  queue: 'open',
  participants: [{ id: 'u1', role: 'CONSUMER' }],
  dialogs: [
    { dialogId: 'd2', dialogType: 'POST_SURVEY', state: 'OPEN', participantsDetails: [] },
    { dialogId: 'c1', dialogType: 'MAIN', state: 'CLOSE', participantsDetails: [{ id: 'a1', role: 'ASSIGNED_AGENT', state: 'SUGGESTED' }] },
  ],
  startTs: 5,
};

describe('console decoders', () => {
  it('keeps well-formed agents and skips the rest', () => {
    expect(decodeAgents([{ id: 'a', nickname: 'Dana', role: 'agent' }, { nickname: 'x' }, 7, { id: 'm', role: 'manager' }])).toEqual([
      { id: 'a', nickname: 'Dana', role: 'agent' },
      { id: 'm', nickname: 'm', role: 'manager' },
    ]);
    expect(decodeAgents({ error: 'nope' })).toEqual([]);
    expect(decodeAgents(null)).toEqual([]);
  });

  it('drops conversations without an id or a known queue', () => {
    const out = decodeConversations([summary, { ...summary, id: 'c2', queue: 'limbo' }, { queue: 'open' }, 'x']);
    expect(out.map((c) => c.id)).toEqual(['c1']);
    expect(out[0]?.dialogs[1]?.participants).toEqual([{ id: 'a1', role: 'ASSIGNED_AGENT', state: 'SUGGESTED' }]);
  });

  it('orders the transcript MAIN first and each dialog by sequence, decoding events tolerantly', () => {
    const d = decodeDetail({
      ...summary,
      transcript: {
        d2: [{ sequence: 0, originatorId: 'bot', role: 'AGENT', serverTimestamp: 9, event: { type: 'ContentEvent', message: 'Rate us' } }],
        c1: [
          { sequence: 1, originatorId: 'a1', role: 'ASSIGNED_AGENT', event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: 0 } },
          { sequence: 0, originatorId: 'u1', role: 'CONSUMER', event: { type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'x' } } },
          { originatorId: 'no-seq', event: {} },
          {
            sequence: 2, originatorId: 'a1', role: 'ASSIGNED_AGENT',
            event: { type: 'ContentEvent', message: 'Pick', quickReplies: { type: 'quickReplies', replies: [{ title: 'Yes' }, { nope: 1 }, { title: 'No' }] } },
          },
          { sequence: 3, originatorId: 'a1', role: 'ASSIGNED_AGENT', event: 'garbage' },
          { sequence: 4, originatorId: 'u1', role: 'CONSUMER', event: { type: 'ContentEvent', contentType: 'hosted/file', message: { caption: 'dot.png', fileType: 'PNG', relativePath: '/v1/AUTH_async-images/acme/x.PNG', preview: 'data:image/jpeg;base64,AA==' } } },
        ],
      },
      receipts: { 0: 'read', 1: 'bogus' },
    });
    expect(d?.transcript.map((t) => t.dialogId)).toEqual(['c1', 'd2']);
    const main = d?.transcript[0]?.entries ?? [];
    expect(main.map((e) => e.sequence)).toEqual([0, 1, 2, 3, 4]);
    expect(main[4]?.event).toEqual({ kind: 'file', caption: 'dot.png', fileType: 'PNG', relativePath: '/v1/AUTH_async-images/acme/x.PNG' });
    expect(main[0]?.event).toEqual({ kind: 'text', text: '[hosted/file]', quickReplies: [] });
    expect(main[1]?.event).toEqual({ kind: 'receipt', status: 'READ', sequences: [0] });
    expect(main[2]?.event).toEqual({ kind: 'text', text: 'Pick', quickReplies: ['Yes', 'No'] });
    expect(main[3]?.event.kind).toBe('other');
    expect(d && receiptOf(d.receipts, 'c1', 0)).toBe('read');
    expect(d && receiptOf(d.receipts, 'c1', 1)).toBe('sent');
  });

  it('reads receipts keyed per dialog as well as flat', () => {
    const d = decodeDetail({ ...summary, transcript: {}, receipts: { c1: { 4: 'delivered' }, d2: { 4: 'read' } } });
    expect(d && receiptOf(d.receipts, 'c1', 4)).toBe('delivered');
    expect(d && receiptOf(d.receipts, 'd2', 4)).toBe('read');
    expect(d && receiptOf(d.receipts, 'd2', 5)).toBe('sent');
  });

  it('rejects a detail that is not a conversation', () => {
    expect(decodeDetail({ error: 'no such conversation' })).toBeUndefined();
    expect(decodeDetail([])).toBeUndefined();
  });

  it('reads settings, defaulting to off (urgent to on, as the stand-in)', () => {
    expect(decodeSettings({ autoReceipts: true, survey: true })).toEqual({ autoReceipts: true, survey: true, welcome: null, urgent: true });
    expect(decodeSettings({ autoReceipts: 'yes' })).toEqual({ autoReceipts: false, survey: false, welcome: null, urgent: true });
    expect(decodeSettings(undefined)).toEqual({ autoReceipts: false, survey: false, welcome: null, urgent: true });
    expect(decodeSettings({ welcome: { text: 'Hi', quickReplies: ['A', 3] }, urgent: false })).toMatchObject({ welcome: { text: 'Hi', quickReplies: ['A'] }, urgent: false });
    expect(decodeSettings({ welcome: { text: 5 } }).welcome).toBeNull();
  });
});
