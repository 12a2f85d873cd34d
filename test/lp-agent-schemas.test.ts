// The agent-side validator itself: it accepts the SDK's documented frames and rejects wrong ones.
import { describe, expect, it } from 'vitest';
import { AGENT_SCHEMA_EXCEPTIONS, validateAgentClientFrame, validateAgentServerFrame } from './lp-agent-schemas';
import { SCHEMA_EXCEPTIONS, schemasAvailable } from './lp-schemas';

describe.skipIf(!schemasAvailable())('LivePerson agent schema validator', () => {
  it('accepts what node-agent-sdk sends and the v2 answers', () => {
    expect(validateAgentClientFrame({ kind: 'req', id: 'a', type: '.ams.routing.UpdateRingState', body: { ringId: 'r', ringState: 'ACCEPTED' } })).toEqual([]);
    expect(validateAgentClientFrame({ kind: 'req', id: 'a', type: '.ams.ms.QueryMessages', body: { dialogId: 'd', newerThanSequence: 0 } })).toEqual([]);
    expect(validateAgentClientFrame({ kind: 'req', id: 'a', type: '.ams.userprofile.GetUserProfile', body: 'consumer-1' })).toEqual([]);
    expect(validateAgentServerFrame({ kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: { sequence: 1, originatorId: 'a.1', originatorPId: 'p', serverTimestamp: 1, event: { type: 'ContentEvent', contentType: 'text/plain', message: 'x' }, dialogId: 'd' } })).toEqual([]);
    const details = { participants: { CONSUMER: ['c'] }, participantsPId: { CONSUMER: ['c'] }, dialogs: [], state: 'OPEN', startTs: 1 };
    expect(validateAgentServerFrame({ kind: 'notification', type: '.ams.aam.ExConversationChangeNotification', body: { subscriptionId: 's', changes: [{ type: 'DELETE', result: { convId: 'c', conversationDetails: details } }] } })).toEqual([]);
  });

  it('rejects wrong frames', () => {
    expect(validateAgentClientFrame({ kind: 'req', id: 'a', type: '.ams.routing.UpdateRingState', body: { ringId: 'r', ringState: 'MAYBE' } })).not.toEqual([]);
    expect(validateAgentClientFrame({ kind: 'req', id: 'a', type: '.ams.ms.QueryMessages', body: {} })).not.toEqual([]);
    expect(validateAgentClientFrame({ kind: 'req', id: 'a', type: '.ams.no.Such' })).not.toEqual([]);
    expect(validateAgentServerFrame({ kind: 'notification', type: '.ams.ms.OnlineEventDistribution', body: { originatorId: 'a.1', event: { type: 'ContentEvent', message: 'x' }, dialogId: 'd' } })).not.toEqual([]);
    expect(validateAgentServerFrame({ kind: 'notification', type: '.ams.routing.RoutingTaskNotification', body: { subscriptionId: 's', changes: [{ type: 'UPSERT', result: { conversationId: 'c' } }] } })).not.toEqual([]);
    expect(validateAgentServerFrame({ kind: 'resp', reqId: '1', code: 200, type: 'ms.PublishEventResponse', body: { sequence: -1 } })).not.toEqual([]);
    expect(validateAgentServerFrame({ kind: 'resp', reqId: '1', code: 200, type: '.ams.made.Up$Response', body: {} })).not.toEqual([]);
  });

  it('lists each deviation once, with its reason, apart from the consumer side\'s', () => {
    const ids = [...AGENT_SCHEMA_EXCEPTIONS, ...SCHEMA_EXCEPTIONS].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const x of AGENT_SCHEMA_EXCEPTIONS) {
      expect(x.reason.length, x.id).toBeGreaterThan(20);
      expect(x.adjust ?? x.schema, x.id).toBeDefined();
    }
  });
});
