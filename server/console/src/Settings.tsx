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
      <label className="inline">
        <input
          type="checkbox"
          checked={!!shown.welcome}
          disabled={!settings.data}
          onChange={(e) => save.mutate({ welcome: e.target.checked ? DEMO_WELCOME : null })}
        />
        Welcome message
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={shown.urgent ?? true}
          disabled={!settings.data}
          onChange={(e) => save.mutate({ urgent: e.target.checked })}
        />
        Consumers may mark urgent
      </label>
    </section>
  );
}
