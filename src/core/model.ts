// Parley's backend-neutral chat model. No React, no I/O, no LivePerson wire shapes.
// A backend adapter (src/liveperson, src/genesys) decodes its frames into `CoreEvent`s;
// the pure reducer (reducer.ts) folds them into `ChatState`; selectors (view.ts) derive the
// `ChatView` that the UI renders. The state is a function of the *set* of events received:
// applying the same events in any order, any number of times, gives the same state.

export type ParticipantRole = 'consumer' | 'agent' | 'assistant' | 'manager' | 'reader' | 'system';
export type ParticipantStatus = 'active' | 'suggested';
export type ConversationStage = 'open' | 'closed';
export type ClosedBy = 'consumer' | 'agent' | 'system';
export type ReceiptStatus = 'pending' | 'sent' | 'delivered' | 'read';
export type Originator = 'consumer' | 'agent' | 'system';

export interface Participant {
  id: string;
  role: ParticipantRole;
  status: ParticipantStatus;
}

export interface Dialog {
  id: string;
  kind: 'main' | 'survey' | 'other';
  messaging: boolean;
  open: boolean;
  participants: Participant[];
  createdAt: number;
}

/** A full snapshot of one conversation's metadata at `updatedAt` (the server's clock). */
export interface ConversationSnapshot {
  id: string;
  updatedAt: number;
  stage: ConversationStage;
  /** The main dialog's state (with a survey, the main dialog closes before the stage). */
  mainOpen: boolean;
  closedBy?: ClosedBy;
  startedAt: number;
  endedAt?: number;
  skillId?: string;
  participants: Participant[];
  dialogs: Dialog[];
  /** When a reply can be expected (the service level), where the backend knows it. */
  expectedReply?: ExpectedReply;
  /** The visitor's satisfaction rating (1 to 5), once given. */
  rating?: number;
  /** The conversation's last message, where the backend's snapshot carries one. */
  lastContent?: { text: string; at: number; originator: Originator };
}

/** When a reply can be expected, from the server's service level; `by` wins over `withinSeconds`. */
export interface ExpectedReply {
  /** The usual time to a reply, in seconds. */
  withinSeconds?: number;
  /** The moment a reply is due (ms since the epoch), when the server names one. */
  by?: number;
  /** Replies start only after this moment (off hours; ms since the epoch). */
  after?: number;
  /** The conversation was marked urgent. */
  urgent: boolean;
}

export interface QuickReplyOption {
  title: string;
  /** The text published when the option is chosen. */
  text: string;
  /** Opaque metadata the backend returns with the choice. */
  metadata?: unknown;
}

export type MessageBody =
  | { kind: 'text'; text: string; quickReplies?: QuickReplyOption[] }
  /** A shared file; `path` is '' while the visitor's own file is still uploading (see OutgoingFile). */
  | { kind: 'file'; caption: string; fileType: string; path: string; preview?: string }
  /** Structured content in the backend's own format, as it came (plain data); ChatSession.richContent reads it into the UI's tree. */
  | { kind: 'rich'; fallbackText: string; content: unknown; quickReplies?: QuickReplyOption[] }
  | { kind: 'unsupported'; description: string };

/** The visitor's file in the outbox, as its bubble shows it before the server stored it. */
export interface OutgoingFile {
  name: string;
  caption: string;
  /** The backend's file type name (e.g. PNG, JPG, PDF). */
  fileType: string;
  /** A small data:image thumbnail, for images. */
  preview?: string;
}

/** Who said something in which dialog (every event of a dialog carries these). */
interface DialogEventBase {
  conversationId: string;
  dialogId: string;
  originatorId: string;
  originator: Originator;
}

/** A stored event of a dialog: its sequence (unique in the dialog) and the server's time. */
interface SequencedEventBase extends DialogEventBase {
  /** Receipts consume sequences too. */
  sequence: number;
  at: number;
}

