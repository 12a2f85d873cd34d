// What the leading tab does with the backend's session (the only one of the visitor's tabs that has
// one): runs every tab's actions on it, at most once per message or file, passes on the tabs' combined
// state (typing), keeps open the earlier conversations any tab shows, and tells the other
// tabs what its file sharing allows and how each upload is going.
//
// A message carries the client id of the tab where it was typed. If the session has it already (this
// leader took it earlier, another page of the tab restored it from its outbox, or the history the
// new socket replayed holds it), the leader waits for that message's fate instead of sending it again;
// otherwise the session sends it under that client id (`preset`, read by the session's client-id
// source at once). So a message handed to two leaders, or twice to one, is published once.
import { sessionError, sessionErrorKind, type ChatSession } from '../../core/session';
import type { TimelineRow } from '../../core/model';
import type { PickedFile } from '../../core/files';
import { clientIdOfRow } from '../../core/timeline';
import { FORWARDED, isForwarded, STATE_METHODS, type ForwardedMethod, type StateMethod } from './methods';
import type { PendingMessage, RemoteFiles, TabMessage } from './protocol';

export interface LeaderSide {
  run(method: ForwardedMethod, args: unknown[], message?: PendingMessage): Promise<unknown>;
  /** Runs another tab's call and posts its result to that tab (once per call, however often it comes). */
  serve(call: Extract<TabMessage, { t: 'call' }>, post: (result: TabMessage) => void, from: string): void;
  /** A tab's latest state (`undefined`: the tab left); the session gets whether any tab says true. */
  setState(tabId: string, method: StateMethod, value: boolean | undefined): void;
  /** The earlier conversations a tab shows (`undefined`: the tab left): each stays open while any tab shows it. */
  setEarlier(tabId: string, conversationIds: readonly string[] | undefined): void;
  /** The session's file sharing for the other tabs (the same object while nothing changed), or undefined without it. */
  files(): RemoteFiles | undefined;
  /** The visitor's messages the session holds but has not had stored yet (handed over when this tab leaves). */
  unsent(): PendingMessage[];
  dispose(): void;
}

type Call = (...args: unknown[]) => Promise<unknown>;

/** The picked file as another tab sent it: a clone may arrive as a Blob without its name (Node's structured clone), so the name comes along. */
function pickedFile(file: unknown, name: unknown): PickedFile {
  if (!(file instanceof Blob)) throw sessionError('fileType', 'That is not a file');
  const named = typeof name === 'string' ? name : '';
  return file instanceof File && file.name === named ? file : new File([file], named, { type: file.type });
}

const messageRow = (timeline: readonly TimelineRow[], clientId: string) =>
  timeline.find((r): r is Extract<TimelineRow, { kind: 'message' }> => r.kind === 'message' && r.clientId === clientId);

/**
 * `confirm`: whether this tab still leads (Election.confirm), asked before each message goes to the
 * session, so that a tab that hung and lost the lead meanwhile does not publish what the new leader
 * publishes too. When it says no, the tab follows (this side is disposed) and the call waits for the next leader.
 */
