// Hostile input, end to end below the UI: well over 100,000 generated frames (malformed JSON, wrong
// types, missing fields, huge strings, deep nesting, unknown types and enums) go through
// parseFrame → decodeFrame → reduce → selectView → receiptsToPublish. Nothing may throw, the state
// and view must keep their invariants, and a normal exchange afterwards must still work.
import fc from 'fast-check';
import { initialState, reduce } from '../core/reducer';
import type { ChatState } from '../core/state';
import { selectView } from '../core/view';
import { receiptsToPublish } from '../core/receipts';
import { stateViolations, viewViolations } from '../core/test-support/fuzzInvariants';
import { decodeFrame, parseFrame } from './decode';
import { hostileFrameText, openConversationFrame, textMessageFrame, validFrame, type Json } from './testing/fuzzFrames';
import { factAt, factEntries } from '../core/factTable';

const ME = 'consumer-me';
const ctx = { consumerId: ME, receivedAt: 1_700_000_000_000 };
const noneSent = { accept: new Set<string>(), read: new Set<string>() };

let framesSeen = 0;

/** Feeds frame texts through the whole pipeline; returns the state. Throws only on a real failure. */
function pipeline(texts: readonly string[], start: ChatState = initialState): ChatState {
  let state = start;
  for (const text of texts) {
    framesSeen++;
    const decoded = decodeFrame(parseFrame(text), ctx);
    if (decoded.kind === 'invalid') expect(decoded.reason).not.toMatch(/^undecodable/);
    if (decoded.kind === 'notification') state = reduce(state, decoded.events);
  }
  const view = selectView(state, { consumerId: ME, now: ctx.receivedAt + 5_000 });
  receiptsToPublish(state, { consumerId: ME, seen: new Set(factEntries(state.messages).map(([key]) => key)), sent: noneSent });
  expect([...stateViolations(state), ...viewViolations(view)]).toEqual([]);
  return state;
}

/** A normal exchange: an open conversation, an agent message and the visitor's own. */
function normalExchange(convId: string): string[] {
  const at = 9_000_000_000_000;
  const msg = (sequence: number, originatorId: string, role: string, message: string) =>
    textMessageFrame(convId, { sequence, originatorId, role, serverTimestamp: at + 1 + sequence, message });
  return [openConversationFrame(convId, ME, at), msg(0, ME, 'CONSUMER', 'hello after the storm'), msg(1, 'agent-ok', 'ASSIGNED_AGENT', 'still here')];
}

