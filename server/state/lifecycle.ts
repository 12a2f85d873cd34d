// Conversation lifecycle: create, agent joins and leaves, transfers, closing dialogs and conversations.
import { randomUUID } from 'node:crypto';
import type { CloseReason, TtrType } from '../../src/liveperson/wire';
import { Errors, Refusal } from '../errors';
import type { Account } from './accounts';
import { mainDialog, touch, TTR_SECONDS, type Conversation, type Dialog } from './model';

export function createConversation(
  account: Account,
  consumerId: string,
  opts: { skillId?: string; ttrType?: TtrType },
  now: number,
): Conversation {
  const open = account.openConversationOf(consumerId);
  if (open) throw new Refusal(400, Errors.alreadyOpen(open.id));
  const id = randomUUID();
  const ttrType = opts.ttrType ?? 'PRIORITIZED';
  const conv: Conversation = {
    id,
    brandId: account.id,
    consumerId,
    skillId: opts.skillId ?? '-1',
    state: 'OPEN',
    stage: 'OPEN',
    startTs: now,
    metaDataLastUpdateTs: now,
    ttr: { ttrType, value: TTR_SECONDS[ttrType] },
    participants: [{ id: consumerId, role: 'CONSUMER' }],
    dialogs: [
      {
        id,
        type: 'MAIN',
        state: 'OPEN',
        creationTs: now,
        metaDataLastUpdateTs: now,
        participants: [{ id: consumerId, role: 'CONSUMER', state: 'ACTIVE' }],
        events: [],
      },
    ],
  };
  account.conversations.set(id, conv);
  account.conversationChanged(conv);
  return conv;
}

