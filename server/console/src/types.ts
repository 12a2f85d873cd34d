// What the console works with, decoded from the stand-in's control API (docs/stand-in.md).
// Everything the server sends passes through decode.ts first; these shapes are the result.

export type AgentRole = 'agent' | 'manager';

export interface Agent {
  id: string;
  nickname: string;
  role: AgentRole;
}

export type Queue = 'waiting' | 'open' | 'closed';

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
}

export interface LastMessage {
  sequence: number;
  role: string;
  text: string;
  serverTimestamp: number;
}

export type ReceiptState = 'sent' | 'delivered' | 'read';

export type TranscriptEvent =
  | { kind: 'text'; text: string; quickReplies: string[] }
  | { kind: 'receipt'; status: string; sequences: number[] }
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

export interface Settings {
  autoReceipts: boolean;
  /** The post-conversation survey when a consumer closes the MAIN dialog. */
  survey: boolean;
}
