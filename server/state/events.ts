// Per-dialog event logs: publishing (sequences from 0), history replay, receipt bookkeeping.
import type { Metadata, MessagingEvent, MessagingEventChange, Role } from '../../src/liveperson/wire';
import { Errors, Refusal } from '../errors';
import { MAX_DEPTH, nestedDeeperThan } from '../nesting';
import type { Account } from './accounts';
import { receiptRank, type Audience, type Conversation, type Dialog, type ReceiptState, type StoredEvent } from './model';

export interface PublishInput {
  originatorId: string;
  role: Role;
  event: MessagingEvent;
  metadata?: Metadata[];
  audience?: Audience;
}

export function toChange(conv: Conversation, dialog: Dialog, s: StoredEvent): MessagingEventChange {
  return {
    sequence: s.sequence,
    originatorId: s.originatorId,
    originatorMetadata: { id: s.originatorId, role: s.role },
    serverTimestamp: s.serverTimestamp,
    event: s.event,
    conversationId: conv.id,
    dialogId: dialog.id,
    messageAudience: s.audience,
    ...(s.metadata ? { metadata: s.metadata } : {}),
  };
}

/**
 * Adds an event to a dialog and tells the account's listeners (400 when it is nested too deep). ChatStateEvents are not stored
 * and carry no sequence; everything else gets the dialog's next sequence. Returns the stored event.
 */
export function publish(account: Account, conv: Conversation, dialog: Dialog, input: PublishInput, now: number): StoredEvent | undefined {
  // Whoever publishes (a consumer frame, the control API), data nested too deep is never stored: as in a
  // request frame, where the event sits 2 levels below the frame itself.
  if (nestedDeeperThan({ event: input.event, metadata: input.metadata }, MAX_DEPTH - 1)) throw new Refusal(400, Errors.tooDeep(MAX_DEPTH));
  if (input.event.type === 'ChatStateEvent') {
    if (input.role === 'CONSUMER') conv.visitorChatState = { chatState: input.event.chatState, at: now };
    const change: MessagingEventChange = {
      originatorId: input.originatorId,
      originatorMetadata: { id: input.originatorId, role: input.role },
      event: input.event,
      conversationId: conv.id,
      dialogId: dialog.id,
      messageAudience: input.audience ?? 'ALL',
      ...(input.metadata ? { metadata: input.metadata } : {}),
    };
    account.eventAdded(conv, dialog, change, undefined);
    return undefined;
  }
  const last = dialog.events[dialog.events.length - 1];
  const stored: StoredEvent = {
    sequence: dialog.events.length,
    originatorId: input.originatorId,
    role: input.role,
    // One server clock: an event is never dated before the conversation's last metadata change
    // (touch() keeps those strictly increasing, so they can run a few ms ahead of `now`); else the
    // survey's first question would sort before the "survey started" change that opened its dialog.
    serverTimestamp: Math.max(now, last?.serverTimestamp ?? 0, conv.metaDataLastUpdateTs),
    event: input.event,
    audience: input.audience ?? 'ALL',
    ...(input.metadata ? { metadata: input.metadata } : {}),
  };
  dialog.events.push(stored);
  account.eventAdded(conv, dialog, toChange(conv, dialog, stored), stored);
  return stored;
}

/** The first sequence in the list that names no stored event of the dialog. */
export function missingSequence(dialog: Dialog, sequences: number[]): number | undefined {
  return sequences.find((s) => !Number.isInteger(s) || s < 0 || s >= dialog.events.length);
}

/** Events a consumer may see, from `fromSeq`, at most `cap` (the most recent ones). */
export function consumerHistory(dialog: Dialog, fromSeq: number, cap: number): StoredEvent[] {
  const visible = dialog.events.filter((e) => e.sequence >= fromSeq && e.audience === 'ALL');
  return cap >= visible.length ? visible : visible.slice(visible.length - cap);
}

export const isContent = (e: MessagingEvent) => e.type === 'ContentEvent' || e.type === 'RichContentEvent';

/** For each consumer content sequence, how far the agent side acknowledged it. */
export function agentReceipts(dialog: Dialog): Record<number, ReceiptState> {
  const out: Record<number, ReceiptState> = {};
  for (const e of dialog.events) if (e.role === 'CONSUMER' && isContent(e.event)) out[e.sequence] = 'sent';
  for (const e of dialog.events) {
    if (e.role === 'CONSUMER' || e.event.type !== 'AcceptStatusEvent') continue;
    const to = receiptRank[e.event.status];
    if (!to) continue;
    for (const s of e.event.sequenceList) {
      const cur = out[s];
      if (cur === undefined) continue;
      if (to === 'read' || cur === 'sent') out[s] = to;
    }
  }
  return out;
}