export function createLeaderSide(inner: ChatSession, preset: (clientId: string | undefined) => void, confirm: () => Promise<boolean>, onFilesChange: () => void): LeaderSide {
  const inflight = new Map<string, Promise<unknown>>();
  const waiters = new Set<(error: Error) => void>();
  const states = new Map<StateMethod, Map<string, boolean>>(STATE_METHODS.map((m) => [m, new Map()]));
  const applied = new Map<StateMethod, boolean>();
  /** The quick replies among the messages run here, by client id (a handover keeps them quick replies). */
  const replies = new Map<string, NonNullable<PendingMessage['quickReply']>>();
  const earlierWanted = new Map<string, readonly string[]>();
  const earlierOpen = new Map<string, { loaded: Promise<void>; close(): void }>();
  /** Other tabs' calls running here (`tab/call id`), so that one given twice runs once. */
  const serving = new Set<string>();
  let files: RemoteFiles | undefined;
  let filesJson = '';
  let disposed = false;
  const unsubscribeFiles = inner.files?.subscribe(onFilesChange) ?? (() => {});

  /** Resolves true once `found` holds for the session's snapshot; false once the session is online without it, or this side is disposed. */
  const until = (found: (snapshot: ReturnType<ChatSession['getSnapshot']>) => boolean) =>
    new Promise<boolean>((resolve) => {
      let unsubscribe = () => {};
      const done = (yes: boolean) => {
        unsubscribe();
        waiters.delete(stop);
        resolve(yes);
      };
      const stop = () => done(false);
      const check = () => {
        const snapshot = inner.getSnapshot();
        if (found(snapshot)) done(true);
        else if (snapshot.connection.status === 'online') done(false);
      };
      waiters.add(stop);
      unsubscribe = inner.subscribe(check);
      check();
    });
  const rowKnown = (rowKey: string) => until((s) => s.chat.timeline.some((r) => r.key === rowKey));
  const earlierKnown = (id: string) => (s: ReturnType<ChatSession['getSnapshot']>) => s.chat.earlier?.some((e) => e.id === id) === true;

  /** Opens an earlier conversation once its entry is known (a new leader's session lists them once it synced). */
  const openEarlier = (conversationId: string): Promise<void> => {
    const opening = earlierOpen.get(conversationId);
    if (opening) return opening.loaded;
    const open = inner.openEarlier?.bind(inner);
    if (!open) return Promise.reject(sessionError('notFound', 'This chat has no earlier conversations'));
    let close = () => {};
    let closed = false;
    const loaded = until(earlierKnown(conversationId)).then(() => {
      if (closed || disposed) return;
      const opened = open(conversationId);
      close = opened.close;
      return opened.loaded;
    });
    const entry = {
      loaded,
      close() {
        closed = true;
        close();
      },
    };
    earlierOpen.set(conversationId, entry);
    // A failure is not kept: the next call or state of a tab that shows it tries again.
    loaded.catch(() => earlierOpen.get(conversationId) === entry && earlierOpen.delete(conversationId));
    return loaded;
  };
  const syncEarlier = () => {
    const wanted = new Set([...earlierWanted.values()].flat());
    for (const [id, opened] of earlierOpen) {
      if (wanted.has(id)) continue;
      earlierOpen.delete(id);
      opened.close();
    }
    for (const id of wanted) void openEarlier(id).catch(() => undefined);
  };

  /** The fate of a message the session holds: stored (resolves) or "Not sent" (rejects). */
  const fateOf = (clientId: string) =>
    new Promise<void>((resolve, reject) => {
      let unsubscribe = () => {};
      const done = (error?: Error) => {
        unsubscribe();
        waiters.delete(done);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        const receipt = messageRow(inner.getSnapshot().chat.timeline, clientId)?.receipt;
        if (receipt === 'failed') done(sessionError('network', 'Message not sent'));
        else if (receipt !== undefined && receipt !== 'pending') done();
      };
      waiters.add(done);
      unsubscribe = inner.subscribe(check);
      check();
    });

  const parts: Partial<Record<ForwardedMethod, Call>> = {
    sendFile: async (file, options, name) => (inner.files ? inner.files.send(pickedFile(file, name), options as { preview?: string }) : Promise.reject(sessionError('filesOff', 'File sharing is off'))),
    cancelFile: async (clientId) => inner.files?.cancel(String(clientId)),
    openEarlier: (conversationId) => openEarlier(String(conversationId)),
  };
  const call = (method: ForwardedMethod, args: unknown[]): Promise<unknown> => {
    const part = parts[method];
    if (part) return part(...args);
    const fn = (inner as unknown as Record<string, Call | undefined>)[method];
    if (typeof fn !== 'function') return Promise.reject(sessionError('notFound', `This chat cannot ${method}`));
    try {
      return Promise.resolve(fn.apply(inner, args));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const sendAs = async (clientId: string, method: ForwardedMethod, args: unknown[], text?: string) => {
    // A quick reply answers a row that a new leader's session may not have replayed yet.
    if (method === 'chooseQuickReply' && !(await rowKnown(String(args[0])))) {
      // Its agent message is gone from the history: the answer still reaches the agent, as text.
      if (text === undefined) throw sessionError('notFound', 'There is no stored message with that key to answer');
      [method, args] = ['send', [text]];
    }
    if (!(await confirm()) || disposed) throw sessionError('stopped', 'This tab no longer leads');
    // Another call may have brought the message meanwhile.
    if (messageRow(inner.getSnapshot().chat.timeline, clientId)) return fateOf(clientId);
    preset(clientId); // read at once by the session's client-id source, or not at all (a refused text)
    let sent: Promise<unknown>;
    try {
      sent = call(method, args);
    } finally {
      preset(undefined);
    }
    return sent;
  };

  const runMessage = (method: ForwardedMethod, args: unknown[], message: PendingMessage | undefined): Promise<unknown> => {
    const clientId = method === 'retry' ? (message?.clientId ?? clientIdOfRow(inner.getSnapshot().chat.timeline, String(args[0]))) : message?.clientId;
    if (clientId === undefined) return call(method, args);
    const running = inflight.get(clientId);
    if (running) return running;
    const row = messageRow(inner.getSnapshot().chat.timeline, clientId);
    let result: Promise<unknown>;
    if (method === 'retry') {
      // A new leader may not know the message failed (the old one did): send it again under its id.
      if (row?.receipt === 'failed') result = confirm().then((leads) => (leads && !disposed ? call('retry', [row.key]) : Promise.reject(sessionError('stopped', 'This tab no longer leads'))));
      else if (row) result = fateOf(clientId);
      else if (message?.quickReply) result = sendAs(clientId, 'chooseQuickReply', [message.quickReply.rowKey, message.quickReply.option], message.text);
      else if (message) result = sendAs(clientId, 'send', [message.text]);
      else result = Promise.reject(sessionError('notFound', 'There is no failed message with that id'));
    } else result = row ? fateOf(clientId) : sendAs(clientId, method, args, message?.text);
    const reply = message?.quickReply ?? (method === 'chooseQuickReply' ? { rowKey: String(args[0]), option: args[1] as NonNullable<PendingMessage['quickReply']>['option'] } : undefined);
    if (reply) replies.set(clientId, reply);
    inflight.set(clientId, result);
    result.then(
      () => inflight.delete(clientId),
      () => inflight.delete(clientId),
    );
    return result;
  };

  const run: LeaderSide['run'] = (method, args, message) => {
    if (disposed) return Promise.reject(sessionError('stopped', 'The chat session stopped'));
    const kind = FORWARDED[method];
    return kind === 'message' || kind === 'file' ? runMessage(method, args, message) : call(method, args);
  };

  return {
    run,
    serve(m, post, from) {
      if (disposed || !isForwarded(m.method) || FORWARDED[m.method] === 'state') return;
      const key = `${m.from}/${m.id}`;
      if (serving.has(key)) return;
      serving.add(key);
      run(m.method, m.args, m.message).then(
        (value) => post({ t: 'result', from, to: m.from, id: m.id, ok: true, ...(value === undefined ? {} : { value }) }),
        (error: unknown) => {
          if (disposed) return; // lost the lead: the caller gives it to the next leader
          const kind = sessionErrorKind(error);
          post({ t: 'result', from, to: m.from, id: m.id, ok: false, error: { message: error instanceof Error ? error.message : String(error), ...(kind ? { kind } : {}) } });
        },
      ).finally(() => serving.delete(key));
    },
    setState(tabId, method, value) {
      const values = states.get(method);
      if (!values || disposed) return;
      if (value === undefined) values.delete(tabId);
      else values.set(tabId, value);
      const any = [...values.values()].some(Boolean);
      if (applied.get(method) === any) return;
      applied.set(method, any);
      void call(method, [any]).catch(() => undefined);
    },
    setEarlier(tabId, conversationIds) {
      if (disposed) return;
      if (conversationIds === undefined || conversationIds.length === 0) earlierWanted.delete(tabId);
      else earlierWanted.set(tabId, conversationIds);
      syncEarlier();
    },
    files() {
      const shared = inner.files;
      if (!shared) return undefined;
      const policy = shared.policy();
      const progress: RemoteFiles['progress'] = {};
      for (const r of inner.getSnapshot().chat.timeline) {
        const p = r.kind === 'message' && r.body.kind === 'file' && r.clientId !== undefined ? shared.progress(r.clientId) : undefined;
        if (p && r.kind === 'message' && r.clientId !== undefined) progress[r.clientId] = p;
      }
      const next: RemoteFiles = { ...(policy ? { policy } : {}), progress };
      const json = JSON.stringify(next);
      if (json !== filesJson) [files, filesJson] = [next, json];
      return files;
    },
    unsent() {
      return inner.getSnapshot().chat.timeline.flatMap((r) => {
        if (r.kind !== 'message' || r.originator !== 'consumer' || r.receipt !== 'pending' || r.clientId === undefined || r.body.kind !== 'text') return [];
        const reply = replies.get(r.clientId);
        return [{ clientId: r.clientId, text: r.body.text, createdAt: r.at, ...(reply ? { quickReply: reply } : {}) }];
      });
    },
    dispose() {
      disposed = true;
      unsubscribeFiles();
      for (const opened of earlierOpen.values()) opened.close();
      earlierOpen.clear();
      for (const done of [...waiters]) done(sessionError('stopped', 'The chat session stopped'));
    },
  };
}
