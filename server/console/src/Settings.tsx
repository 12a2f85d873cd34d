// The account's settings in the stand-in: automatic receipts, the consumer-triggered survey, the
// welcome message (a fixed demo text with quick replies) and whether consumers may mark urgent.
import { useId } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AccountApi } from './api';
import type { Settings as AccountSettings } from './types';
import type { LiveMode } from './useLiveUpdates';
import { useAction, useSettings } from './queries';

/** The welcome message the console switches on (the control API takes any text). */
export const DEMO_WELCOME = { text: 'Hi! Thanks for reaching out. What can we help you with?', quickReplies: ['Billing', 'An order', 'Something else'] };

interface Props {
  api: AccountApi;
  account: string;
  mode: LiveMode;
}

function Toggle({ label, checked, disabled, onChange }: { label: string; checked: boolean; disabled: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="inline">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function Settings({ api, account, mode }: Props) {
  const ids = useId();
  const settings = useSettings(api, account, mode);
  const queryClient = useQueryClient();
  // A read that was already under way must not put the old value back: cancel it, show the change at
  // once, and cache what the server stored before the switch leaves its pending state.
  const save = useAction(account, async (change: Partial<AccountSettings>) => {
    const key = ['account', account, 'settings'];
    await queryClient.cancelQueries({ queryKey: key });
    queryClient.setQueryData<AccountSettings>(key, (old) => (old ? { ...old, ...change } : old));
    queryClient.setQueryData(key, await api.putSettings(change));
  });
  const shown = { ...settings.data, ...(save.isPending ? save.variables : {}) };

  return (
    <section className="panel settings" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Account settings</h2>
      <Toggle label="Mark messages read automatically" checked={shown.autoReceipts ?? false} disabled={!settings.data} onChange={(on) => save.mutate({ autoReceipts: on })} />
      <Toggle label="Survey when the consumer closes" checked={shown.survey ?? false} disabled={!settings.data} onChange={(on) => save.mutate({ survey: on })} />
      <Toggle label="Welcome message" checked={!!shown.welcome} disabled={!settings.data} onChange={(on) => save.mutate({ welcome: on ? DEMO_WELCOME : null })} />
      <Toggle label="Consumers may mark urgent" checked={shown.urgent ?? true} disabled={!settings.data} onChange={(on) => save.mutate({ urgent: on })} />
    </section>
  );
}
