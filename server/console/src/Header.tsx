// The top bar: account, acting agent, and whether updates are live.
import { useId, useState } from 'react';
import type { Agent } from './types';
import type { LiveMode } from './useLiveUpdates';

interface Props {
  account: string;
  onAccount: (account: string) => void;
  agents: readonly Agent[];
  agentId: string;
  onAgent: (id: string) => void;
  mode: LiveMode;
}

const MODE_LABEL: Record<LiveMode, string> = { connecting: 'Connecting…', live: 'Live', polling: 'Polling every second' };

export function Header({ account, onAccount, agents, agentId, onAgent, mode }: Props) {
  const ids = useId();
  const [draft, setDraft] = useState(account);
  return (
    <header className="topbar">
      <h1>Parley · Agent console</h1>
      <form
        className="account"
        onSubmit={(e) => {
          e.preventDefault();
          if (draft.trim()) onAccount(draft);
        }}
      >
        <label htmlFor={`${ids}-acc`}>Account</label>
        <input id={`${ids}-acc`} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="account id" />
        <button type="submit">Open</button>
      </form>
      {account && (
        <>
          <div className="field-inline">
            <label htmlFor={`${ids}-agent`}>Agent</label>
            <select id={`${ids}-agent`} value={agentId} onChange={(e) => onAgent(e.target.value)}>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.nickname}
                  {a.role === 'manager' ? ' (manager)' : ''}
                </option>
              ))}
            </select>
          </div>
          <span className={`live live-${mode}`} role="status">
            {MODE_LABEL[mode]}
          </span>
        </>
      )}
    </header>
  );
}
