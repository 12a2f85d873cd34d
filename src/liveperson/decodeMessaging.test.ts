import type { CoreEvent } from '../core/model';
import { decodeFrame, parseFrame } from './decode';

const CONSUMER = '72fc';
// The local clock of these frames: the tutorials' server times are years before it.
const NOW = 1_700_000_000_777;
const ctx = { consumerId: CONSUMER, receivedAt: NOW };
function eventsOf(changes: unknown, c: { consumerId?: string; receivedAt: number } = ctx): CoreEvent[] {
  const f = decodeFrame({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes } }, c);
  if (f.kind !== 'notification') throw new Error(`expected a notification, got ${JSON.stringify(f)}`);
  return f.events;
}
const change = (event: unknown, over: Record<string, unknown> = {}) => ({
  sequence: 2,
  originatorId: '29c3',
  originatorMetadata: { id: '29c3', role: 'ASSIGNED_AGENT' },
  serverTimestamp: 1538492183879,
  event,
  conversationId: 'C',
  dialogId: 'C',
  messageAudience: 'ALL',
  ...over,
});

describe('decoding messaging events', () => {
  it('keeps the local time for server timestamps a Date cannot hold or far in the future', () => {
    const now = 1_700_000_000_000;
    const atOf = (serverTimestamp: unknown) => {
      const [e] = eventsOf([change({ type: 'ContentEvent', message: 'hi' }, { serverTimestamp })], { consumerId: CONSUMER, receivedAt: now });
      return e && 'at' in e ? e.at : undefined;
    };
    for (const bad of [1e308, 8.64e15 + 1, 1.7e18, 1.7e15, now + 366 * 86_400_000, '1e400', -1, 0, 'x']) expect(atOf(bad), String(bad)).toBe(now);
    for (const good of [1538492183879, now + 86_400_000, 1]) expect(atOf(good)).toBe(good);
  });

  it('decodes the get-messages tutorial notification (no conversationId, no originatorMetadata)', () => {
    const text =
      '{"kind":"notification","body":{"changes":[{"sequence":0,"originatorId":"734d","serverTimestamp":1477840831162,"event":{"type":"ContentEvent","message":"message from the agent","contentType":"text/plain"},"dialogId":"D"}]},"type":"ms.MessagingEventNotification"}';
    const f = decodeFrame(parseFrame(text), ctx);
    expect(f).toMatchObject({ kind: 'notification' });
    expect(f.kind === 'notification' && f.events).toEqual([
      {
        type: 'message',
        conversationId: 'D',
        dialogId: 'D',
        sequence: 0,
        at: 1477840831162,
        originatorId: '734d',
        originator: 'agent',
        body: { kind: 'text', text: 'message from the agent' },
        receivedAt: NOW,
      },
    ]);
  });

  it('recognises the visitor’s own echo by id or by role, and system (CONTROLLER) messages', () => {
    const text = { type: 'ContentEvent', contentType: 'text/plain', message: 'x' };
    expect(eventsOf([change(text, { originatorId: CONSUMER, originatorMetadata: undefined })])[0]).toMatchObject({ originator: 'consumer', originatorId: CONSUMER });
    expect(eventsOf([change(text, { originatorMetadata: { id: 'u2', role: 'CONSUMER' } })], { receivedAt: 1 })[0]).toMatchObject({ originator: 'consumer', originatorId: 'u2' });
    expect(eventsOf([change(text, { originatorId: 'legacy.1', originatorPId: 'pid-1', originatorMetadata: undefined })])[0]).toMatchObject({ originatorId: 'pid-1' });
    expect(eventsOf([change(text, { originatorMetadata: { id: 'bot', role: 'CONTROLLER' } })])[0]).toMatchObject({ originator: 'system' });
  });

  it('carries the ExternalId from change metadata as clientId', () => {
    const e = eventsOf([change({ type: 'ContentEvent', contentType: 'text/plain', message: 'hi' }, { metadata: [{ type: 'BotResponse' }, { type: 'ExternalId', id: 'k-1' }] })]);
    expect(e[0]).toMatchObject({ type: 'message', clientId: 'k-1' });
    expect(eventsOf([change({ type: 'ContentEvent', message: 'hi' }, { metadata: { type: 'ExternalId', id: 9 } })])[0]).toMatchObject({ clientId: '9', body: { kind: 'text', text: 'hi' } });
  });

  it('decodes receipts, unwrapping a single sequence, and keeps ACTION; drops ACCESS/NACK', () => {
    expect(eventsOf([change({ type: 'AcceptStatusEvent', status: 'ACCEPT', sequenceList: 4 }, { sequence: 5 })])).toEqual([
      { type: 'receipt', conversationId: 'C', dialogId: 'C', originatorId: '29c3', originator: 'agent', sequence: 5, at: 1538492183879, status: 'accept', sequences: [4] },
    ]);
    expect(eventsOf([change({ type: 'AcceptStatusEvent', status: 'READ', sequenceList: [1, '2', 'x'] })])[0]).toMatchObject({ status: 'read', sequences: [1, 2] });
    expect(eventsOf([change({ type: 'AcceptStatusEvent', status: 'ACTION', sequenceList: [1] })])[0]).toMatchObject({ status: 'action' });
    expect(eventsOf([change({ type: 'AcceptStatusEvent', status: 'NACK', sequenceList: [1] }), change({ type: 'AcceptStatusEvent', status: 'ACCESS', sequenceList: [1] })])).toEqual([]);
  });

  it('decodes chat states without sequence or timestamp; only COMPOSING means typing', () => {
    const typing = (chatState: string) => eventsOf([change({ type: 'ChatStateEvent', chatState }, { sequence: undefined, serverTimestamp: undefined })])[0];
    expect(typing('COMPOSING')).toEqual({ type: 'typing', conversationId: 'C', dialogId: 'C', originatorId: '29c3', originator: 'agent', composing: true, receivedAt: NOW });
    for (const s of ['ACTIVE', 'PAUSE', 'INACTIVE', 'GONE', 'BACKGROUND']) expect(typing(s)).toMatchObject({ composing: false });
  });

  it('drops agents-only messages, unknown event types and content without a sequence', () => {
    const text = { type: 'ContentEvent', contentType: 'text/plain', message: 'secret' };
    expect(eventsOf([change(text, { messageAudience: 'AGENTS_AND_MANAGERS' }), change({ type: 'CoBrowseEvent' }), change(text, { sequence: undefined })])).toEqual([]);
  });

  it('decodes rich content from `content` or `message` (object or JSON text), with a text fallback', () => {
    const card = { type: 'vertical', elements: [{ type: 'text', text: 'Product Name' }, { type: 'button', title: 'Add to cart', click: { actions: [{ type: 'link', uri: 'http://x' }] } }] };
    expect(eventsOf([change({ type: 'RichContentEvent', content: card })])[0]).toMatchObject({ body: { kind: 'rich', content: card, fallbackText: 'Product Name\nAdd to cart' } });
    expect(eventsOf([change({ type: 'RichContentEvent', message: JSON.stringify(card) })])[0]).toMatchObject({ body: { kind: 'rich', content: card } });
    expect(eventsOf([change({ type: 'RichContentEvent', content: 5 })])[0]).toMatchObject({ body: { kind: 'unsupported' } });
  });

  it('decodes hosted files (also as "HostedFile") and marks unknown content types unsupported', () => {
    const file = { caption: 'logo', relativePath: '/v1/AUTH_async-images/x.PNG', fileType: 'PNG', preview: 'data:image/png;base64,AA' };
    expect(eventsOf([change({ type: 'ContentEvent', contentType: 'hosted/file', message: file })])[0]).toMatchObject({ body: { kind: 'file', caption: 'logo', fileType: 'PNG', path: file.relativePath } });
    expect(eventsOf([change({ type: 'ContentEvent', contentType: 'HostedFile', message: JSON.stringify(file) })])[0]).toMatchObject({ body: { kind: 'file' } });
    expect(eventsOf([change({ type: 'ContentEvent', contentType: 'forms/secure-invitation', message: {} })])[0]).toMatchObject({ body: { kind: 'unsupported', description: 'forms/secure-invitation' } });
  });

  it('decodes quick replies: title, publishText text and click metadata', () => {
    const metadata = [{ type: 'Answer', questionId: 'q', id: 'a1', provider: 'AC' }];
    const event = {
      type: 'ContentEvent',
      contentType: 'text/plain',
      message: 'How would you rate your overall experience?',
      quickReplies: { type: 'quickReplies', itemsPerRow: 8, replies: [{ type: 'button', title: '1', click: { metadata, actions: [{ type: 'publishText', text: 'one' }] } }, { type: 'button', title: '2' }, { type: 'button' }] },
    };
    expect(eventsOf([change(event)])[0]).toMatchObject({
      body: { kind: 'text', quickReplies: [{ title: '1', text: 'one', metadata }, { title: '2', text: '2' }] },
    });
  });

  it('keeps the other changes when one is malformed, and accepts a single change object', () => {
    const good = change({ type: 'ContentEvent', contentType: 'text/plain', message: 'ok' });
    expect(eventsOf([null, 3, { event: 'x' }, good]).map((e) => e.type)).toEqual(['message']);
    expect(eventsOf(good)).toHaveLength(1);
  });
});
