// settings.autoReceipts: the assigned agent's side marks each consumer content event ACCEPT, then
// READ, shortly after it arrives (or, for messages written while the conversation waited, as soon
// as an agent is assigned); events arriving close together are acknowledged in one receipt.
import type { Timers } from '../timers';
import type { Account } from './accounts';
import { agentReceipts, isContent, publish } from './events';
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
  /** Sequences already queued or acknowledged by this bot, per dialog (never twice). */
  const queued = new Map<string, Set<number>>();

  function queue(conv: Conversation, dialog: Dialog, sequences: number[]): void {
    const seen = queued.get(dialog.id) ?? new Set<number>();
    queued.set(dialog.id, seen);
    const fresh = sequences.filter((s) => !seen.has(s));
    if (fresh.length === 0) return;
    for (const s of fresh) seen.add(s);
    const batch = pending.get(dialog.id);
    if (batch) return void batch.push(...fresh);
    const list = [...fresh];
    pending.set(dialog.id, list);
    timers.after(AUTO_ACCEPT_MS, () => {
      pending.delete(dialog.id);
      receipt(account, conv, dialog, 'ACCEPT', list);
      timers.after(AUTO_READ_MS, () => receipt(account, conv, dialog, 'READ', list));
    });
  }

  return account.listen({
    event(conv, dialog, _change, stored) {
      if (!account.settings.autoReceipts || !stored || stored.role !== 'CONSUMER' || !isContent(stored.event)) return;
      if (!assignedAgent(conv)) return;
      queue(conv, dialog, [stored.sequence]);
    },
    conversation(conv) {
      if (!account.settings.autoReceipts || !assignedAgent(conv)) return;
      for (const dialog of conv.dialogs) {
        if (dialog.state !== 'OPEN') continue;
        const unacknowledged = Object.entries(agentReceipts(dialog))
          .filter(([, state]) => state === 'sent')
          .map(([seq]) => Number(seq));
        queue(conv, dialog, unacknowledged);
      }
    },
  });
}