describe('hostile frames through decoder, reducer and view', () => {
  it('survives 60,000 mutated LivePerson frames (wrong types, missing fields, unknown enums)', () => {
    fc.assert(
      fc.property(fc.array(hostileFrameText, { minLength: 20, maxLength: 20 }), (texts) => void pipeline(texts)),
      { numRuns: 3_000, seed: 4_2026 },
    );
  }, 120_000);

  it('survives 40,000 frames of random text, random JSON and truncated frames', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 4 }),
      validFrame.chain((f: Json) => {
        const text = JSON.stringify(f);
        return fc.nat(text.length).map((cut) => text.slice(0, cut));
      }),
    );
    fc.assert(
      fc.property(fc.array(junk, { minLength: 20, maxLength: 20 }), (texts) => void pipeline(texts)),
      { numRuns: 2_000, seed: 7_2026 },
    );
  }, 120_000);

  it('survives the extremes: content nested 100,000 deep (twice), an 8 MB text, 10,000 changes in one frame', () => {
    const deep = (depth: number) => `${'{"elements":['.repeat(depth)}1${']}'.repeat(depth)}`;
    const change = (sequence: number, event: string) =>
      `{"sequence":${sequence},"originatorId":"agent-1","serverTimestamp":1700000000000,"dialogId":"c1","conversationId":"c1","event":${event}}`;
    const frame = (...changes: string[]) => `{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[${changes.join(',')}]}}`;
    const deepRich = frame(change(1, `{"type":"RichContentEvent","content":${deep(100_000)}}`));
    const deepMetadata = frame(
      change(2, `{"type":"ContentEvent","contentType":"text/plain","message":"q","quickReplies":{"replies":[{"title":"t","click":{"metadata":${deep(100_000)}}}]}}`),
    );
    const huge = 'x'.repeat(8 * 1024 * 1024);
    const many = frame(...Array.from({ length: 10_000 }, (_, i) => change(10 + i, `{"type":"ContentEvent","message":"m${i}"}`)));
    // Delivered twice, as a replay after a reconnect would: the duplicates are merged.
    const texts = [deepRich, deepRich, deepMetadata, deepMetadata, frame(change(3, JSON.stringify({ type: 'ContentEvent', message: huge }))), many, many, `[${'['.repeat(1_000_000)}`];
    const state = pipeline(texts);
    expect(factAt(state.messages, JSON.stringify(['c1', 1]))?.body).toEqual({ kind: 'unsupported', description: 'structured content' });
    expect(factAt(state.messages, JSON.stringify(['c1', 2]))?.body).toEqual({ kind: 'text', text: 'q', quickReplies: [{ title: 't', text: 't' }] });
    const big = factAt(state.messages, JSON.stringify(['c1', 3]))?.body;
    expect(big?.kind === 'text' && big.text.length).toBe(huge.length);
    expect(factEntries(state.messages)).toHaveLength(3 + 10_000);
  }, 120_000);

  it('keeps hostile cards cheap: 10,000 elements, a 5 MB caption and title, nesting at the depth bound', () => {
    const event = (sequence: number, content: unknown) =>
      JSON.stringify({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [{ sequence, originatorId: 'agent-1', serverTimestamp: 1700000000000, dialogId: 'c9', conversationId: 'c9', event: { type: 'RichContentEvent', content } }] } });
    const huge = 'c'.repeat(5 * 1024 * 1024);
    const wide = { type: 'vertical', elements: Array.from({ length: 10_000 }, (_, i) => ({ type: 'button', title: `b${i}` })) };
    let deep: unknown = { type: 'text', text: 'bottom' };
    for (let i = 0; i < 40; i++) deep = { type: 'vertical', elements: [deep] };
    const started = performance.now();
    const state = pipeline([event(1, wide), event(2, { type: 'vertical', elements: [{ type: 'image', url: 'https://a.example/i.png', caption: huge }, { type: 'button', title: huge }] }), event(3, deep)]);
    expect(performance.now() - started).toBeLessThan(2_000);
    const body = (sequence: number) => factAt(state.messages, JSON.stringify(['c9', sequence]))?.body;
    // The fallback text is bounded: at most 20 parts of at most 5,000 characters.
    const wideBody = body(1);
    expect(wideBody?.kind === 'rich' && wideBody.fallbackText.split('\n')).toHaveLength(20);
    const hugeBody = body(2);
    expect(hugeBody?.kind === 'rich' && hugeBody.fallbackText.length).toBeLessThanOrEqual(5_001);
    expect(body(3)?.kind).toBeDefined();
  });

  it('refuses ids that name Object.prototype members (they would alias the plain-object maps)', () => {
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const snapshot = JSON.parse(normalExchange(id)[0] as string) as { body: unknown };
      const decoded = decodeFrame(snapshot, ctx);
      expect(decoded.kind === 'notification' && decoded.events).toEqual([]);
      const message = decodeFrame(JSON.parse(normalExchange(id)[2] as string), ctx);
      expect(message.kind === 'notification' && message.events).toEqual([]);
    }
    // The same frames with an ordinary id are decoded.
    expect(factEntries(pipeline(normalExchange('c-ordinary')).messages)).toHaveLength(2);
  });

  it('keeps working after hostile frames: a normal exchange is stored and shown, in order', () => {
    let shownAsCurrent = 0;
    fc.assert(
      fc.property(fc.array(hostileFrameText, { minLength: 10, maxLength: 10 }), (texts) => {
        const state = pipeline([...texts, ...normalExchange('conv-normal')]);
        const clean = pipeline(normalExchange('conv-normal'));
        // Whatever came before, the exchange's own facts are exactly those of a clean run.
        for (const [key, message] of factEntries(clean.messages)) expect(factAt(state.messages, key)).toEqual(message);
        expect(state.snapshots['conv-normal']).toEqual(clean.snapshots['conv-normal']);
        const view = selectView(state, { consumerId: ME, now: 9_000_000_010_000 });
        // Hostile frames may leave a newer open conversation behind; otherwise this one shows.
        if (view.conversationId !== 'conv-normal') return;
        shownAsCurrent++;
        const shown = view.timeline.flatMap((r) => (r.kind === 'message' && r.dialogId === 'conv-normal' ? [[r.sequence, r.originator]] : []));
        expect(shown).toEqual([
          [0, 'consumer'],
          [1, 'agent'],
        ]);
      }),
      { numRuns: 500, seed: 11_2026 },
    );
    expect(shownAsCurrent).toBeGreaterThan(450);
  }, 120_000);

  it('went through at least 100,000 generated frames (the tests above, run in order)', () => {
    expect(framesSeen).toBeGreaterThanOrEqual(100_000);
  });
});
