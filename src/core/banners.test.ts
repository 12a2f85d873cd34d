import type { CoreEvent } from './model';
import { initialState, reduce } from './reducer';
import { selectView } from './view';
import { CONSUMER, dialog, participant, snapshot, withAgent } from './test-support/builders';

const banners = (events: CoreEvent[]) =>
  selectView(reduce(initialState, events), { consumerId: CONSUMER, now: 0 })
    .timeline.filter((r) => r.kind === 'banner')
    .map((r) => (r.kind === 'banner' ? r.banner : undefined));

const queued = snapshot('c1', 1000);
const withA = snapshot('c1', 2000, { participants: withAgent(participant('a', 'agent')) });

describe('banners from snapshots', () => {
  it('announces an agent who joined (ACTIVE), not a SUGGESTED one', () => {
    expect(banners([queued, withA])).toEqual([{ type: 'agentJoined', participantId: 'a' }]);
    const suggested = snapshot('c1', 2000, { participants: withAgent(participant('a', 'agent', 'suggested')) });
    expect(banners([queued, suggested])).toEqual([]);
  });

  it('announces nothing for a conversation still waiting in the queue', () => {
    expect(banners([queued])).toEqual([]);
  });

  it('presents the first known snapshot as banners, so a reload rebuilds the current state', () => {
    expect(banners([withA])).toEqual([{ type: 'agentJoined', participantId: 'a' }]);
  });

  it('shows a transfer to another agent (replaced)', () => {
    const withB = snapshot('c1', 3000, { participants: withAgent(participant('b', 'agent')) });
    expect(banners([queued, withA, withB])).toEqual([
      { type: 'agentJoined', participantId: 'a' },
      { type: 'transferred', participantId: 'b' },
    ]);
  });

  it('shows a transfer to a suggested agent, then the join once accepted', () => {
    const suggested = snapshot('c1', 3000, { participants: withAgent(participant('b', 'agent', 'suggested')) });
    const accepted = snapshot('c1', 4000, { participants: withAgent(participant('b', 'agent')) });
    expect(banners([withA, suggested, accepted]).slice(1)).toEqual([
      { type: 'transferred', participantId: 'b' },
      { type: 'agentJoined', participantId: 'b' },
    ]);
  });

  it('shows the agent leaving and the visitor back in the queue (REMOVE ASSIGNED_AGENT keeps the skill)', () => {
    const removed = snapshot('c1', 3000, { participants: withAgent(participant('a', 'reader')) });
    expect(banners([withA, removed]).slice(1)).toEqual([{ type: 'agentLeft', participantId: 'a' }, { type: 'backToQueue' }]);
  });

  it('shows a transfer to a skill as a transfer, then back in the queue', () => {
    const otherSkill = snapshot('c1', 3000, { skillId: 'support' });
    expect(banners([withA, otherSkill]).slice(1)).toEqual([{ type: 'transferred' }, { type: 'backToQueue' }]);
  });

  it('shows a manager joining', () => {
    const managed = snapshot('c1', 3000, { participants: withAgent(participant('a', 'agent'), participant('m', 'manager')) });
    expect(banners([withA, managed]).slice(1)).toEqual([{ type: 'managerJoined', participantId: 'm' }]);
  });

  it.each(['consumer', 'agent', 'system'] as const)('shows the conversation ended by the %s', (by) => {
    const closed = snapshot('c1', 3000, { stage: 'closed', mainOpen: false, closedBy: by, participants: withAgent(participant('a', 'agent')) });
    expect(banners([withA, closed]).slice(1)).toEqual([{ type: 'conversationEnded', by }]);
  });

  it('says "system" when the close reason is unknown', () => {
    expect(banners([withA, snapshot('c1', 3000, { stage: 'closed', mainOpen: false })]).slice(1)).toEqual([
      { type: 'conversationEnded', by: 'system' },
    ]);
  });

  it('shows the survey starting, then the end', () => {
    const dialogs = [dialog('c1', { open: false }), dialog('s1', { kind: 'survey', createdAt: 2500 })];
    const survey = snapshot('c1', 3000, { mainOpen: false, closedBy: 'consumer', dialogs, participants: withAgent(participant('bot', 'assistant')) });
    const done = snapshot('c1', 4000, { stage: 'closed', mainOpen: false, closedBy: 'consumer', dialogs: dialogs.map((d) => ({ ...d, open: false })) });
    expect(banners([withA, survey, done]).slice(1)).toEqual([{ type: 'surveyStarted', dialogId: 's1' }, { type: 'conversationEnded', by: 'consumer' }]);
  });

  it('is the same whatever order the snapshots arrive in, with stable unique keys', () => {
    const withB = snapshot('c1', 3000, { participants: withAgent(participant('b', 'agent')) });
    const rows = (events: CoreEvent[]) => selectView(reduce(initialState, events), { now: 0 }).timeline;
    expect(rows([withB, queued, withA, withA])).toEqual(rows([queued, withA, withB]));
    const keys = rows([queued, withA, withB]).map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
