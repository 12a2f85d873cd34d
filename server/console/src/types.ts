// What the console works with, decoded from the stand-in's control API (server/control-client.ts,
// whose types are the server's views). Everything the server sends passes through decode.ts first;
// these shapes are the result. Fields the console reads as the views send them are picked from the
// views; the others differ for the console's display (transcripts as ordered lists, receipts in one
// map, participants under one name, the rating out of the CSAT) or because the decoder keeps any string.
import type { AgentView, ConversationSummaryView, QueueView, ReceiptState, Settings as AccountSettings } from '../../control-client';

export type { ReceiptState } from '../../control-client';

/** The settings the console toggles; the rest (what real LivePerson sends) are for tests. */
export type Settings = Pick<AccountSettings, 'autoReceipts' | 'survey' | 'welcome' | 'urgent'>;

/** The console shows agents and managers (a bot is listed as an agent). */
export type AgentRole = Exclude<AgentView['role'], 'bot'>;

export type Agent = Omit<AgentView, 'role'> & { role: AgentRole };

export type Queue = QueueView;

type SummaryView = ConversationSummaryView;
type DialogView = SummaryView['dialogs'][number];
type ParticipantView = DialogView['participantsDetails'][number];
type LastMessageView = NonNullable<SummaryView['lastMessage']>;

// Roles, stages, states and chat states are plain strings here: decode.ts keeps whatever string the
// server sends (or a fallback such as 'UNKNOWN'), not only the values the views name.

export interface Participant extends Pick<ParticipantView, 'id'> {
  role: string;
  /** 'SUGGESTED' for an agent a conversation was transferred to, until it accepts. */
  state?: string;
}

/** A dialog's participants are under `participants` (the view's `participantsDetails`). */
export interface Dialog extends Pick<DialogView, 'dialogId'> {
  dialogType: string;
  state: string;
  participants: Participant[];
}

export interface ConversationSummary extends Pick<SummaryView, 'id' | 'consumerId' | 'skillId' | 'queue' | 'startTs' | 'endTs'> {
  stage: string;
  state: string;
  participants: Participant[];
  dialogs: Dialog[];
  /** The MAIN dialog's last content (the list's preview); absent before the first message. */
  lastMessage?: LastMessage;
  /** The consumer's legacy CSAT rating (1 to 5), once given: the view's `csat.csatRate`. */
  rating?: number;
  /** The consumer's latest chat state (COMPOSING while typing) and when the server got it. */
  visitorChatState?: { chatState: string; at: number };
}

export interface LastMessage extends Pick<LastMessageView, 'sequence' | 'text' | 'serverTimestamp'> {
  role: string;
}

export type TranscriptEvent =
  | { kind: 'text'; text: string; quickReplies: string[] }
  | { kind: 'receipt'; status: string; sequences: number[] }
  /** A hosted/file ContentEvent (protocol reference §5.4): the visitor's upload, or the agent's. */
  | { kind: 'file'; caption: string; fileType: string; relativePath: string }
  | { kind: 'other'; label: string };

export interface TranscriptEntry {
  dialogId: string;
  sequence: number;
  originatorId: string;
  role: string;
  serverTimestamp: number;
  audience: string;
  event: TranscriptEvent;
}

export interface ConversationDetail extends ConversationSummary {
  /** Events per dialog, each list ordered by sequence; MAIN first. */
  transcript: Array<{ dialogId: string; dialogType: string; entries: TranscriptEntry[] }>;
  /** The agent side's receipts for consumer content, keyed `${dialogId}:${sequence}`. */
  receipts: Map<string, ReceiptState>;
}
