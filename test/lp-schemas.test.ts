// The validator itself: it accepts the documented frames and rejects wrong ones.
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIR, SCHEMA_EXCEPTIONS, schemaPresence, schemasAvailable, validateClientFrame, validateServerFrame } from './lp-schemas';

const available = schemasAvailable();
if (!available) console.warn(`LivePerson schemas not found at ${SCHEMA_DIR}: schema validator tests skipped.`);

describe.skipIf(!available)('LivePerson schema validator', () => {
  it('accepts documented frames (tutorial examples)', () => {
    expect(validateClientFrame({ kind: 'req', id: 1, type: 'cm.ConsumerRequestConversation' })).toEqual([]);
    expect(validateClientFrame({ kind: 'req', id: '22', body: { fromSeq: 0, dialogId: 'd' }, type: 'ms.SubscribeMessagingEvents' })).toEqual([]);
    expect(validateClientFrame({ kind: 'req', id: 2, type: 'ms.PublishEvent', body: { dialogId: 'd', event: { type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: [3] } } })).toEqual([]);
    expect(validateServerFrame({ kind: 'resp', reqId: '1', code: 200, body: { conversationId: 'c' }, type: 'cm.RequestConversationResponse' })).toEqual([]);
    expect(validateServerFrame({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', body: { subscriptionId: 's', changes: [] } })).toEqual([]);
  });

  it('rejects wrong frames', () => {
    expect(validateClientFrame({ kind: 'req', id: '2', type: 'ms.PublishEvent', body: { event: { type: 'ContentEvent', contentType: 'text/plain', message: 'x' } } })).not.toEqual([]);
    expect(validateClientFrame({ kind: 'req', id: '2', type: 'ms.PublishEvent', body: { dialogId: 'd', event: { type: 'AcceptStatusEvent', status: 'SEEN', sequenceList: [1] } } })).not.toEqual([]);
    expect(validateClientFrame({ kind: 'req', id: '3', type: 'cqm.SubscribeExConversations', body: { convState: ['MAYBE'] } })).not.toEqual([]);
    expect(validateClientFrame({ kind: 'req', id: '4', type: 'no.SuchRequest' })).not.toEqual([]);
    expect(validateServerFrame({ kind: 'resp', reqId: '1', code: 200, type: 'cm.RequestConversationResponse', body: {} })).not.toEqual([]);
    expect(validateServerFrame({ kind: 'resp', reqId: '1', code: 400, type: '.ReqBody$StringResp', body: 'x'.repeat(129) })).not.toEqual([]);
    expect(validateServerFrame({ kind: 'resp', code: 200, type: 'GenericSubscribeResponse', body: {} })).not.toEqual([]);
    expect(validateServerFrame({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [{ sequence: 1, originatorId: 'a', serverTimestamp: 1, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'x' } }] } })).not.toEqual([]);
    expect(validateServerFrame({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', body: { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { convId: 'c', conversationDetails: { participants: [], state: 'OPEN' } } }] } })).not.toEqual([]);
    expect(validateServerFrame('text')).not.toEqual([]);
  });

  it('applies each documented exception, and only that', () => {
    const rich = { kind: 'req', id: '5', type: 'ms.PublishEvent', body: { dialogId: 'd', event: { type: 'RichContentEvent', content: { type: 'vertical', elements: [{ type: 'text', text: 'hi' }] } } } };
    expect(validateClientFrame(rich)).toEqual([]);
    expect(validateClientFrame({ ...rich, body: { dialogId: 'd', event: { type: 'RichContentEvent', content: { type: 'nonsense' } } } })).not.toEqual([]);
    const chatState = { kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [{ originatorId: 'a', event: { type: 'ChatStateEvent', chatState: 'COMPOSING' }, dialogId: 'd' }] } };
    expect(validateServerFrame(chatState)).toEqual([]);
    expect(validateServerFrame({ ...chatState, body: { changes: [{ originatorId: 'a', event: { type: 'ContentEvent', contentType: 'text/plain', message: 'x' }, dialogId: 'd' }] } })).not.toEqual([]);
    for (const x of SCHEMA_EXCEPTIONS) {
      expect(x.reason.length, x.id).toBeGreaterThan(20);
      expect(x.adjust ?? x.schema, x.id).toBeDefined();
    }
    expect(new Set(SCHEMA_EXCEPTIONS.map((x) => x.id)).size).toBe(SCHEMA_EXCEPTIONS.length);
  });
});

describe('LivePerson schemas missing', () => {
  it('warns and skips locally, but fails with a clear message when CI=true', () => {
    const nowhere = '/nonexistent/lp-schemas';
    expect(schemaPresence(nowhere, {})).toBe(false);
    expect(schemaPresence(nowhere, { CI: 'false' })).toBe(false);
    expect(() => schemaPresence(nowhere, { CI: 'true' })).toThrow(/LivePerson schemas not found at \/nonexistent\/lp-schemas, and CI=true: the schema checks cannot be skipped in CI/);
    if (available) expect(schemaPresence(SCHEMA_DIR, { CI: 'true' })).toBe(true);
  });
});
