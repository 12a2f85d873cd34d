// The top bar: account, acting agent, automatic receipts, and whether updates are live.
import { useId, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AccountApi } from './api';
import type { Agent, Settings } from './types';
import type { LiveMode } from './useLiveUpdates';
import { useAction, useSettings } from './queries';

interface Props {
  account: string;
  onAccount: (account: string) => void;
  api: AccountApi;
  agents: readonly Agent[];
  agentId: string;
  onAgent: (id: string) => void;
  mode: LiveMode;
}

const MODE_LABEL: Record<LiveMode, string> = { connecting: 'Connecting…', live: 'Live', polling: 'Polling every second' };

export function Header({ account, onAccount, api, agents, agentId, onAgent, mode }: Props) {
  const ids = useId();
  const [draft, setDraft] = useState(account);
  const settings = useSettings(api, account, mode);
  const queryClient = useQueryClient();
  // The stored settings replace the cached ones before the switch leaves its pending state (no flicker back).
  const save = useAction(account, async (change: Partial<Settings>) => {
    queryClient.setQueryData(['account', account, 'settings'], await api.putSettings(change));
  });
  const shown = { ...settings.data, ...(save.isPending ? save.variables : {}) };

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
          <label className="inline">
            <input
              type="checkbox"
              checked={shown.autoReceipts ?? false}
              disabled={!settings.data}
              onChange={(e) => save.mutate({ autoReceipts: e.target.checked })}
            />
            Mark messages read automatically
          </label>
          <label className="inline">
            <input
              type="checkbox"
              checked={shown.survey ?? false}
              disabled={!settings.data}
              onChange={(e) => save.mutate({ survey: e.target.checked })}
            />
            Survey when the consumer closes
          </label>
          <span className={`live live-${mode}`} role="status">
            {MODE_LABEL[mode]}
          </span>
        </>
      )}
    </header>
  );
}
