// Fuzz: no value from the network makes the decoders throw, and what they return is well-formed.
import fc from 'fast-check';
import { decodeFrame, parseFrame } from './decode';
import type { DecodedFrame } from './decode';
import type { CoreEvent } from '../core/model';

const ctx = { consumerId: 'me', receivedAt: 1 };

/** The result is well-formed, and no exception was swallowed (which would lose a whole frame). */
function wellFormed(f: DecodedFrame): void {
  if (f.kind === 'invalid') {
    expect(typeof f.reason).toBe('string');
    expect(f.reason).not.toMatch(/^undecodable/);
  } else if (f.kind === 'response') {
    expect(typeof f.reqId).toBe('string');
    expect(Number.isFinite(f.code)).toBe(true);
  } else {
    for (const e of f.events) wellFormedEvent(e);
  }
}

const isId = (v: unknown) => typeof v === 'string' && v.length > 0;
const isSeq = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

function wellFormedEvent(e: CoreEvent): void {
  switch (e.type) {
    case 'conversation':
      expect(isId(e.snapshot.id) && Number.isFinite(e.snapshot.updatedAt)).toBe(true);
      expect(e.snapshot.dialogs.length).toBeGreaterThan(0);
      for (const p of [...e.snapshot.participants, ...e.snapshot.dialogs.flatMap((d) => d.participants)]) expect(isId(p.id)).toBe(true);
      return;
    case 'conversationRemoved':
      expect(isId(e.conversationId)).toBe(true);
      return;
    case 'message':
    case 'receipt':
      expect(isId(e.dialogId) && isId(e.originatorId) && isSeq(e.sequence) && Number.isFinite(e.at)).toBe(true);
      if (e.type === 'receipt') expect(e.sequences.every(isSeq)).toBe(true);
      return;
    case 'typing':
      expect(isId(e.dialogId) && isId(e.originatorId) && typeof e.composing === 'boolean').toBe(true);
      return;
    default:
      throw new Error(`decoder produced an unexpected event: ${e.type}`);
  }
}

/** Frames shaped like LivePerson's, with arbitrary values in every slot. */
const anyValue = fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, maxDepth: 3 });
const loose = fc.oneof(anyValue, fc.string(), fc.integer(), fc.constantFrom('OPEN', 'CLOSE', 'ASSIGNED_AGENT', 'CONSUMER', 'MAIN', 'ContentEvent', 'AcceptStatusEvent', 'ChatStateEvent', 'RichContentEvent', 'hosted/file'));
const change = fc.record(
  {
    type: fc.constantFrom('UPSERT', 'DELETE', 7),
    result: fc.record({ convId: loose, lastUpdateTime: loose, conversationDetails: fc.record({ participants: loose, participantsPId: loose, dialogs: fc.oneof(loose, fc.array(fc.dictionary(fc.constantFrom('dialogId', 'dialogType', 'state', 'participantsDetails', 'participants', 'channelType'), loose))), stage: loose, state: loose, closeReason: loose, metaDataLastUpdateTs: loose }, { requiredKeys: [] }) }, { requiredKeys: [] }),
    sequence: loose,
    originatorId: loose,
    originatorMetadata: loose,
    dialogId: loose,
    metadata: loose,
    event: fc.record({ type: loose, message: loose, content: loose, contentType: loose, status: loose, sequenceList: loose, chatState: loose, quickReplies: loose }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
const frame = fc.record(
  {
    kind: fc.constantFrom('notification', 'resp', 'req', undefined),
    type: fc.constantFrom('cqm.ExConversationChangeNotification', 'ms.MessagingEventNotification', 'x'),
    reqId: loose,
    code: loose,
    body: fc.oneof(loose, fc.record({ subscriptionId: loose, changes: fc.oneof(change, fc.array(change, { maxLength: 4 }), loose) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

describe('decoder fuzz', () => {
  it('never throws on anything()', () => {
    fc.assert(fc.property(anyValue, (raw) => wellFormed(decodeFrame(raw, ctx))), { numRuns: 1000 });
  });

  it('never throws on LivePerson-shaped frames with garbage in every field', () => {
    let withEvents = 0;
    fc.assert(
      fc.property(frame, (raw) => {
        const f = decodeFrame(raw, ctx);
        wellFormed(f);
        if (f.kind === 'notification' && f.events.length > 0) withEvents++;
      }),
      // A fixed seed: the reach check below counts over one known run, so it cannot flake.
      { numRuns: 1000, seed: 20261121 },
    );
    // The generator must reach the inner decoders, not only the envelope checks.
    expect(withEvents).toBeGreaterThan(10);
  });

  it('never throws on random text or random JSON text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json()), (text) => wellFormed(decodeFrame(parseFrame(text), ctx))), { numRuns: 1000 });
  });
});
