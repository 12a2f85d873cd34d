import type { CoreEvent } from './model';
import { initialState, reduce } from './reducer';
import { receiptKey, receiptsToPublish } from './receipts';
import type { SentReceipts } from './receipts';
import { CONSUMER, dialog, participant, receipt, snapshot, text, withAgent } from './test-support/builders';

const open = snapshot('c1', 2000, { participants: withAgent(participant('a', 'agent')) });
const none: SentReceipts = { accept: new Set(), read: new Set() };
/** `seen`: true for every message seen, false for none, or the sequences of dialog c1 that were on screen. */
const due = (events: CoreEvent[], seen: boolean | number[], sent = none) => {
  const keys = seen === true ? events.flatMap((e) => (e.type === 'message' ? [receiptKey(e.dialogId, e.sequence)] : [])) : seen === false ? [] : seen.map((s) => receiptKey('c1', s));
  return receiptsToPublish(reduce(initialState, events), { consumerId: CONSUMER, seen: new Set(keys), sent });
};
const burst = [open, text('c1', 0, CONSUMER, 'q'), text('c1', 1, 'a', 'x'), text('c1', 2, 'a', 'y'), receipt('c1', 3, 'a', 'read', [0]), text('c1', 4, 'a', 'z')];

describe('receiptsToPublish', () => {
  it('accepts a burst of agent content in one list per dialog, never receipts or own messages', () => {
    expect(due(burst, false)).toEqual([{ dialogId: 'c1', status: 'accept', sequences: [1, 2, 4] }]);
  });

  it('reads only what the visitor saw: a message not on screen gets ACCEPT alone', () => {
    expect(due(burst, [1, 2])).toEqual([
      { dialogId: 'c1', status: 'accept', sequences: [1, 2, 4] },
      { dialogId: 'c1', status: 'read', sequences: [1, 2] },
    ]);
    // Seeing the visitor's own message or a receipt's sequence reads nothing.
    expect(due(burst, [0, 3])).toEqual([{ dialogId: 'c1', status: 'accept', sequences: [1, 2, 4] }]);
  });

  it('sends ACCEPT first, then READ, when both are due for messages seen', () => {
    expect(due(burst, true)).toEqual([
      { dialogId: 'c1', status: 'accept', sequences: [1, 2, 4] },
      { dialogId: 'c1', status: 'read', sequences: [1, 2, 4] },
    ]);
  });

  it('does not acknowledge again what this client already sent', () => {
    const sent: SentReceipts = { accept: new Set([receiptKey('c1', 1), receiptKey('c1', 2), receiptKey('c1', 4)]), read: new Set([receiptKey('c1', 1)]) };
    expect(due(burst, false, sent)).toEqual([]);
    expect(due(burst, true, sent)).toEqual([{ dialogId: 'c1', status: 'read', sequences: [2, 4] }]);
  });

  it('does not re-acknowledge history: the visitor’s replayed receipts count (READ implies ACCEPT)', () => {
    const history = [...burst, receipt('c1', 5, CONSUMER, 'accept', [1, 2]), receipt('c1', 6, CONSUMER, 'read', [4])];
    expect(due(history, false)).toEqual([]);
    expect(due(history, true)).toEqual([{ dialogId: 'c1', status: 'read', sequences: [1, 2] }]);
  });

  it('owes nothing for a closed conversation or a closed MAIN dialog; the survey dialog gets its own list', () => {
    const closed = snapshot('c1', 9000, { stage: 'closed', mainOpen: false });
    expect(due([...burst, closed], true)).toEqual([]);
    const survey = snapshot('c1', 9000, { mainOpen: false, dialogs: [dialog('c1', { open: false }), dialog('s1', { kind: 'survey', createdAt: 5000 })] });
    const q = text('s1', 0, 'bot', 'rate us', { conversationId: 'c1' });
    expect(due([...burst, survey, q], false)).toEqual([{ dialogId: 's1', status: 'accept', sequences: [0] }]);
  });

  it('owes nothing before the conversation is known', () => {
    expect(due([text('c1', 1, 'a', 'x')], true)).toEqual([]);
  });
});
