import type { CoreEvent } from './model';
import { activeTarget } from './conversation';
import { initialState, reduce } from './reducer';
import { TYPING_TIMEOUT_MS, selectView } from './view';
import { CONSUMER, dialog, participant, receipt, snapshot, text, typing, withAgent } from './test-support/builders';

const AGENT = 'agent-a';
const open = snapshot('c1', 2000, { participants: withAgent(participant(AGENT, 'agent')) });
const view = (events: CoreEvent[], now = 20_000) => selectView(reduce(initialState, events), { consumerId: CONSUMER, now });
const messages = (events: CoreEvent[]) => view(events).timeline.filter((r) => r.kind === 'message');

describe('selectView: the visitor’s receipts', () => {
  const mine = text('c1', 0, CONSUMER, 'hello');
  const receiptOf = (events: CoreEvent[]) => messages([open, mine, ...events])[0]?.receipt;

  it('climbs sent → delivered → read from agent receipts', () => {
    expect(receiptOf([])).toBe('sent');
    expect(receiptOf([receipt('c1', 1, AGENT, 'accept', [0])])).toBe('delivered');
    expect(receiptOf([receipt('c1', 1, AGENT, 'accept', [0]), receipt('c1', 2, AGENT, 'read', [0])])).toBe('read');
  });

  it('treats READ as delivered too and takes the highest receipt whatever the order', () => {
    expect(receiptOf([receipt('c1', 1, AGENT, 'read', [0])])).toBe('read');
    expect(receiptOf([receipt('c1', 2, AGENT, 'read', [0]), receipt('c1', 1, AGENT, 'accept', [0])])).toBe('read');
  });

  it('ignores the visitor’s own receipts, ACTION receipts and receipts for other sequences', () => {
    expect(receiptOf([receipt('c1', 1, CONSUMER, 'read', [0])])).toBe('sent');
    expect(receiptOf([receipt('c1', 1, AGENT, 'action', [0])])).toBe('sent');
    expect(receiptOf([receipt('c1', 1, AGENT, 'read', [5])])).toBe('sent');
  });

  it('shows no receipt on agent messages', () => {
    expect(messages([open, text('c1', 0, AGENT, 'hi')])[0]?.receipt).toBeUndefined();
  });
});

