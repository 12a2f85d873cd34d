// The messages between the tabs of one visitor (one BroadcastChannel per widget; tabsSession.ts,
// docs/tabs.md): the leader's heartbeats and snapshots, the followers' calls of ChatSession actions
// and the leader's results, the tabs' state (typing, the earlier conversations they show), the
// fallback election's claims, and goodbyes.
// The channel is the origin's, but a tab may run another version of Parley or anything else may post
// on it: decodeTabMessage reads every message defensively and returns undefined for what it does not
// know, so no message can crash a tab. Every message is structured-cloneable (plain data only).
import type { SessionSnapshot } from '../../core/session';
import { isFileType, type FilePolicy, type UploadProgress } from '../../core/files';
import type { QuickReplyOption } from '../../core/model';
import { asObject, asString } from '../../core/decodeValues';

/** In the channel's and the lock's names: tabs of another protocol version elect apart. */
export const TABS_PROTOCOL = 'parley-tabs/1';

export const channelName = (key: string) => `${TABS_PROTOCOL}:${key}`;

/** A message of the visitor's that a follower handed to the leader (its own pending list survives handovers). */
export interface PendingMessage {
  clientId: string;
  text: string;
  createdAt: number;
  /** A quick reply: the agent's message it answers (a row key) and the option chosen; absent: typed text. */
  quickReply?: { rowKey: string; option: QuickReplyOption };
}

/** The leader's file sharing, as the other tabs show it: what may be sent, and each upload's progress by client id. */
export interface RemoteFiles {
  policy?: FilePolicy;
  progress: Record<string, UploadProgress>;
}

/** A failed action's error, as the leader's session rejected it: `kind` is a SessionErrorKind when it had one. */
export interface CallError {
  kind?: string;
  message: string;
}

export type TabMessage =
  /** The leader is alive (every HEARTBEAT_MS, and in answer to a hello). */
  | { t: 'beat'; from: string }
  /** The leader's session changed (or a tab said hello). */
  | { t: 'snapshot'; from: string; snapshot: SessionSnapshot; files?: RemoteFiles }
  /** A tab (re)joined or saw a new leader: the leader answers with its snapshot. */
  | { t: 'hello'; from: string }
  /** A follower calls a ChatSession action on the leader; `message` is the visitor's message it sends (send, quick reply, retry). */
  | { t: 'call'; from: string; to: string; id: string; method: string; args: unknown[]; message?: PendingMessage }
  | { t: 'result'; from: string; to: string; id: string; ok: true; value?: unknown }
  | { t: 'result'; from: string; to: string; id: string; ok: false; error: CallError }
  /** A tab's state, repeated while it lives: the latest value of each 'state' method (methods.ts) in that tab, by method name, and the earlier conversations it shows. */
  | { t: 'state'; from: string; states: Record<string, boolean>; earlier?: string[] }
  /** The fallback election (no Web Locks): a tab asks to lead. */
  | { t: 'claim'; from: string }
  /** A tab leaves (pagehide or stop); a leader hands over the messages it had not sent yet. */
  | { t: 'bye'; from: string; leader: boolean; pending: PendingMessage[] };

/** A tab id, a call id, a client id: short non-empty strings. */
function id(v: unknown): string | undefined {
  const s = asString(v);
  return s !== undefined && s !== '' && s.length <= 128 ? s : undefined;
}

function quickReply(v: unknown): PendingMessage['quickReply'] {
  const o = asObject(v);
  const rowKey = id(o?.rowKey);
  const option = asObject(o?.option);
  const title = asString(option?.title);
  const text = asString(option?.text);
  if (!rowKey || title === undefined || text === undefined) return undefined;
  return { rowKey, option: { title, text, ...(option && 'metadata' in option ? { metadata: option.metadata } : {}) } };
}

