import type { ConversationSnapshot, CoreEvent } from '../core/model';
import { decodeFrame } from './decode';

const ctx = { consumerId: '5e9e', receivedAt: 1 };
const notification = (changes: unknown) => ({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', body: { subscriptionId: 's', changes } });
function eventsOf(changes: unknown): CoreEvent[] {
  const f = decodeFrame(notification(changes), ctx);
  if (f.kind !== 'notification') throw new Error(`expected a notification, got ${JSON.stringify(f)}`);
  return f.events;
}
function snapshotOf(changes: unknown): ConversationSnapshot {
  const [e] = eventsOf(changes);
  if (e?.type !== 'conversation') throw new Error(`expected a snapshot, got ${JSON.stringify(e)}`);
  return e.snapshot;
}

// The PCS tutorial's Step 9 notification (ids shortened).
const pcs = {
  type: 'UPSERT',
  result: {
    convId: 'C',
    effectiveTTR: -1,
    conversationDetails: {
      participants: [
        { id: '29c3', role: 'ASSIGNED_AGENT' },
        { id: '29c3', role: 'READER' },
        { id: '5e9e', role: 'CONSUMER' },
        { id: '2fa9', role: 'AGENT' },
        { id: '2281', role: 'CONTROLLER' },
      ],
      dialogs: [
        { dialogId: 'C', participantsDetails: [{ id: '5e9e', role: 'CONSUMER' }, { id: '2281', role: 'CONTROLLER' }, { id: '29c3', role: 'ASSIGNED_AGENT' }], dialogType: 'MAIN', channelType: 'MESSAGING', state: 'CLOSE', creationTs: 1538486163083, endTs: 1538499226753, metaDataLastUpdateTs: 1538499226753, closedBy: 'CONSUMER' },
        { dialogId: 'S', participantsDetails: [{ id: '5e9e', role: 'CONSUMER' }, { id: '2fa9', role: 'AGENT' }, { id: '29c3', role: 'READER' }], dialogType: 'POST_SURVEY', channelType: 'MESSAGING', metaData: { appInstallId: '756e' }, state: 'OPEN', creationTs: 1538499226752, metaDataLastUpdateTs: 1538499227108 },
      ],
      brandId: '64467156',
      state: 'CLOSE',
      stage: 'OPEN',
      closeReason: 'CONSUMER',
      startTs: 1538486163083,
      metaDataLastUpdateTs: 1538499227108,
      ttr: { ttrType: 'PRIORITIZED', value: 600 },
    },
  },
};

describe('decoding conversation metadata', () => {
  it('decodes the PCS example: stage open, MAIN closed, survey dialog open, roles mapped', () => {
    const s = snapshotOf([pcs]);
    expect(s).toMatchObject({ id: 'C', updatedAt: 1538499227108, stage: 'open', mainOpen: false, closedBy: 'consumer', startedAt: 1538486163083 });
    expect(s.participants).toEqual(
      expect.arrayContaining([
        { id: '29c3', role: 'agent', status: 'active' },
        { id: '29c3', role: 'reader', status: 'active' },
        { id: '5e9e', role: 'consumer', status: 'active' },
        { id: '2fa9', role: 'assistant', status: 'active' },
        { id: '2281', role: 'system', status: 'active' },
      ]),
    );
    expect(s.participants).toHaveLength(5);
    expect(s.dialogs.map((d) => [d.id, d.kind, d.messaging, d.open, d.createdAt])).toEqual([
      ['C', 'main', true, false, 1538486163083],
      ['S', 'survey', true, true, 1538499226752],
    ]);
  });

  it('decodes the older tutorial format: participantsPId, no dialogs, lastUpdateTime', () => {
    const s = snapshotOf({
      type: 'UPSERT',
      result: {
        convId: '6b26',
        conversationDetails: { participantsPId: { CONSUMER: ['72fc'], ASSIGNED_AGENT: ['734d'] }, state: 'OPEN', startTs: 1477840809953, ttr: { ttrType: 'PRIORITIZED', value: 600 } },
        lastUpdateTime: 1477840967209,
      },
    });
    expect(s).toEqual({
      id: '6b26',
      updatedAt: 1477840967209,
      stage: 'open',
      mainOpen: true,
      startedAt: 1477840809953,
      participants: [
        { id: '734d', role: 'agent', status: 'active' },
        { id: '72fc', role: 'consumer', status: 'active' },
      ],
      dialogs: [
        {
          id: '6b26',
          kind: 'main',
          messaging: true,
          open: true,
          createdAt: 1477840809953,
          participants: [
            { id: '734d', role: 'agent', status: 'active' },
            { id: '72fc', role: 'consumer', status: 'active' },
          ],
        },
      ],
      expectedReply: { withinSeconds: 600, urgent: false },
    });
  });

  it('decodes the expected reply: ttr seconds, counted from delay.tillWhen; manualETTR, then effectiveTTR, win; and the CSAT rating', () => {
    const conv = (details: Record<string, unknown>, result: Record<string, unknown> = {}) =>
      snapshotOf({ type: 'UPSERT', result: { convId: 'X', ...result, conversationDetails: { participants: [], state: 'OPEN', startTs: 1, ...details } } });
    expect(conv({ ttr: { ttrType: 'URGENT', value: 300 } }).expectedReply).toEqual({ withinSeconds: 300, urgent: true });
    expect(conv({ ttr: { ttrType: 'NORMAL', value: 3600 }, delay: { type: 'NIGHT', tillWhen: 5_000 } }).expectedReply).toEqual({ withinSeconds: 3600, after: 5_000, urgent: false });
    expect(conv({ ttr: { ttrType: 'NORMAL', value: 3600 }, manualETTR: 9_000 }, { effectiveTTR: 7_000 }).expectedReply).toEqual({ by: 9_000, urgent: false });
    expect(conv({ ttr: { ttrType: 'NORMAL', value: 3600 } }, { effectiveTTR: 7_000 }).expectedReply).toEqual({ by: 7_000, urgent: false });
    // nonsense is ignored: a negative, huge or textual value; effectiveTTR -1 means none
    expect(conv({ ttr: { ttrType: 'NORMAL', value: -5 } }, { effectiveTTR: -1 }).expectedReply).toBeUndefined();
    expect(conv({ ttr: { ttrType: 'NORMAL', value: 1e12 }, manualETTR: 'soon' }).expectedReply).toBeUndefined();
    expect(conv({ csat: { field: 'CSATRate', csatRate: 4, csatResolutionConfirmation: true, status: 'FILLED' } }).rating).toBe(4);
    expect(conv({ csat: { csatRate: 9 } }).rating).toBeUndefined();
  });

  it('reads lastContentEventNotification when present (text only), never relying on it', () => {
    const last = (v: unknown) => snapshotOf({ type: 'UPSERT', result: { convId: 'X', lastContentEventNotification: v, conversationDetails: { participants: [], state: 'CLOSE', startTs: 1 } } }).lastContent;
    const event = { type: 'ContentEvent', contentType: 'text/plain', message: 'Thanks, bye' };
    expect(last({ sequence: 4, serverTimestamp: 5_000, originatorMetadata: { id: 'a', role: 'ASSIGNED_AGENT' }, event })).toEqual({ text: 'Thanks, bye', at: 5_000, originator: 'agent' });
    expect(last({ serverTimestamp: 5_000, originatorMetadata: { role: 'CONSUMER' }, event })?.originator).toBe('consumer');
    expect(last({ serverTimestamp: 5_000, event: { type: 'RichContentEvent', content: {} } })).toBeUndefined();
    expect(last({ event })).toBeUndefined(); // no time
    expect(last('garbage')).toBeUndefined();
  });

  it('accepts participants as a role map, numeric ids and single elements instead of arrays', () => {
    const s = snapshotOf({ type: 'UPSERT', result: { convId: 42, conversationDetails: { participants: { CONSUMER: 7, MANAGER: ['m'] }, stage: 'OPEN', skillId: 12, metaDataLastUpdateTs: 9 } } });
    expect(s.id).toBe('42');
    expect(s.skillId).toBe('12');
    expect(s.participants).toEqual([
      { id: '7', role: 'consumer', status: 'active' },
      { id: 'm', role: 'manager', status: 'active' },
    ]);
  });

  it('marks an agent SUGGESTED in the MAIN dialog as suggested, even when missing from participants', () => {
    const s = snapshotOf([
      {
        type: 'UPSERT',
        result: {
          convId: 'C',
          conversationDetails: {
            participants: [{ id: 'u', role: 'CONSUMER' }],
            dialogs: { dialogId: 'C', dialogType: 'MAIN', channelType: 'MESSAGING', state: 'OPEN', participantsDetails: [{ id: 'u', role: 'CONSUMER', state: 'ACTIVE' }, { id: 'b', role: 'ASSIGNED_AGENT', state: 'SUGGESTED' }] },
            state: 'OPEN',
            stage: 'OPEN',
            metaDataLastUpdateTs: 5,
          },
        },
      },
    ]);
    expect(s.participants).toContainEqual({ id: 'b', role: 'agent', status: 'suggested' });
  });

  it('reads dialogs with plain participant id lists and non-messaging (cobrowse) dialogs', () => {
    const s = snapshotOf({
      type: 'UPSERT',
      result: {
        convId: 'C',
        conversationDetails: {
          participants: [{ id: 'u', role: 'CONSUMER' }, { id: 'a', role: 'ASSIGNED_AGENT' }],
          dialogs: [
            { dialogId: 'C', dialogType: 'MAIN', channelType: 'MESSAGING', state: 'OPEN', participants: ['u', 'a', 'unknown'] },
            { dialogId: 'X', dialogType: 'OTHER', channelType: 'COBROWSE', state: 'OPEN', participants: ['u'] },
          ],
          stage: 'OPEN',
          state: 'OPEN',
        },
      },
    });
    expect(s.dialogs.find((d) => d.id === 'C')?.participants.map((p) => p.id)).toEqual(['a', 'u']);
    expect(s.dialogs.find((d) => d.id === 'X')).toMatchObject({ kind: 'other', messaging: false });
  });

  it.each([
    ['CONSUMER', 'consumer'],
    ['AGENT', 'agent'],
    ['SYSTEM', 'system'],
    ['TIMEOUT', 'system'],
  ])('maps closeReason %s to closedBy %s', (reason, by) => {
    const s = snapshotOf({ type: 'UPSERT', result: { convId: 'C', conversationDetails: { state: 'CLOSE', stage: 'CLOSE', closeReason: reason, endTs: 20, metaDataLastUpdateTs: 20 } } });
    expect(s).toMatchObject({ stage: 'closed', mainOpen: false, closedBy: by, endedAt: 20 });
  });

  it('turns DELETE into conversationRemoved and skips changes without an id', () => {
    expect(eventsOf([{ type: 'DELETE', result: { convId: 'C' } }, { type: 'UPSERT', result: {} }, 'junk', null])).toEqual([{ type: 'conversationRemoved', conversationId: 'C' }]);
  });

  it('ignores unknown roles, unknown fields and unknown enum values', () => {
    const s = snapshotOf({ type: 'UPSERT', result: { convId: 'C', future: true, conversationDetails: { participants: [{ id: 'x', role: 'ROBOT' }, { id: 'u', role: 'CONSUMER' }], stage: 'LOCKED', state: 'OPEN', metaDataLastUpdateTs: 3 } } });
    expect(s.participants).toEqual([{ id: 'u', role: 'consumer', status: 'active' }]);
    expect(s.stage).toBe('open');
  });
});
