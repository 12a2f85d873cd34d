// What the console works with, decoded from the stand-in's control API (server/control-client.ts,
// whose types are the server's views). Everything the server sends passes through decode.ts first;
// these shapes are the result: where they differ from the views (transcripts as ordered lists,
// receipts in one map, participants under one name) it is for the console's display.
import type { AgentView, QueueView, ReceiptState } from '../../control-client';

export type { ReceiptState } from '../../control-client';
import type { Settings as AccountSettings } from '../../control-client';
/** The settings the console toggles; the rest (what real LivePerson sends) are for tests. */
export type Settings = Pick<AccountSettings, 'autoReceipts' | 'survey' | 'welcome' | 'urgent'>;

/** The console shows agents and managers (a bot is listed as an agent). */
export type AgentRole = Exclude<AgentView['role'], 'bot'>;

export type Agent = Omit<AgentView, 'role'> & { role: AgentRole };

export type Queue = QueueView;

export interface Participant {
  id: string;
  role: string;
  /** 'SUGGESTED' for an agent a conversation was transferred to, until it accepts. */
  state?: string;
}

export interface Dialog {
  dialogId: string;
  dialogType: string;
  state: string;
  participants: Participant[];
}

export interface ConversationSummary {
  id: string;
  consumerId: string;
  stage: string;
  state: string;
  skillId: string;
  queue: Queue;
  participants: Participant[];
  dialogs: Dialog[];
  startTs: number;
  endTs?: number;
  /** The MAIN dialog's last content (the list's preview); absent before the first message. */
  lastMessage?: LastMessage;
  /** The consumer's legacy CSAT rating (1 to 5), once given. */
  rating?: number;
  /** The consumer's latest chat state (COMPOSING while typing) and when the server got it. */
  visitorChatState?: { chatState: string; at: number };
}

export interface LastMessage {
  sequence: number;
  role: string;
  text: string;
  serverTimestamp: number;
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
