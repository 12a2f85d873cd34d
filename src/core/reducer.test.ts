import type { CoreEvent } from './model';
import { initialState, reduce } from './reducer';
import { MAX_SNAPSHOTS, eventKey } from './state';
import { participant, snapshot, text, withAgent } from './test-support/builders';
import { factAt } from './factTable';

describe('reduce: merge rules', () => {
  it('keeps only the most recent snapshots of a conversation', () => {
    const events: CoreEvent[] = Array.from({ length: MAX_SNAPSHOTS + 6 }, (_, i) => snapshot('c1', 1000 + i));
    const kept = Object.keys(reduce(initialState, events.reverse()).snapshots.c1 ?? {}).map(Number);
    expect(kept).toHaveLength(MAX_SNAPSHOTS);
    expect(Math.min(...kept)).toBe(1006);
  });

  it('settles two different snapshots with the same time by progress (the tutorial’s equal lastUpdateTime)', () => {
    const before = snapshot('c1', 5);
    const after = snapshot('c1', 5, { participants: withAgent(participant('a', 'agent')) });
    for (const order of [[before, after], [after, before]]) {
      expect(reduce(initialState, order).snapshots.c1?.['5']?.participants).toHaveLength(2);
    }
  });

  it('merges copies of a message: earliest arrival, the client id from whichever copy has it', () => {
    const live = text('c1', 3, 'visitor-1', 'hi', { receivedAt: 100, clientId: 'k1' });
    const replay = text('c1', 3, 'visitor-1', 'hi', { receivedAt: 900 });
    for (const order of [[live, replay], [replay, live]]) {
      expect(factAt(reduce(initialState, order).messages, eventKey('c1', 3))).toEqual(live);
    }
  });

  it('ignores snapshots and events of a removed conversation, whenever they arrive', () => {
    const removed: CoreEvent = { type: 'conversationRemoved', conversationId: 'c1' };
    const survey = snapshot('c1', 9, { dialogs: [{ id: 's1', kind: 'survey', messaging: true, open: true, participants: [], createdAt: 1 }] });
    const s = reduce(initialState, [removed, survey, text('s1', 0, 'bot', 'rate')]);
    expect(s.snapshots).toEqual({});
    expect(s.messages).toEqual({});
    expect(reduce(initialState, [text('s1', 0, 'bot', 'rate'), survey, removed]).messages).toEqual({});
  });
});