/** A pending message of the visitor's, or undefined when it is malformed (also read back from a tab's sessionStorage). */
export function decodePendingMessage(v: unknown): PendingMessage | undefined {
  const o = asObject(v);
  const clientId = id(o?.clientId);
  const text = asString(o?.text);
  const createdAt = o?.createdAt;
  if (!clientId || text === undefined || text.trim() === '' || typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  const reply = quickReply(o?.quickReply);
  return { clientId, text, createdAt, ...(reply ? { quickReply: reply } : {}) };
}

const count = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** The leader's files, as far as a follower shows them; anything malformed is left out. */
function remoteFiles(v: unknown): RemoteFiles | undefined {
  const o = asObject(v);
  if (!o) return undefined;
  const policy = asObject(o.policy);
  const types = Array.isArray(policy?.types) ? policy.types.filter(isFileType) : undefined;
  const progress: Record<string, UploadProgress> = {};
  for (const [clientId, p] of Object.entries(asObject(o.progress) ?? {}).slice(0, 50)) {
    const u = asObject(p);
    if (id(clientId) && !(clientId in Object.prototype) && (u?.phase === 'uploading' || u?.phase === 'publishing' || u?.phase === 'failed') && count(u.loaded) && count(u.total)) {
      progress[clientId] = { phase: u.phase, loaded: u.loaded as number, total: u.total as number };
    }
  }
  return { ...(types && count(policy?.maxBytes) ? { policy: { types, maxBytes: policy?.maxBytes as number } } : {}), progress };
}

/** A snapshot as far as a follower relies on it: a chat with a timeline, and a connection status. */
function snapshot(v: unknown): SessionSnapshot | undefined {
  const o = asObject(v);
  const chat = asObject(o?.chat);
  const connection = asObject(o?.connection);
  if (!chat || !connection || !Array.isArray(chat.timeline) || typeof connection.status !== 'string') return undefined;
  if (typeof chat.unread !== 'number' || typeof chat.stage !== 'string' || !asObject(chat.names)) return undefined;
  if (!chat.timeline.every((row) => id(asObject(row)?.key) !== undefined)) return undefined;
  return o as unknown as SessionSnapshot;
}

function callError(v: unknown): CallError {
  const o = asObject(v);
  const kind = asString(o?.kind);
  return { message: asString(o?.message) ?? 'The other tab could not do it', ...(kind ? { kind } : {}) };
}

/** The message, or undefined for anything that is not a well-formed TabMessage. */
export function decodeTabMessage(data: unknown): TabMessage | undefined {
  const o = asObject(data);
  const from = id(o?.from);
  if (!o || !from) return undefined;
  switch (o.t) {
    case 'beat':
    case 'hello':
    case 'claim':
      return { t: o.t, from };
    case 'snapshot': {
      const s = snapshot(o.snapshot);
      const files = remoteFiles(o.files);
      return s ? { t: 'snapshot', from, snapshot: s, ...(files ? { files } : {}) } : undefined;
    }
    case 'call': {
      const to = id(o.to);
      const callId = id(o.id);
      const method = id(o.method);
      if (!to || !callId || !method || !Array.isArray(o.args)) return undefined;
      const message = decodePendingMessage(o.message);
      return { t: 'call', from, to, id: callId, method, args: o.args, ...(message ? { message } : {}) };
    }
    case 'result': {
      const to = id(o.to);
      const callId = id(o.id);
      if (!to || !callId) return undefined;
      return o.ok === true ? { t: 'result', from, to, id: callId, ok: true, value: o.value } : { t: 'result', from, to, id: callId, ok: false, error: callError(o.error) };
    }
    case 'state': {
      const states = asObject(o.states);
      if (!states) return undefined;
      const known: Record<string, boolean> = {};
      for (const [name, value] of Object.entries(states).slice(0, 20)) if (id(name) && !(name in Object.prototype) && typeof value === 'boolean') known[name] = value;
      const earlier = Array.isArray(o.earlier) ? o.earlier.slice(0, 20).flatMap((c) => id(c) ?? []) : undefined;
      return { t: 'state', from, states: known, ...(earlier ? { earlier } : {}) };
    }
    case 'bye': {
      const pending = Array.isArray(o.pending) ? o.pending.slice(0, 200).flatMap((p) => decodePendingMessage(p) ?? []) : [];
      return { t: 'bye', from, leader: o.leader === true, pending };
    }
    default:
      return undefined;
  }
}

/** A BroadcastChannel as the tabs use it: post any TabMessage; receive only decoded ones. */
export interface TabChannel {
  post(message: TabMessage): void;
  /** Subscribes to well-formed messages of other tabs; returns an unsubscribe function. */
  listen(listener: (message: TabMessage) => void): () => void;
  close(): void;
}

interface BroadcastChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

/** The tabs' channel over a BroadcastChannel (or anything shaped like one, in tests). A post that cannot be cloned is dropped, logged. */
export function tabChannel(channel: BroadcastChannelLike): TabChannel {
  const listeners = new Set<(message: TabMessage) => void>();
  const onMessage = (event: { data: unknown }) => {
    const message = decodeTabMessage(event.data);
    if (!message) return;
    for (const listener of [...listeners]) {
      try {
        listener(message);
      } catch (error) {
        console.error('Parley: a tab message could not be handled', error);
      }
    }
  };
  channel.addEventListener('message', onMessage);
  let closed = false;
  return {
    post(message) {
      if (closed) return;
      try {
        channel.postMessage(message);
      } catch (error) {
        console.error('Parley: a message for the other tabs could not be sent', error);
      }
    },
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      channel.removeEventListener('message', onMessage);
      channel.close();
    },
  };
}
