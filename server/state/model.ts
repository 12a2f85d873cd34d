// The stand-in's in-memory conversation model and its projection to the wire (newer LP shape).
import type {
  AcceptStatus,
  ConvState,
  ConversationDetails,
  Metadata,
  MessagingEvent,
  ParticipantState,
  Role,
  TtrType,
  WireChatState,
  WireDialog,
} from '../../src/liveperson/wire';

export type Audience = 'ALL' | 'AGENTS_AND_MANAGERS';

export interface StoredEvent {
  sequence: number;
  originatorId: string;
  role: Role;
  serverTimestamp: number;
  event: MessagingEvent;
  metadata?: Metadata[];
  audience: Audience;
}

export interface DialogParticipant {
  id: string;
  role: Role;
  state: ParticipantState;
}

/** The wire dialog's fields (id, type and participants under the stand-in's own names); it holds its events. */
export interface Dialog extends Omit<WireDialog, 'dialogId' | 'dialogType' | 'channelType' | 'participantsDetails'> {
  id: string;
  type: 'MAIN' | 'POST_SURVEY';
  participants: DialogParticipant[];
  events: StoredEvent[];
}

/** The wire snapshot's fields, plus what only the stand-in knows; dialogs hold their events. */
export interface Conversation extends Omit<ConversationDetails, 'dialogs' | 'participants'> {
  id: string;
  consumerId: string;
  /** Participants of the whole conversation (SUGGESTED agents are not listed here). */
  participants: Array<{ id: string; role: Role }>;
  dialogs: Dialog[];
  /** The consumer's latest ChatStateEvent (not stored as an event; for the agent console's "typing"). */
  visitorChatState?: { chatState: WireChatState; at: number };
}

export const TTR_SECONDS: Record<TtrType, number> = { CUSTOM: 600, NORMAL: 3600, PRIORITIZED: 600, URGENT: 300 };
export const TTR_TYPES: readonly TtrType[] = ['CUSTOM', 'NORMAL', 'PRIORITIZED', 'URGENT'];

/** Bumps the conversation's (and optionally a dialog's) update time: strictly increasing. */
export function touch(conv: Conversation, now: number, dialog?: Dialog): number {
  const ts = Math.max(now, conv.metaDataLastUpdateTs + 1);
  conv.metaDataLastUpdateTs = ts;
  if (dialog) dialog.metaDataLastUpdateTs = ts;
  return ts;
}

export function mainDialog(conv: Conversation): Dialog {
  const d = conv.dialogs[0];
  if (!d) throw new Error(`conversation ${conv.id} has no MAIN dialog`);
  return d;
}

export function findDialog(conv: Conversation, dialogId: string): Dialog | undefined {
  return conv.dialogs.find((d) => d.id === dialogId);
}

/** The ACTIVE assigned agent of the MAIN dialog, if any. */
export function assignedAgent(conv: Conversation): string | undefined {
  return mainDialog(conv).participants.find((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE')?.id;
}

function dialogToWire(d: Dialog): WireDialog {
  return {
    dialogId: d.id,
    participantsDetails: d.participants.map((p) => ({ id: p.id, role: p.role, state: p.state })),
    dialogType: d.type,
    channelType: 'MESSAGING',
    state: d.state,
    creationTs: d.creationTs,
    ...(d.endTs !== undefined ? { endTs: d.endTs } : {}),
    metaDataLastUpdateTs: d.metaDataLastUpdateTs,
    ...(d.closedBy ? { closedBy: d.closedBy } : {}),
    ...(d.closedCause ? { closedCause: d.closedCause } : {}),
    ...(d.metaData ? { metaData: d.metaData } : {}),
  };
}

/** The open POST_SURVEY dialog, while the post-conversation survey runs. */
export function runningSurvey(conv: Conversation): Dialog | undefined {
  return conv.dialogs.find((d) => d.type === 'POST_SURVEY' && d.state === 'OPEN');
}

/**
 * The stage a client sees. A client without MULTI_DIALOG cannot see the survey dialog, so for it
 * the conversation ended with its MAIN dialog (see docs/stand-in.md, "Feature gates").
 */
export function stageFor(conv: Conversation, multiDialog: boolean): ConvState {
  return !multiDialog && mainDialog(conv).state === 'CLOSE' ? 'CLOSE' : conv.stage;
}

/** Full snapshot for a consumer; POST_SURVEY dialogs only for clients with MULTI_DIALOG. */
export function toWire(conv: Conversation, multiDialog: boolean): ConversationDetails {
  const dialogs = conv.dialogs.filter((d) => d.type === 'MAIN' || multiDialog);
  const stage = stageFor(conv, multiDialog);
  const endTs = conv.endTs ?? (stage === 'CLOSE' ? mainDialog(conv).endTs : undefined);
  return {
    participants: conv.participants.map((p) => ({ ...p })),
    dialogs: dialogs.map(dialogToWire),
    brandId: conv.brandId,
    skillId: conv.skillId,
    state: conv.state,
    stage,
    ...(conv.closeReason ? { closeReason: conv.closeReason } : {}),
    startTs: conv.startTs,
    ...(endTs !== undefined ? { endTs } : {}),
    metaDataLastUpdateTs: conv.metaDataLastUpdateTs,
    ttr: { ...conv.ttr },
    ...(conv.csat ? { csat: { ...conv.csat } } : {}),
  };
}

export type ReceiptState = 'sent' | 'delivered' | 'read';

export const receiptRank: Partial<Record<AcceptStatus, ReceiptState>> = { ACCEPT: 'delivered', READ: 'read' };
