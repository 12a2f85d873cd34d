// Frames → decodeFrame → reduce → selectView / receiptsToPublish, on the documented happy path
// (webhooks example: consumer text 0, agent joins, agent READ [0] seq 1, typing, agent texts 2 and 3).
import type { CoreEvent } from '../core/model';
import { activeTarget } from '../core/conversation';
import { initialState, reduce } from '../core/reducer';
import { selectView } from '../core/view';
import { receiptsToPublish } from '../core/receipts';
import { factEntries } from '../core/factTable';
import { decodeFrame } from './decode';

const ME = 'consumer-1';
const AGENT = 'agent-1';
const CONV = 'conv-1';

const upsert = (ts: number, participants: unknown[]) => ({
  kind: 'notification',
  type: 'cqm.ExConversationChangeNotification',
  body: { subscriptionId: 'sub', changes: [{ type: 'UPSERT', result: { convId: CONV, conversationDetails: { participants, dialogs: [{ dialogId: CONV, dialogType: 'MAIN', channelType: 'MESSAGING', state: 'OPEN', creationTs: 1000, participantsDetails: participants }], state: 'OPEN', stage: 'OPEN', startTs: 1000, metaDataLastUpdateTs: ts, skillId: '-1' } } }] },
});
const ms = (sequence: number | undefined, from: string, role: string, event: unknown, extra: Record<string, unknown> = {}) => ({
  kind: 'notification',
  type: 'ms.MessagingEventNotification',
  body: { changes: [{ sequence, originatorId: from, originatorMetadata: { id: from, role }, serverTimestamp: sequence === undefined ? undefined : 2000 + sequence * 10, event, conversationId: CONV, dialogId: CONV, ...extra }] },
});

const consumerOnly = [{ id: ME, role: 'CONSUMER' }];
const withAgent = [...consumerOnly, { id: AGENT, role: 'ASSIGNED_AGENT', state: 'ACTIVE' }];
const frames: Array<[number, unknown]> = [
  [1500, upsert(1500, consumerOnly)],
  [2001, ms(0, ME, 'CONSUMER', { type: 'ContentEvent', contentType: 'text/plain', message: 'Hi, I need help' }, { metadata: [{ type: 'ExternalId', id: 'k1' }] })],
  [2005, upsert(2005, withAgent)],
  [2011, ms(1, AGENT, 'ASSIGNED_AGENT', { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] })],
  [2015, ms(undefined, AGENT, 'ASSIGNED_AGENT', { type: 'ChatStateEvent', chatState: 'COMPOSING' })],
  [2016, ms(undefined, AGENT, 'ASSIGNED_AGENT', { type: 'ChatStateEvent', chatState: 'ACTIVE' })],
  [2021, ms(2, AGENT, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'Hello!' })],
  [2031, ms(3, AGENT, 'ASSIGNED_AGENT', { type: 'ContentEvent', contentType: 'text/plain', message: 'How can I help?' })],
];

function eventsOf(list: Array<[number, unknown]>): CoreEvent[] {
  return list.flatMap(([receivedAt, raw]) => {
    const f = decodeFrame(raw, { consumerId: ME, receivedAt });
    return f.kind === 'notification' ? f.events : [];
  });
}

describe('decoded LivePerson frames through the core', () => {
  const queued: CoreEvent = { type: 'outboxAdded', clientId: 'k1', text: 'Hi, I need help', createdAt: 1999 };
  const state = reduce(initialState, [queued, ...eventsOf(frames)]);

  it('renders the documented timeline', () => {
    const view = selectView(state, { consumerId: ME, now: 2040 });
    expect(activeTarget(state)).toEqual({ conversationId: CONV, dialogId: CONV });
    expect(view).toMatchObject({ conversationId: CONV, stage: 'open', agent: { participantId: AGENT }, unread: 2 });
    expect(view.agentTyping).toBeUndefined();
    expect(view.timeline.map((r) => (r.kind === 'banner' ? r.banner.type : `${r.sequence}:${r.receipt ?? '-'}`))).toEqual(['0:read', 'agentJoined', '2:-', '3:-']);
    expect(view.timeline[0]?.key).toBe('out:k1');
  });

  it('owes one ACCEPT and one READ for the agent burst', () => {
    expect(receiptsToPublish(state, { consumerId: ME, seen: new Set(factEntries(state.messages).map(([key]) => key)), sent: { accept: new Set(), read: new Set() } })).toEqual([
      { dialogId: CONV, status: 'accept', sequences: [2, 3] },
      { dialogId: CONV, status: 'read', sequences: [2, 3] },
    ]);
  });

  it('gives the same state when a reconnect replays everything in another order', () => {
    // Chat states are not persisted, so the history replay has everything else (received later).
    const persisted = frames.filter(([, raw]) => !JSON.stringify(raw).includes('ChatStateEvent'));
    const replay = persisted.reverse().map(([t, raw]): [number, unknown] => [t + 60_000, raw]);
    expect(reduce(state, eventsOf(replay))).toStrictEqual(state);
  });
});