describe('selectView: outbox reconciliation', () => {
  const added = (clientId: string, t: string, createdAt = 15_000): CoreEvent => ({ type: 'outboxAdded', clientId, text: t, createdAt });

  it('shows a queued message as pending at the end', () => {
    const rows = view([open, text('c1', 0, AGENT, 'hi'), added('k1', 'hello')]).timeline;
    expect(rows.at(-1)).toMatchObject({ key: 'out:k1', receipt: 'pending', body: { kind: 'text', text: 'hello' } });
  });

  it('shows pending messages before any conversation exists', () => {
    const v = view([added('k1', 'first')]);
    expect(v.stage).toBe('none');
    expect(v.timeline).toMatchObject([{ key: 'out:k1', receipt: 'pending' }]);
  });

  it('matches the echo by ExternalId and keeps the bubble key', () => {
    const rows = messages([open, added('k1', 'hello'), text('c1', 3, CONSUMER, 'hello', { clientId: 'k1' })]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ key: 'out:k1', receipt: 'sent', sequence: 3, clientId: 'k1' });
  });

  it('matches by the stored sequence when the echo carries no ExternalId', () => {
    const stored: CoreEvent = { type: 'outboxStored', clientId: 'k1', dialogId: 'c1', sequence: 3 };
    expect(messages([open, added('k1', 'hello'), stored])).toMatchObject([{ key: 'out:k1', receipt: 'sent', sequence: 3 }]);
    const rows = messages([open, added('k1', 'hello'), stored, text('c1', 3, CONSUMER, 'hello')]);
    expect(rows).toMatchObject([{ key: 'out:k1', receipt: 'sent', sequence: 3, clientId: 'k1' }]);
  });

  it('never matches by text: two identical texts stay two bubbles', () => {
    const rows = messages([open, added('k1', 'same'), added('k2', 'same', 15_001), text('c1', 3, CONSUMER, 'same', { clientId: 'k1' })]);
    expect(rows.map((r) => [r.key, r.receipt])).toEqual([
      ['out:k1', 'sent'],
      ['out:k2', 'pending'],
    ]);
    const unrelated = messages([open, added('k1', 'same'), text('c1', 3, CONSUMER, 'same')]);
    expect(unrelated.map((r) => r.receipt)).toEqual(['sent', 'pending']);
  });

  it('hides a stored message whose echo belongs to another (or a removed) conversation', () => {
    const stored: CoreEvent = { type: 'outboxStored', clientId: 'k1', dialogId: 'old', sequence: 0 };
    const oldConv = snapshot('old', 500, { stage: 'closed', mainOpen: false });
    expect(messages([open, oldConv, added('k1', 'x'), stored])).toEqual([]);
    expect(messages([open, oldConv, { type: 'conversationRemoved', conversationId: 'old' }, added('k1', 'x'), stored])).toEqual([]);
    expect(messages([open, added('k1', 'x'), { ...stored, dialogId: 'not-yet-known' }])).toMatchObject([{ receipt: 'sent' }]);
  });

  it('shows failed, then pending again after a retry (ordered by time, not arrival)', () => {
    const failed: CoreEvent = { type: 'outboxFailed', clientId: 'k1', reason: 'timeout', at: 16_000 };
    const retried: CoreEvent = { type: 'outboxRetried', clientId: 'k1', at: 17_000 };
    expect(messages([open, added('k1', 'x'), failed])[0]?.receipt).toBe('failed');
    expect(messages([open, added('k1', 'x'), retried, failed])[0]?.receipt).toBe('pending');
    expect(messages([open, added('k1', 'x'), failed, retried, { ...failed, at: 18_000 }])[0]?.receipt).toBe('failed');
  });
});

describe('selectView: conversation, dialogs and timeline order', () => {
  it('orders by dialog (survey after main) then sequence, not by arrival', () => {
    const survey = snapshot('c1', 3000, {
      mainOpen: false,
      dialogs: [
        { id: 'c1', kind: 'main', messaging: true, open: false, participants: [], createdAt: 1000 },
        { id: 's1', kind: 'survey', messaging: true, open: true, participants: [], createdAt: 2500 },
      ],
    });
    const v = view([text('s1', 0, 'bot', 'rate us', { conversationId: 'c1', at: 30_000 }), text('c1', 1, AGENT, 'b'), open, survey, text('c1', 0, AGENT, 'a')]);
    expect(activeTarget(reduce(initialState, [open, survey]))?.dialogId).toBe('s1');
    expect(v.timeline.filter((r) => r.kind === 'message').map((r) => r.kind === 'message' && r.body.kind === 'text' && r.body.text)).toEqual(['a', 'b', 'rate us']);
  });

  it('finds a survey dialog’s messages by dialog id when they carry no conversation id', () => {
    const survey = snapshot('c1', 3000, { mainOpen: false, dialogs: [{ id: 's1', kind: 'survey', messaging: true, open: true, participants: [], createdAt: 2500 }] });
    expect(messages([survey, text('s1', 0, 'bot', 'rate us')])).toHaveLength(1);
  });

  it('prefers the open conversation, else the most recently closed one', () => {
    const closedOld = snapshot('old', 900, { stage: 'closed', mainOpen: false, endedAt: 900 });
    const closedNew = snapshot('new', 1900, { stage: 'closed', mainOpen: false, endedAt: 1900 });
    expect(view([closedOld, closedNew]).conversationId).toBe('new');
    expect(view([closedOld, closedNew]).stage).toBe('closed');
    expect(activeTarget(reduce(initialState, [closedOld, closedNew]))).toBeUndefined();
    expect(view([closedOld, open, closedNew]).conversationId).toBe('c1');
  });

  it('uses the newest snapshot; a stale UPSERT does not win', () => {
    const closed = snapshot('c1', 5000, { stage: 'closed', mainOpen: false, closedBy: 'agent' });
    expect(view([closed, open]).stage).toBe('closed');
  });

  it('drops a conversation that left the subscription, with its messages', () => {
    const state = reduce(initialState, [open, text('c1', 0, AGENT, 'hi'), { type: 'conversationRemoved', conversationId: 'c1' }, text('c1', 1, AGENT, 'late')]);
    expect(state.messages).toEqual({});
    expect(selectView(state, { consumerId: CONSUMER, now: 0 }).stage).toBe('none');
  });

  it('places banners among messages by time', () => {
    const joined = snapshot('c1', 10_150, { participants: withAgent(participant(AGENT, 'agent')) });
    const v = view([snapshot('c1', 9000), joined, text('c1', 0, CONSUMER, 'q'), text('c1', 2, AGENT, 'a')]);
    expect(v.timeline.map((r) => (r.kind === 'banner' ? r.banner.type : r.sequence))).toEqual([0, 'agentJoined', 2]);
  });

  it('gives names from profiles and the active agent', () => {
    const v = view([open, { type: 'profile', participantId: AGENT, name: 'Ann' }]);
    expect(v.names).toEqual({ [AGENT]: 'Ann' });
    expect(v.agent).toEqual({ participantId: AGENT });
    expect(v.avatars).toBeUndefined();
  });

  it('gives pictures from profiles that have one', () => {
    const v = view([open, { type: 'profile', participantId: AGENT, name: 'Ann', avatarUrl: 'https://cdn.example/ann.png' }, { type: 'profile', participantId: 'other', name: 'Bo' }]);
    expect(v.avatars).toEqual({ [AGENT]: 'https://cdn.example/ann.png' });
  });
});

