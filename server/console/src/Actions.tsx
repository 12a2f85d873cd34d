// What the agent can do with the selected conversation (as in LivePerson's Agent Workspace).
import { useId, useState } from 'react';
import type { AccountApi, TransferTarget } from './api';
import type { Agent, ConversationDetail } from './types';
import { inSurvey, isActive, isEnded, mainParticipants, nameOf, skillName } from './format';
import { unacknowledged } from './receipts';
import { useAction } from './queries';

interface Props {
  api: AccountApi;
  account: string;
  detail: ConversationDetail;
  agents: readonly Agent[];
  agentId: string;
}

const SKILL = 'skill';

export function Actions({ api, account, detail, agents, agentId }: Props) {
  const ids = useId();
  const [target, setTarget] = useState('');
  const [skillId, setSkillId] = useState('');
  const id = detail.id;
  const accept = useAction(account, () => api.accept(id, agentId));
  const receipts = useAction(account, (a: { status: 'ACCEPT' | 'READ'; sequences: number[] }) =>
    api.receipts(id, agentId, a.status, a.sequences));
  const transfer = useAction(account, (to: TransferTarget) => api.transfer(id, to));
  const backToQueue = useAction(account, () => api.backToQueue(id));
  const manager = useAction(account, (managerId: string) => api.addManager(id, managerId));
  const close = useAction(account, (survey: boolean) => api.close(id, survey));

  const closed = isEnded(detail);
  const participants = mainParticipants(detail);
  const assigned = participants.find((p) => p.role === 'ASSIGNED_AGENT');
  const me = participants.find((p) => p.id === agentId);
  const canAccept = !closed && (detail.queue === 'waiting' || (me?.role === 'ASSIGNED_AGENT' && !isActive(me)));
  const toDeliver = closed ? [] : unacknowledged(detail, 'delivered');
  const toRead = closed ? [] : unacknowledged(detail, 'read');
  const managerAgent = agents.find((a) => a.role === 'manager' && !participants.some((p) => p.id === a.id));
  const transferTo: TransferTarget | undefined =
    target === SKILL ? (skillId.trim() ? { skillId: skillId.trim() } : undefined) : target ? { agentId: target } : undefined;

  const status = inSurvey(detail)
    ? 'Post-conversation survey running'
    : closed
      ? 'Closed'
      : !assigned
        ? `Waiting for ${skillName(detail.skillId)}`
        : `${isActive(assigned) ? 'Assigned' : 'Suggested'} to ${nameOf(agents, assigned.id)}`;

  return (
    <section className="panel actions" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Conversation</h2>
      <p className="status">{status}</p>
      {closed ? (
        <p className="hint">Agents can no longer act on it.</p>
      ) : (
        <>
          {canAccept && (
            <button type="button" className="primary" onClick={() => accept.mutate()} disabled={accept.isPending}>
              Accept
            </button>
          )}
          <div className="button-row">
            <button type="button" disabled={toDeliver.length === 0} onClick={() => receipts.mutate({ status: 'ACCEPT', sequences: toDeliver })}>
              Mark delivered
            </button>
            <button type="button" disabled={toRead.length === 0} onClick={() => receipts.mutate({ status: 'READ', sequences: toRead })}>
              Mark read
            </button>
          </div>
          <form
            className="transfer"
            onSubmit={(e) => {
              e.preventDefault();
              if (transferTo) transfer.mutate(transferTo, { onSuccess: () => setTarget('') });
            }}
          >
            <label htmlFor={`${ids}-to`}>Transfer to</label>
            <select id={`${ids}-to`} value={target} onChange={(e) => setTarget(e.target.value)}>
              <option value="">Choose…</option>
              {agents.filter((a) => a.id !== assigned?.id).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.nickname}
                </option>
              ))}
              <option value={SKILL}>A skill (back to the queue)</option>
            </select>
            {target === SKILL && (
              <>
                <label htmlFor={`${ids}-skill`}>Skill id</label>
                <input id={`${ids}-skill`} value={skillId} onChange={(e) => setSkillId(e.target.value)} placeholder="e.g. billing" />
              </>
            )}
            <button type="submit" disabled={!transferTo || transfer.isPending}>
              Transfer
            </button>
          </form>
          <div className="button-row">
            <button type="button" disabled={!assigned} onClick={() => backToQueue.mutate()}>
              Back to queue
            </button>
            <button type="button" disabled={!managerAgent} onClick={() => managerAgent && manager.mutate(managerAgent.id)}>
              Add manager
            </button>
          </div>
          <div className="button-row">
            <button type="button" className="danger" onClick={() => close.mutate(false)}>
              Close conversation
            </button>
            <button type="button" onClick={() => close.mutate(true)}>
              Close with survey
            </button>
          </div>
        </>
      )}
    </section>
  );
}