function requireOpen(conv: Conversation): Dialog {
  const main = mainDialog(conv);
  if (conv.stage === 'CLOSE' || main.state === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
  return main;
}

function removeAssigned(conv: Conversation, main: Dialog): void {
  main.participants = main.participants.filter((p) => p.role !== 'ASSIGNED_AGENT');
  conv.participants = conv.participants.filter((p) => p.role !== 'ASSIGNED_AGENT');
}

/** The agent becomes the ACTIVE assigned agent (a SUGGESTED one is promoted). */
export function accept(account: Account, conv: Conversation, agentId: string, now: number): void {
  const main = requireOpen(conv);
  const current = main.participants.find((p) => p.role === 'ASSIGNED_AGENT');
  if (current?.state === 'ACTIVE' && current.id !== agentId) throw new Refusal(409, Errors.alreadyAssigned(current.id));
  if (current?.state === 'ACTIVE') return;
  removeAssigned(conv, main);
  main.participants.push({ id: agentId, role: 'ASSIGNED_AGENT', state: 'ACTIVE' });
  conv.participants.push({ id: agentId, role: 'ASSIGNED_AGENT' });
  touch(conv, now, main);
  account.conversationChanged(conv);
}

export function transferToSkill(account: Account, conv: Conversation, skillId: string, now: number): void {
  const main = requireOpen(conv);
  removeAssigned(conv, main);
  conv.skillId = skillId;
  touch(conv, now, main);
  account.conversationChanged(conv);
}

/** The target agent is SUGGESTED (not yet a top-level participant) until it accepts. */
export function transferToAgent(account: Account, conv: Conversation, agentId: string, now: number): void {
  const main = requireOpen(conv);
  removeAssigned(conv, main);
  main.participants.push({ id: agentId, role: 'ASSIGNED_AGENT', state: 'SUGGESTED' });
  touch(conv, now, main);
  account.conversationChanged(conv);
}

export function backToQueue(account: Account, conv: Conversation, now: number): void {
  const main = requireOpen(conv);
  if (!main.participants.some((p) => p.role === 'ASSIGNED_AGENT')) throw new Refusal(409, Errors.noAssignedAgent);
  removeAssigned(conv, main);
  touch(conv, now, main);
  account.conversationChanged(conv);
}

export function addManager(account: Account, conv: Conversation, agentId: string, now: number): void {
  const main = requireOpen(conv);
  if (main.participants.some((p) => p.id === agentId && p.role === 'MANAGER')) return;
  main.participants.push({ id: agentId, role: 'MANAGER', state: 'ACTIVE' });
  conv.participants.push({ id: agentId, role: 'MANAGER' });
  touch(conv, now, main);
  account.conversationChanged(conv);
}

function closeDialogState(d: Dialog, by: 'CONSUMER' | 'AGENT', cause: string, now: number): void {
  if (d.state === 'CLOSE') return;
  d.state = 'CLOSE';
  d.endTs = now;
  d.closedBy = by;
  d.closedCause = cause;
}

const causeOf = (reason: CloseReason) => (reason === 'CONSUMER' ? 'Closed by consumer' : 'Closed by agent');

/** Closes every dialog and the conversation container (no survey). */
export function closeConversation(account: Account, conv: Conversation, reason: CloseReason, now: number): void {
  if (conv.stage === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
  const by = reason === 'CONSUMER' ? 'CONSUMER' : 'AGENT';
  for (const d of conv.dialogs) closeDialogState(d, by, causeOf(reason), now);
  conv.state = 'CLOSE';
  conv.stage = 'CLOSE';
  conv.closeReason ??= reason;
  conv.endTs = now;
  touch(conv, now);
  for (const d of conv.dialogs) d.metaDataLastUpdateTs = Math.max(d.metaDataLastUpdateTs, conv.metaDataLastUpdateTs);
  account.conversationChanged(conv);
}

/** Closes the MAIN dialog only and opens a POST_SURVEY dialog with the survey bot; returns it. */
export function openSurveyDialog(account: Account, conv: Conversation, reason: CloseReason, now: number): Dialog {
  const main = requireOpen(conv);
  closeDialogState(main, reason === 'CONSUMER' ? 'CONSUMER' : 'AGENT', causeOf(reason), now);
  conv.state = 'CLOSE';
  conv.closeReason = reason;
  const survey: Dialog = {
    id: randomUUID(),
    type: 'POST_SURVEY',
    state: 'OPEN',
    creationTs: now,
    metaDataLastUpdateTs: now,
    participants: [
      { id: conv.consumerId, role: 'CONSUMER', state: 'ACTIVE' },
      { id: account.surveyBot.id, role: 'AGENT', state: 'ACTIVE' },
    ],
    events: [],
    metaData: { appInstallId: account.surveyBot.id },
  };
  conv.dialogs.push(survey);
  conv.participants.push({ id: account.surveyBot.id, role: 'AGENT' });
  touch(conv, now, main);
  survey.metaDataLastUpdateTs = conv.metaDataLastUpdateTs;
  account.conversationChanged(conv);
  return survey;
}

/** Closes the POST_SURVEY dialog, which ends the conversation (stage CLOSE). */
export function closeSurveyDialog(account: Account, conv: Conversation, dialog: Dialog, by: 'CONSUMER' | 'AGENT', cause: string, now: number): void {
  if (dialog.state === 'CLOSE') throw new Refusal(409, Errors.dialogClosed);
  closeDialogState(dialog, by, cause, now);
  conv.stage = 'CLOSE';
  conv.endTs = now;
  touch(conv, now, dialog);
  account.conversationChanged(conv);
}

/**
 * Test data (control API): `count` conversations of the consumer that were opened and closed by the
 * consumer before `now`, oldest first, one minute apart and ending before any open one started.
 * They are history, not changes: no subscriber is notified (a fresh subscription's snapshot has them).
 */
export function seedClosedHistory(account: Account, consumerId: string, count: number, now: number): number {
  const open = account.openConversationOf(consumerId);
  const end = Math.min(now, open?.startTs ?? now) - 60_000;
  for (let i = 0; i < count; i++) {
    const startTs = end - (count - i) * 60_000;
    const id = randomUUID();
    const endTs = startTs + 30_000;
    const conv: Conversation = {
      id,
      brandId: account.id,
      consumerId,
      skillId: '-1',
      state: 'CLOSE',
      stage: 'CLOSE',
      closeReason: 'CONSUMER',
      startTs,
      endTs,
      metaDataLastUpdateTs: endTs,
      ttr: { ttrType: 'PRIORITIZED', value: TTR_SECONDS.PRIORITIZED },
      participants: [{ id: consumerId, role: 'CONSUMER' }],
      dialogs: [
        {
          id,
          type: 'MAIN',
          state: 'CLOSE',
          creationTs: startTs,
          endTs,
          closedBy: 'CONSUMER',
          closedCause: causeOf('CONSUMER'),
          metaDataLastUpdateTs: endTs,
          participants: [{ id: consumerId, role: 'CONSUMER', state: 'ACTIVE' }],
          events: [],
        },
      ],
    };
    account.conversations.set(id, conv);
  }
  return count;
}