describe('selectView: unread', () => {
  it('counts agent content the visitor has not READ, never receipts or own messages', () => {
    const base = [open, text('c1', 0, CONSUMER, 'q'), text('c1', 1, AGENT, 'a1'), receipt('c1', 2, AGENT, 'read', [0]), text('c1', 3, AGENT, 'a2')];
    expect(view(base).unread).toBe(2);
    expect(view([...base, receipt('c1', 4, CONSUMER, 'accept', [1, 3])]).unread).toBe(2);
    expect(view([...base, receipt('c1', 4, CONSUMER, 'read', [1])]).unread).toBe(1);
    expect(view([...base, receipt('c1', 4, CONSUMER, 'read', [1, 3])]).unread).toBe(0);
  });

  it('counts nothing in dialogs that are closed: no READ can be published there, so the badge would stick', () => {
    const base = [open, text('c1', 1, AGENT, 'bye')];
    expect(view(base).unread).toBe(1);
    const closed = snapshot('c1', 3000, { stage: 'closed', mainOpen: false, closedBy: 'agent', dialogs: [dialog('c1', { open: false })] });
    expect(view([...base, closed]).unread).toBe(0);
  });
});

describe('selectView: agent typing', () => {
  it('shows composing within the timeout and clears it after', () => {
    const t = typing('c1', AGENT, true, 20_000);
    expect(view([open, t], 20_000 + TYPING_TIMEOUT_MS).agentTyping).toEqual({ participantId: AGENT });
    expect(view([open, t], 20_001 + TYPING_TIMEOUT_MS).agentTyping).toBeUndefined();
  });

  it('clears on a later non-composing state or a later message from that agent', () => {
    expect(view([open, typing('c1', AGENT, true, 19_000), typing('c1', AGENT, false, 19_500)]).agentTyping).toBeUndefined();
    expect(view([open, typing('c1', AGENT, false, 19_000), typing('c1', AGENT, true, 19_500)]).agentTyping).toBeDefined();
    expect(view([open, typing('c1', AGENT, true, 19_000), text('c1', 0, AGENT, 'hi', { receivedAt: 19_200 })]).agentTyping).toBeUndefined();
    expect(view([open, typing('c1', AGENT, true, 19_000), text('c1', 0, AGENT, 'hi', { receivedAt: 18_000 })]).agentTyping).toBeDefined();
  });

  it('ignores the visitor’s own typing echo', () => {
    expect(view([open, typing('c1', CONSUMER, true, 19_000)]).agentTyping).toBeUndefined();
  });
});

