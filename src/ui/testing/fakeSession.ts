// An in-memory ChatSession for component tests: it records every call the UI makes and lets the
// test push snapshots as a backend would. It implements the whole contract (subscribe/unsubscribe,
// snapshots, actions); it does not pretend to talk to any server.
import type { ChatView, ConnectionView, QuickReplyOption, TimelineRow } from '../../core/model';
import type { FilePolicy, UploadProgress } from '../../core/files';
import type { RichContentReader } from '../../core/rich';
import type { ChatSession, SessionSnapshot } from '../../core/session';

export type FakeCall =
  | { method: 'start' | 'stop' | 'endConversation' | 'markUrgent' }
  | { method: 'rateConversation'; stars: number }
  | { method: 'openEarlier' | 'closeEarlier'; conversationId: string }
  | { method: 'send'; text: string }
  | { method: 'retry'; rowKey: string }
  | { method: 'chooseQuickReply'; rowKey: string; option: QuickReplyOption }
  | { method: 'setComposing'; composing: boolean }
  | { method: 'markSeen'; rowKeys: string[] }
  | { method: 'fileUrl'; path: string }
  | { method: 'sendFile'; name: string; preview?: string }
  | { method: 'cancelUpload'; clientId: string };

export interface FakeSession extends ChatSession {
  readonly calls: FakeCall[];
  /** Replaces parts of the snapshot and notifies the subscribers. */
  push(update: { chat?: Partial<ChatView>; connection?: ConnectionView }): void;
  /** Makes the next call of `method` reject with `error`. */
  failNext(method: 'send' | 'retry' | 'chooseQuickReply' | 'endConversation' | 'markUrgent' | 'rateConversation' | 'openEarlier' | 'sendFile', error: Error): void;
  listenerCount(): number;
  /** Sets (or clears) an upload's progress, as the backend would while it uploads. */
  setUpload(clientId: string, progress: UploadProgress | undefined): void;
  callsOf<M extends FakeCall['method']>(method: M): Extract<FakeCall, { method: M }>[];
}

export function emptyChatView(): ChatView {
  return { stage: 'none', timeline: [], unread: 0, names: {} };
}

/**
 * `files`: the URL fileUrl() gives for each file path; any other path is refused (as storage refuses an unknown file).
 * `markUrgent`: the session offers markUrgent (as LivePerson's does with the site's `markUrgent`).
 * `filePolicy`: the visitor may send files (session.files); sendFile() is recorded and resolves (or fails with failNext).
 * `richContent`: the session's reader of structured content (session.richContent); without it every rich body shows its fallback.
 */
export function createFakeSession(
  initial: { chat?: Partial<ChatView>; connection?: ConnectionView; files?: Record<string, string>; markUrgent?: boolean; filePolicy?: FilePolicy; richContent?: RichContentReader } = {},
): FakeSession {
  const uploads = new Map<string, UploadProgress>();
  const uploadListeners = new Set<() => void>();
  let snapshot: SessionSnapshot = {
    chat: { ...emptyChatView(), ...initial.chat },
    connection: initial.connection ?? { status: 'online' },
  };
  const listeners = new Set<(s: SessionSnapshot) => void>();
  const calls: FakeCall[] = [];
  const failures = new Map<string, Error>();

  const settle = (method: string): Promise<void> => {
    const error = failures.get(method);
    failures.delete(method);
    return error ? Promise.reject(error) : Promise.resolve();
  };

  const session: FakeSession = {
    calls,
    start: () => void calls.push({ method: 'start' }),
    stop: () => void calls.push({ method: 'stop' }),
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    send(text) {
      calls.push({ method: 'send', text });
      return settle('send');
    },
    retry(rowKey) {
      calls.push({ method: 'retry', rowKey });
      return settle('retry');
    },
    chooseQuickReply(rowKey, option) {
      calls.push({ method: 'chooseQuickReply', rowKey, option });
      return settle('chooseQuickReply');
    },
    endConversation() {
      calls.push({ method: 'endConversation' });
      return settle('endConversation');
    },
    fileUrl(path) {
      calls.push({ method: 'fileUrl', path });
      const url = initial.files && Object.hasOwn(initial.files, path) ? initial.files[path] : undefined;
      return url !== undefined ? Promise.resolve(url) : Promise.reject(Object.assign(new Error('no such file'), { kind: 'notFound' }));
    },
    ...(initial.filePolicy
      ? {
          files: {
            policy: () => initial.filePolicy,
            send(file, options = {}) {
              calls.push({ method: 'sendFile', name: file.name, ...(options.preview ? { preview: options.preview } : {}) });
              return settle('sendFile');
            },
            cancel: (clientId) => void calls.push({ method: 'cancelUpload', clientId }),
            progress: (clientId) => uploads.get(clientId),
            subscribe(listener) {
              uploadListeners.add(listener);
              return () => void uploadListeners.delete(listener);
            },
          },
        }
      : {}),
    setUpload(clientId, progress) {
      if (progress) uploads.set(clientId, progress);
      else uploads.delete(clientId);
      for (const listener of [...uploadListeners]) listener();
    },
    setComposing: (composing) => void calls.push({ method: 'setComposing', composing }),
    markSeen: (rowKeys) => void calls.push({ method: 'markSeen', rowKeys: [...rowKeys] }),
    push(update) {
      snapshot = {
        chat: { ...snapshot.chat, ...update.chat },
        connection: update.connection ?? snapshot.connection,
      };
      for (const listener of [...listeners]) listener(snapshot);
    },
    failNext: (method, error) => void failures.set(method, error),
    listenerCount: () => listeners.size,
    callsOf: <M extends FakeCall['method']>(method: M) =>
      calls.filter((c): c is Extract<FakeCall, { method: M }> => c.method === method),
    openEarlier(conversationId) {
      calls.push({ method: 'openEarlier', conversationId });
      return { loaded: settle('openEarlier'), close: () => void calls.push({ method: 'closeEarlier', conversationId }) };
    },
    rateConversation(stars) {
      calls.push({ method: 'rateConversation', stars });
      return settle('rateConversation');
    },
  };
  if (initial.richContent) {
    const reader = initial.richContent;
    session.richContent = () => Promise.resolve(reader);
  }
  if (initial.markUrgent) {
    session.markUrgent = () => {
      calls.push({ method: 'markUrgent' });
      return settle('markUrgent');
    };
  }
  return session;
}

/** Timeline row builders for tests. */
export const rows = {
  agentText(sequence: number, text: string, participantId = 'agent-1', extra: Partial<TimelineRow> = {}): TimelineRow {
    return {
      kind: 'message', key: `m-${sequence}`, originator: 'agent', participantId, dialogId: 'd1', sequence,
      at: 1_700_000_000_000 + sequence * 1000, body: { kind: 'text', text }, ...extra,
    } as TimelineRow;
  },
  consumerText(key: string, text: string, receipt: NonNullable<Extract<TimelineRow, { kind: 'message' }>['receipt']>, sequence?: number): TimelineRow {
    return {
      kind: 'message', key, originator: 'consumer', participantId: 'me', dialogId: 'd1', sequence,
      at: 1_700_000_000_000, body: { kind: 'text', text }, receipt, clientId: key,
    };
  },
  banner(key: string, banner: Extract<TimelineRow, { kind: 'banner' }>['banner']): TimelineRow {
    return { kind: 'banner', key, at: 1_700_000_000_000, banner };
  },
};