/** Events a backend adapter feeds into the reducer. */
export type CoreEvent =
  | { type: 'conversation'; snapshot: ConversationSnapshot }
  /** The conversation left the subscription (no timestamp on the wire). */
  | { type: 'conversationRemoved'; conversationId: string }
  | (SequencedEventBase & {
      type: 'message';
      body: MessageBody;
      /** Client id carried in the publish request's metadata (ExternalId), if any. */
      clientId?: string;
      /** Local receive time (ms), to compare with typing events (which carry no server time). */
      receivedAt?: number;
    })
  | (SequencedEventBase & {
      type: 'receipt';
      status: 'accept' | 'read' | 'action';
      sequences: number[];
    })
  | (DialogEventBase & {
      type: 'typing';
      composing: boolean;
      /** Local receive time (ms): chat states carry no sequence or server time. */
      receivedAt: number;
    })
  /** Display details of a participant (best effort; e.g. an agent's nickname). */
  | { type: 'profile'; participantId: string; name: string; avatarUrl?: string }
  /** The visitor queued a message (optimistic bubble). */
  | { type: 'outboxAdded'; clientId: string; text: string; createdAt: number; file?: OutgoingFile }
  /** The server stored the visitor's message with this sequence (publish response). */
  | { type: 'outboxStored'; clientId: string; dialogId: string; sequence: number }
  /** Publishing failed for good (shown as "Not sent"). */
  | { type: 'outboxFailed'; clientId: string; reason: string; at: number }
  /** The visitor chose Retry on a failed message. */
  | { type: 'outboxRetried'; clientId: string; at: number }
  /** The visitor cancelled a file before it was published: its bubble goes. */
  | { type: 'outboxCancelled'; clientId: string };

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'error';

/** Why the connection gave up (status 'error'), for the UI's catalogue: the token source failed or refused (`signIn`), or the browser has no WebSocket (`unsupported`). */
export type ConnectionErrorKind = 'signIn' | 'unsupported';

export interface ConnectionView {
  status: ConnectionStatus;
  /** An explanation (English, for logs and the host's `connection` event) when status is 'error'. */
  error?: string;
  /** What the UI shows for the error, from its catalogue. */
  errorKind?: ConnectionErrorKind;
  /** Told once it happened, whatever the status: the identity was replaced, so the earlier conversation cannot be continued. */
  notice?: 'conversationLost';
}

/** One row of the rendered timeline. */
export type TimelineRow =
  | {
      kind: 'message';
      key: string;
      originator: Originator;
      participantId: string;
      dialogId?: string;
      sequence?: number;
      at: number;
      body: MessageBody;
      /** Only for the visitor's own messages. */
      receipt?: ReceiptStatus | 'failed';
      clientId?: string;
    }
  | {
      kind: 'banner';
      key: string;
      at: number;
      banner:
        | { type: 'agentJoined'; participantId: string }
        | { type: 'agentLeft'; participantId: string }
        | { type: 'transferred'; participantId?: string }
        | { type: 'backToQueue' }
        | { type: 'managerJoined'; participantId: string }
        | { type: 'conversationEnded'; by: ClosedBy }
        /** `dialogId`: the survey's dialog, whose messages always show below this banner. */
        | { type: 'surveyStarted'; dialogId?: string };
    };

/** A closed conversation before the current one, for the list of earlier conversations. */
export interface EarlierConversation {
  id: string;
  startedAt: number;
  endedAt: number;
  /** The agent it had (a participant id; the name is in `names` when known). */
  agentId?: string;
  lastMessage?: { text: string; at: number; originator: Originator };
  /** Its messages, once loaded (ChatSession.openEarlier), read-only. */
  rows?: TimelineRow[];
}

/** What the UI renders; derived from ChatState by pure selectors. */
export interface ChatView {
  consumerId?: string;
  conversationId?: string;
  stage: ConversationStage | 'none';
  agent?: { participantId: string };
  agentTyping?: { participantId: string };
  timeline: TimelineRow[];
  /** Agent content not yet read by the visitor. */
  unread: number;
  /** Display names by participant id, where known. */
  names: Record<string, string>;
  /** Pictures by participant id, where known (the backend passes only https and data:image URLs). */
  avatars?: Record<string, string>;
  /** While the open conversation waits for an agent: when a reply can be expected (if the backend knows). */
  expectedReply?: ExpectedReply;
  /** The current conversation ended without a survey: the visitor may rate it (`given` once rated). */
  rating?: { given?: number };
  /** The visitor's earlier (closed) conversations, newest first; absent when there are none. */
  earlier?: EarlierConversation[];
}
