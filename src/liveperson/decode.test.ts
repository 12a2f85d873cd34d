import { UnparsableFrame, decodeEnvelope, decodeFrame, decodeNotification, parseFrame } from './decode';

const ctx = { consumerId: 'visitor', receivedAt: 5 };
const decodeText = (text: string) => decodeFrame(parseFrame(text), ctx);

describe('parseFrame / decodeFrame: envelopes', () => {
  it('decodes the tutorial responses (string reqId; no body)', () => {
    expect(decodeText('{"kind":"resp","reqId":"1","code":200,"body":{"conversationId":"7507be78"},"type":"cm.RequestConversationResponse"}')).toEqual({
      kind: 'response',
      reqId: '1',
      code: 200,
      type: 'cm.RequestConversationResponse',
      body: { conversationId: '7507be78' },
    });
    expect(decodeText('{"kind":"resp","reqId":"22","code":200,"type":".ams.GenericSubscribeResponse"}')).toMatchObject({ kind: 'response', reqId: '22', code: 200, body: undefined });
  });

  it('accepts a numeric reqId, a string code and a missing kind', () => {
    expect(decodeText('{"reqId":7,"code":"400","body":"bad"}')).toEqual({ kind: 'response', reqId: '7', code: 400, body: 'bad' });
  });

  it('reports responses it cannot correlate or judge', () => {
    expect(decodeText('{"kind":"resp","code":200}')).toEqual({ kind: 'invalid', reason: 'response without reqId' });
    expect(decodeText('{"kind":"resp","reqId":"3"}')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('3') });
  });

  it('keeps unknown notification types as notifications with no events', () => {
    expect(decodeText('{"kind":"notification","type":"ms.Something","body":{"x":1}}')).toEqual({ kind: 'notification', type: 'ms.Something', events: [] });
  });

  it('decodes an empty initial snapshot with its subscription id', () => {
    expect(decodeText('{"kind":"notification","body":{"subscriptionId":"1e25","changes":[]},"type":"cqm.ExConversationChangeNotification"}')).toEqual({
      kind: 'notification',
      type: 'cqm.ExConversationChangeNotification',
      events: [],
      conversationIds: [],
      subscriptionId: '1e25',
    });
  });

  it('lists the dialogs a messaging notification mentions', () => {
    const f = decodeText('{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":{"dialogId":9,"event":{"type":"Foo"}}}}');
    expect(f).toEqual({ kind: 'notification', type: 'ms.MessagingEventNotification', events: [] });
  });

  it('turns garbage into invalid, with a reason, and never throws', () => {
    expect(parseFrame('{oops')).toBeInstanceOf(UnparsableFrame);
    expect(decodeText('{oops')).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/^not JSON/) });
    for (const text of ['null', '42', '"x"', '[]', '{}', '{"kind":"req","id":1,"type":"x"}', '{"kind":"notification"}']) {
      expect(decodeText(text).kind).toBe('invalid');
    }
  });

  it('survives values whose properties throw', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => { throw new Error('boom'); } });
    expect(decodeFrame(hostile, ctx)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('boom') });
  });
});

describe('decodeEnvelope / decodeNotification: the two steps', () => {
  it('hands a notification on as received, then decodes it with the consumer id', () => {
    const frame = { kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [{ dialogId: 'd', sequence: 1, originatorId: 'visitor', event: { type: 'ContentEvent', message: 'hi' } }] } };
    const envelope = decodeEnvelope(frame);
    expect(envelope).toEqual({ kind: 'notification', frame });
    if (envelope.kind !== 'notification') return;
    expect(envelope.frame).toBe(frame);
    const decoded = decodeNotification(envelope.frame, ctx);
    expect(decoded).toEqual(decodeFrame(frame, ctx));
    expect(decoded.events).toMatchObject([{ type: 'message', dialogId: 'd', sequence: 1, originator: 'consumer' }]);
  });

  it('decodes responses in the first step and never throws in either', () => {
    expect(decodeEnvelope(parseFrame('{"kind":"resp","reqId":"4","code":200}'))).toEqual({ kind: 'response', reqId: '4', code: 200, body: undefined });
    const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
    expect(decodeEnvelope(hostile)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('boom') });
    expect(decodeNotification({ type: 'ms.MessagingEventNotification', body: hostile }, ctx)).toEqual({ kind: 'notification', type: 'ms.MessagingEventNotification', events: [] });
  });
});
