// settings.autoReceipts: the assigned agent's side marks each consumer content event ACCEPT, then
// READ, shortly after it arrives; events arriving close together are acknowledged in one receipt.
import type { Timers } from '../timers';
import type { Account } from './accounts';
import { isContent, publish } from './events';
import { assignedAgent, type Conversation, type Dialog } from './model';

export const AUTO_ACCEPT_MS = 150;
export const AUTO_READ_MS = 300;

function receipt(account: Account, conv: Conversation, dialog: Dialog, status: 'ACCEPT' | 'READ', sequences: number[]): void {
  const agent = assignedAgent(conv);
  if (!agent || dialog.state !== 'OPEN' || sequences.length === 0) return;
  publish(account, conv, dialog, { originatorId: agent, role: 'ASSIGNED_AGENT', event: { type: 'AcceptStatusEvent', status, sequenceList: sequences } }, Date.now());
}

export function runAutoReceipts(account: Account, timers: Timers): () => void {
  const pending = new Map<string, number[]>();
  return account.listen({
    event(conv, dialog, _change, stored) {
      if (!account.settings.autoReceipts || !stored || stored.role !== 'CONSUMER' || !isContent(stored.event)) return;
      if (!assignedAgent(conv)) return;
      const batch = pending.get(dialog.id);
      if (batch) return void batch.push(stored.sequence);
      const sequences = [stored.sequence];
      pending.set(dialog.id, sequences);
      timers.after(AUTO_ACCEPT_MS, () => {
        pending.delete(dialog.id);
        receipt(account, conv, dialog, 'ACCEPT', sequences);
        timers.after(AUTO_READ_MS, () => receipt(account, conv, dialog, 'READ', sequences));
      });
    },
  });
}
