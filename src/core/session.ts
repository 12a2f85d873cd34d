// The backend-neutral contract between a chat backend (LivePerson, Genesys) and the UI.
// The UI never sees a socket or a protocol frame: it reads snapshots and calls these actions.
import type { VisitorFiles } from './files';
import type { ChatView, ConnectionView, QuickReplyOption } from './model';
import type { RichContentReader } from './rich';

/** The longest message send() accepts, in UTF-16 code units after trimming; longer ones are refused. */
export const MESSAGE_MAX_LENGTH = 5_000;

/**
 * Why a session action (send, retry, endConversation…) failed, for the UI's message catalogue; the
 * Error's message stays English, for logs. `refused`: the service said no; `network`: it could not
 * be reached or did not answer. Only those two come after the action was queued (a message's bubble
 * then shows "Not sent" with Retry); the others reject before anything was queued, except `stopped`,
 * which also ends what was still queued when the session stopped.
 */
export type SessionErrorKind =
  | 'empty' | 'tooLong' | 'stopped' | 'notFound' | 'nothingToEnd' | 'refused' | 'network'
  /** Files (src/core/files.ts): a type not allowed, over the size limit, sharing off, cancelled by the visitor. */
  | 'fileType' | 'fileTooBig' | 'filesOff' | 'cancelled';

const SESSION_ERROR_KINDS: Readonly<Record<SessionErrorKind, true>> = {
  empty: true, tooLong: true, stopped: true, notFound: true, nothingToEnd: true, refused: true, network: true,
  fileType: true, fileTooBig: true, filesOff: true, cancelled: true,
};

/** An Error carrying its SessionErrorKind (`kind`). */
export function sessionError(kind: SessionErrorKind, message: string, options?: ErrorOptions): Error & { kind: SessionErrorKind } {
  return Object.assign(new Error(message, options), { kind });
}

/** The kind of a session action's failure, or undefined for anything else. */
export function sessionErrorKind(error: unknown): SessionErrorKind | undefined {
  const kind = typeof error === 'object' && error !== null ? (error as { kind?: unknown }).kind : undefined;
  return typeof kind === 'string' && Object.hasOwn(SESSION_ERROR_KINDS, kind) ? (kind as SessionErrorKind) : undefined;
}

/**
 * Whether a send() (or retry) failure came after its message was queued, so that its bubble shows
 * "Not sent" with Retry: the service refused it or could not be reached. The other kinds (empty,
 * too long, stopped…) reject before anything is queued; the UI says so and keeps the text.
 */
export function failedAfterQueuing(error: unknown): boolean {
  const kind = sessionErrorKind(error);
  return kind === 'refused' || kind === 'network';
}

export interface SessionSnapshot {
  chat: ChatView;
  connection: ConnectionView;
}

export interface ChatSession {
  /** Connects (and keeps reconnecting) until stop(). */
  start(): void;
  /** Closes the connection for good; no more snapshots. */
  stop(): void;
  getSnapshot(): SessionSnapshot;
  /** Called with a new snapshot after every change; returns an unsubscribe function. */
  subscribe(listener: (snapshot: SessionSnapshot) => void): () => void;
  /**
   * Queues a visitor message; its bubble shows at once (pending). Creates the conversation when
   * none is open. Resolves when the server stored it; messages sent while offline wait, in order.
   * Rejects with a sessionError: 'empty', 'tooLong' or 'stopped' before queuing anything; 'refused'
   * or 'network' once its bubble shows "Not sent" (failedAfterQueuing).
   */
  send(text: string): Promise<void>;
  /**
   * Sends the visitor's message whose timeline row has key `rowKey` again, after it showed "Not
   * sent" (a failed upload starts again). Rejects (notFound) when no failed message has that key.
   */
  retry(rowKey: string): Promise<void>;
  /**
   * The visitor chose a quick reply offered under the message whose timeline row has key `rowKey`,
   * or clicked a structured-content element of that message whose action publishes text: the backend
   * records the choice (with the option's metadata) and sends the option's text like send() does.
   * Rejects (notFound) when no stored message has that key.
   */
  chooseQuickReply(rowKey: string, option: QuickReplyOption): Promise<void>;
  /**
   * Ends the open conversation (the visitor closes it). While offline it waits behind the messages
   * queued before it and resolves once done; rejects when there is nothing to end.
   */
  endConversation(): Promise<void>;
  /**
   * A URL to fetch a shared file (a message body of kind 'file', by its `path`) from, valid for a
   * while; asking again after it expired gives a fresh one. Rejects when the file cannot be reached.
   * Optional: without it the UI shows a file by its caption only.
   */
  fileUrl?(path: string): Promise<string>;
  /**
   * Marks the open conversation urgent; its expected reply follows from the server. Optional: only
   * where the backend and the site allow it (LivePerson with `markUrgent`).
   */
  markUrgent?(): Promise<void>;
  /** Rates the ended conversation (the view's `rating`), 1 to 5 stars. Optional: a backend without ratings lacks it. */
  rateConversation?(stars: number): Promise<void>;
  /**
   * Loads an earlier conversation (the view's `earlier`) to show it read-only: its messages arrive
   * as that entry's `rows`. `loaded` settles when its history is in (rejects when it could not be
   * fetched); `close()` stops following it. Optional: a backend without history lacks it.
   */
  openEarlier?(conversationId: string): { loaded: Promise<void>; close(): void };
  /**
   * The reader of this backend's structured content (a message body of kind 'rich', its `content`)
   * into the neutral tree the UI draws (src/core/rich.ts). The UI asks for it when rich content first
   * appears, so the backend may fetch it lazily; it should never reject. Optional: without it the UI
   * shows each rich message's fallback text.
   */
  richContent?(): Promise<RichContentReader>;
  /** The visitor's file sharing, when the backend has it (src/core/files.ts); absent: no Attach. */
  files?: VisitorFiles;
  /** The visitor is typing (true) or stopped (false); throttled by the session. */
  setComposing(composing: boolean): void;
  /**
   * The visitor saw these timeline rows (by TimelineRow key): at least half of each was on screen in
   * the open window of a visible tab. The backend marks the agent messages among them read (once;
   * unknown keys, banners and the visitor's own messages are ignored). A backend without read
   * receipts ignores it. Nothing else makes a message read.
   */
  markSeen(rowKeys: readonly string[]): void;
}
