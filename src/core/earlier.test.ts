import { describe, expect, it } from 'vitest';
import type { CoreEvent } from './model';
import { initialState, reduce } from './reducer';
import { selectView } from './view';
import { CONSUMER, participant, snapshot, text, withAgent } from './test-support/builders';

const view = (events: CoreEvent[]) => selectView(reduce(initialState, events), { consumerId: CONSUMER, now: 50_000 });
const closed = (id: string, endedAt: number, over = {}) => snapshot(id, endedAt, { stage: 'closed', mainOpen: false, startedAt: endedAt - 500, endedAt, ...over });

describe('earlier conversations', () => {
  it('lists the closed ones other than the current, newest first, with their agent, from an older snapshot if need be', () => {
    const v = view([
      closed('a', 2_000),
      snapshot('b', 2_500, { participants: withAgent(participant('dana', 'agent')) }),
      closed('b', 3_000), // its latest snapshot no longer names the agent
      closed('c', 1_000, { lastContent: { text: 'See you', at: 900, originator: 'agent' } }),
      snapshot('now', 4_000, { startedAt: 4_000 }),
    ]);
    expect(v.conversationId).toBe('now');
    expect(v.earlier?.map((e) => [e.id, e.agentId, e.lastMessage?.text, e.rows])).toEqual([
      ['b', 'dana', undefined, undefined],
      ['a', undefined, undefined, undefined],
      ['c', undefined, 'See you', undefined],
    ]);
  });

  it('carries the rows and the last message of one whose messages are loaded; the current conversation is not listed', () => {
    const v = view([closed('a', 2_000), text('a', 0, CONSUMER, 'Hi'), text('a', 1, 'dana', 'Bye now'), closed('z', 9_000)]);
    expect(v.conversationId).toBe('z');
    const [a] = v.earlier ?? [];
    expect(a?.lastMessage).toEqual({ text: 'Bye now', at: 10_100, originator: 'agent' });
    expect(a?.rows?.map((r) => (r.kind === 'message' && r.body.kind === 'text' ? r.body.text : r.kind))).toEqual(['Hi', 'Bye now']);
    expect(view([snapshot('only', 1_000)]).earlier).toBeUndefined();
  });
});
