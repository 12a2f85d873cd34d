// The reducer and selectors under hostile but well-typed events (what a decoder may pass on): extreme
// numbers, huge and odd strings, arbitrary rich content, every event kind in any order. Nothing may
// throw, the invariants hold, and replaying the same events changes nothing.
import fc from 'fast-check';
import { factEntries } from './factTable';
import type { CoreEvent } from './model';
import { initialState, reduce } from './reducer';
import { receiptsToPublish } from './receipts';
import { selectView } from './view';
import { stateViolations, viewViolations } from './test-support/fuzzInvariants';

const ME = 'me';
const id = fc.oneof(fc.constantFrom('c1', 'c2', 'd2', ME, 'agent', '0', ' ', '\u0000', 'ÿ'.repeat(3)), fc.string({ minLength: 1, maxLength: 8 }).filter((s) => !(s in Object.prototype)));
const num = fc.oneof(fc.integer(), fc.constantFrom(0, 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, 0.5));
const seq = fc.oneof(fc.nat(20), fc.constantFrom(Number.MAX_SAFE_INTEGER));
const str = fc.oneof(fc.string({ maxLength: 20 }), fc.constant('z'.repeat(100_000)), fc.constantFrom('<script>alert(1)</script>', '\u202e', '\ud800'));
const originator = fc.constantFrom('consumer' as const, 'agent' as const, 'system' as const);
const participant = fc.record({ id, role: fc.constantFrom('consumer' as const, 'agent' as const, 'manager' as const, 'reader' as const, 'system' as const, 'assistant' as const), status: fc.constantFrom('active' as const, 'suggested' as const) });
// The decoder lists each (id, role) once per snapshot and dialog; that is the reducer's precondition.
const participants = (maxLength: number) => fc.uniqueArray(participant, { maxLength, selector: (p) => `${p.id}/${p.role}` });
const dialog = fc.record({ id, kind: fc.constantFrom('main' as const, 'survey' as const, 'other' as const), messaging: fc.boolean(), open: fc.boolean(), participants: participants(2), createdAt: num });
const body = fc.oneof(
  fc.record({ kind: fc.constant('text' as const), text: str, quickReplies: fc.option(fc.array(fc.record({ title: str, text: str, metadata: fc.jsonValue({ maxDepth: 3 }) }), { maxLength: 3 }), { nil: undefined }) }, { requiredKeys: ['kind', 'text'] }),
  fc.record({ kind: fc.constant('file' as const), caption: str, fileType: str, path: str }),
  fc.record({ kind: fc.constant('rich' as const), fallbackText: str, content: fc.jsonValue({ maxDepth: 6 }) }),
  fc.record({ kind: fc.constant('unsupported' as const), description: str }),
);
const where = { conversationId: id, dialogId: id, originatorId: id, originator };
const event: fc.Arbitrary<CoreEvent> = fc.oneof(
  fc.record({ type: fc.constant('conversation' as const), snapshot: fc.record({ id, updatedAt: num, stage: fc.constantFrom('open' as const, 'closed' as const), mainOpen: fc.boolean(), closedBy: fc.constantFrom('consumer' as const, 'agent' as const, 'system' as const), startedAt: num, endedAt: num, participants: participants(3), dialogs: fc.array(dialog, { minLength: 1, maxLength: 3 }) }, { requiredKeys: ['id', 'updatedAt', 'stage', 'mainOpen', 'startedAt', 'participants', 'dialogs'] }) }),
  fc.record({ type: fc.constant('conversationRemoved' as const), conversationId: id }),
  fc.record({ type: fc.constant('message' as const), ...where, sequence: seq, at: num, body, clientId: fc.option(id, { nil: undefined }), receivedAt: fc.option(num, { nil: undefined }) }, { requiredKeys: ['type', 'conversationId', 'dialogId', 'originatorId', 'originator', 'sequence', 'at', 'body'] }),
  fc.record({ type: fc.constant('receipt' as const), ...where, sequence: seq, at: num, status: fc.constantFrom('accept' as const, 'read' as const, 'action' as const), sequences: fc.array(seq, { maxLength: 5 }) }),
  fc.record({ type: fc.constant('typing' as const), ...where, composing: fc.boolean(), receivedAt: num }),
  fc.record({ type: fc.constant('profile' as const), participantId: id, name: str }),
  fc.record({ type: fc.constant('outboxAdded' as const), clientId: id, text: str, createdAt: num }),
  fc.record({ type: fc.constant('outboxStored' as const), clientId: id, dialogId: id, sequence: seq }),
  fc.record({ type: fc.constant('outboxFailed' as const), clientId: id, reason: str, at: num }),
  fc.record({ type: fc.constant('outboxRetried' as const), clientId: id, at: num }),
).map((e) => JSON.parse(JSON.stringify(e)) as CoreEvent);

describe('reducer fuzz', () => {
  it('keeps its invariants, and replays change nothing, over 20,000 hostile events', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 20, maxLength: 20 }), fc.integer(), (events, now) => {
        const state = reduce(initialState, events);
        const view = selectView(state, { consumerId: ME, now });
        receiptsToPublish(state, { consumerId: ME, seen: new Set(factEntries(state.messages).map(([key]) => key)), sent: { accept: new Set(), read: new Set() } });
        expect([...stateViolations(state), ...viewViolations(view)]).toEqual([]);
        expect(reduce(state, events)).toStrictEqual(state);
      }),
      { numRuns: 1_000, seed: 2026_11 },
    );
  }, 120_000);
});