describe('selectView: the survey', () => {
  it('puts "the survey started" above the survey question stored at the same moment, not under it', () => {
    const dialogs = [dialog('c1', { open: false }), dialog('s1', { kind: 'survey', createdAt: 12_000 })];
    const survey = snapshot('c1', 12_000, { mainOpen: false, closedBy: 'agent', dialogs, participants: withAgent(participant(AGENT, 'agent'), participant('bot', 'assistant')) });
    const question = text('s1', 0, 'bot', 'How would you rate your overall experience?', { conversationId: 'c1', at: 12_000 });
    const rows = view([open, text('c1', 0, CONSUMER, 'thanks'), survey, question]).timeline;
    const order = rows.map((r) => (r.kind === 'banner' ? r.banner.type : r.body.kind === 'text' ? r.body.text : r.kind));
    expect(order.slice(-2)).toEqual(['surveyStarted', 'How would you rate your overall experience?']);
  });

  it('puts the survey start, and the banners before it, above the survey question dated a little earlier (two clocks)', () => {
    const joined = snapshot('c1', 11_002, { participants: withAgent(participant(AGENT, 'agent')) });
    const dialogs = [dialog('c1', { open: false }), dialog('s1', { kind: 'survey', createdAt: 11_003 })];
    const survey = snapshot('c1', 11_003, { mainOpen: false, closedBy: 'agent', dialogs, participants: withAgent(participant(AGENT, 'agent'), participant('bot', 'assistant')) });
    // The messaging service dated the question before both metadata changes.
    const question = text('s1', 0, 'bot', 'How would you rate your overall experience?', { conversationId: 'c1', at: 11_001 });
    const waiting = snapshot('c1', 2000);
    const rows = view([waiting, text('c1', 0, CONSUMER, 'thanks', { at: 10_000 }), joined, survey, question]).timeline;
    const order = rows.map((r) => (r.kind === 'banner' ? r.banner.type : r.body.kind === 'text' ? r.body.text : r.kind));
    expect(order).toEqual(['thanks', 'agentJoined', 'surveyStarted', 'How would you rate your overall experience?']);
  });
});

describe('selectView: a new conversation after an end', () => {
  it('keeps the earlier thread above its "conversation ended" row, then the new one', () => {
    const ended = snapshot('c1', 3000, { stage: 'closed', mainOpen: false, closedBy: 'agent', endedAt: 3000, participants: withAgent(participant(AGENT, 'agent')) });
    const next = snapshot('c2', 5000, { startedAt: 5000 });
    const rows = view([open, text('c1', 0, CONSUMER, 'first question', { at: 2500 }), ended, next, text('c2', 0, CONSUMER, 'second question', { at: 5500 })]).timeline;
    const order = rows.map((r) => (r.kind === 'banner' ? r.banner.type : r.body.kind === 'text' ? r.body.text : r.kind));
    expect(order).toEqual(['agentJoined', 'first question', 'conversationEnded', 'second question']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('shows no earlier thread whose messages it does not have (after a reload), nor one older than the last', () => {
    const ended = snapshot('c1', 3000, { stage: 'closed', mainOpen: false, closedBy: 'consumer', endedAt: 3000 });
    const rows = view([ended, snapshot('c2', 5000, { startedAt: 5000 }), text('c2', 0, CONSUMER, 'hello', { at: 5500 })]).timeline;
    expect(rows.map((r) => r.kind)).toEqual(['message']);
  });
});
