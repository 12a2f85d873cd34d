import { decodeDetail } from './decode';
import { activeDialogId, consumerAcknowledged, receiptFor, unacknowledged } from './receipts';
import type { ConversationDetail } from './types';

const ev = (sequence: number, role: string, event: unknown) => ({ sequence, originatorId: role === 'CONSUMER' ? 'u1' : 'a1', role, serverTimestamp: 1, event });
const text = (t: string) => ({ type: 'ContentEvent', contentType: 'text/plain', message: t });
const ack = (status: string, sequenceList: number[]) => ({ type: 'AcceptStatusEvent', status, sequenceList });

function detail(receipts: Record<string, string>): ConversationDetail {
  const d = decodeDetail({
    id: 'c1', queue: 'open', dialogs: [{ dialogId: 'c1', dialogType: 'MAIN', state: 'OPEN' }],
    transcript: {
      c1: [
        ev(0, 'CONSUMER', text('hi')),
        ev(1, 'ASSIGNED_AGENT', text('hello')),
        ev(2, 'CONSUMER', ack('READ', [1])),
        ev(3, 'CONSUMER', text('more')),
        ev(4, 'ASSIGNED_AGENT', text('ok')),
        ev(5, 'CONSUMER', ack('ACCEPT', [4])),
        ev(6, 'ASSIGNED_AGENT', ack('ACCEPT', [0])),
        ev(7, 'CONSUMER', ack('ACCEPT', [1])),
      ],
    },
    receipts,
  });
  if (!d) throw new Error('fixture does not decode');
  return d;
}

describe('receipt states', () => {
  it('takes the strongest consumer acknowledgement per agent message (a later ACCEPT does not undo READ)', () => {
    const d = detail({});
    const acks = consumerAcknowledged(d.transcript[0]?.entries ?? []);
    expect(acks.get(1)).toBe('read');
    expect(acks.get(4)).toBe('delivered');
    expect(acks.has(0)).toBe(false); // the agent's ACCEPT of a consumer message is not the consumer's
  });

  it('shows the agent side receipts on consumer messages and the consumer ones on agent messages', () => {
    const d = detail({ 0: 'delivered', 3: 'sent' });
    const entries = d.transcript[0]?.entries ?? [];
    const acks = consumerAcknowledged(entries);
    const at = (seq: number) => receiptFor(d, entries.find((e) => e.sequence === seq)!, acks);
    expect([at(0), at(1), at(3), at(4)]).toEqual(['delivered', 'read', 'sent', 'delivered']);
  });

  it('lists the consumer messages that still need ACCEPT or READ in the open dialog', () => {
    expect(unacknowledged(detail({ 0: 'delivered', 3: 'sent' }), 'delivered')).toEqual([3]);
    expect(unacknowledged(detail({ 0: 'delivered', 3: 'sent' }), 'read')).toEqual([0, 3]);
    expect(unacknowledged(detail({ 0: 'read', 3: 'read' }), 'read')).toEqual([]);
    expect(activeDialogId(detail({}))).toBe('c1');
  });
});
