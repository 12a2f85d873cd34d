// The one typed client of the stand-in's control API (README, "The stand-in's control API"): the
// e2e tests, the Vitest harnesses and the agent console all call it. Its answer types are the
// server's own views (server/http/views.ts, the action table of server/http/control.ts, and
// server/genesys/control.ts for the Genesys side's chats). It uses
// only fetch, so it runs in Node, in Playwright and in the console's browser bundle; it imports
// types only, never server code.
import type { FaultCounters, FaultSettings } from './faults';
import type { ControlActionName, ControlActionResults } from './http/control';
import type { AgentView, ConversationDetailView, ConversationSummaryView } from './http/views';
import type { Settings } from './state/accounts';
import type { Audience } from './state/model';
import type { TranscriptEntryView } from './http/views';

export type { AgentView, ConversationDetailView, ConversationSummaryView, QueueView, TranscriptEntryView } from './http/views';
export type { ReceiptState } from './state/model';
export type { Settings } from './state/accounts';
export type { ControlActionName, ControlActionResults } from './http/control';
/** The Genesys side's record of its chats (GET /agent/api/genesys/chats). */
export type { StandInChatView } from './genesys/control';

export type TypingState = 'COMPOSING' | 'ACTIVE' | 'PAUSE';
export type TransferTarget = { skillId: string } | { agentId: string };
/** An agent's message (the `messages` action's body). */
export type SendMessage = ControlActionBodies['messages'];
export type HostedFileType = 'IMG' | 'JPG' | 'PNG' | 'GIF' | 'TXT' | 'PDF';

/** What each action takes (the routes check every field and answer 400 naming a bad one). */
export interface ControlActionBodies {
  accept: { agentId: string };
  typing: { agentId: string; state: TypingState };
  messages: { agentId: string; text: string; quickReplies?: string[]; audience?: Audience };
  receipts: { agentId: string; status: 'ACCEPT' | 'READ'; sequences: number[] };
  transfer: TransferTarget;
  'back-to-queue': Record<string, never>;
  manager: { agentId: string };
  close: { survey?: boolean };
  file: { agentId: string; caption: string; fileType?: HostedFileType; relativePath?: string; /** The bytes in base64: stored in the swift store. */ data?: string };
  rich: { agentId: string; content: Record<string, unknown> };
  'file-url': { relativePath: string };
  /** `everyMs` > 0: one message per notification, one every `everyMs` ms (answered when the last is stored). */
  bulk: { agentId: string; count: number; text?: string; everyMs?: number };
}

export type FaultState = FaultSettings & { counters: FaultCounters };
export type FaultChanges = Partial<FaultSettings>;

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** A control API answer: its status and JSON body (undefined when empty or not JSON). */
export interface ControlResponse<T = unknown> {
  status: number;
  body: T;
}

/** A non-2xx answer; the message carries the server's `{"error": "…"}` text. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'ControlError';
  }
}

/** A JSON request to any URL; answers with the status, whatever it is, and the JSON body. */
export async function jsonRequest<T = unknown>(url: string, method = 'GET', body?: unknown): Promise<ControlResponse<T>> {
  const res = await fetch(url, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json as T };
}

/** Any request under `${baseUrl}/agent/api/`. */
export const controlRequest = <T = unknown>(baseUrl: string, method: Method, path: string, body?: unknown) =>
  jsonRequest<T>(`${baseUrl}/agent/api/${path}`, method, body);

/** The same, for a 2xx answer's body; anything else throws a ControlError. */
export async function controlCall<T>(baseUrl: string, method: Method, path: string, body?: unknown): Promise<T> {
  const { status, body: answer } = await controlRequest<T>(baseUrl, method, path, body);
  if (status >= 200 && status < 300) return answer;
  const error = typeof answer === 'object' && answer !== null && 'error' in answer ? String(answer.error) : '';
  throw new ControlError(status, answer, `${method} ${path}: ${status} ${error}`.trimEnd());
}

/** The control API of one account. `baseUrl` is the stand-in's origin ('' in its own pages). */
export function accountControl(baseUrl: string, account: string) {
  const a = encodeURIComponent(account);
  const call = <T>(method: Method, path: string, body?: unknown) => controlCall<T>(baseUrl, method, `${a}/${path}`, body);
  const act = <K extends ControlActionName>(id: string, action: K, body: ControlActionBodies[K]) =>
    call<ControlActionResults[K]>('POST', `conversations/${encodeURIComponent(id)}/${action}`, body);
  return {
    account,
    agents: () => call<AgentView[]>('GET', 'agents'),
    /** Renames an agent (what the profile API returns from then on). */
    setNickname: (agentId: string, nickname: string) => call<AgentView>('PUT', `agents/${encodeURIComponent(agentId)}`, { nickname }),
    conversations: () => call<ConversationSummaryView[]>('GET', 'conversations'),
    conversation: (id: string) => call<ConversationDetailView>('GET', `conversations/${encodeURIComponent(id)}`),
    settings: () => call<Settings>('GET', 'settings'),
    putSettings: (s: Partial<Settings>) => call<Settings>('PUT', 'settings', s),
    act,
    accept: (id: string, agentId: string) => act(id, 'accept', { agentId }),
    typing: (id: string, agentId: string, state: TypingState) => act(id, 'typing', { agentId, state }),
    send: (id: string, message: ControlActionBodies['messages']) => act(id, 'messages', message),
    receipts: (id: string, agentId: string, status: 'ACCEPT' | 'READ', sequences: number[]) => act(id, 'receipts', { agentId, status, sequences }),
    transfer: (id: string, to: TransferTarget) => act(id, 'transfer', to),
    backToQueue: (id: string) => act(id, 'back-to-queue', {}),
    addManager: (id: string, agentId: string) => act(id, 'manager', { agentId }),
    close: (id: string, survey = false) => act(id, 'close', { survey }),
    /** The agent sends a file (its bytes in base64 are stored in the swift store). */
    sendFile: (id: string, file: ControlActionBodies['file']) => act(id, 'file', file),
    /** A signed download URL of a file shared in the conversation. */
    fileUrl: (id: string, relativePath: string) => act(id, 'file-url', { relativePath }),
    /** Test data: `count` closed conversations of the consumer, older than any open one. */
    seedClosedHistory: (consumerId: string, count: number) => call<{ created: number }>('POST', `consumers/${encodeURIComponent(consumerId)}/closed-history`, { count }),
    /** The account's server-sent events (the console's live updates). */
    streamUrl: `${baseUrl}/agent/api/${a}/stream`,
  };
}

export type AccountControl = ReturnType<typeof accountControl>;

/** The stand-in's server-wide faults (README, "Faults"). */
export function faultControl(baseUrl: string) {
  return {
    /** Drops every consumer socket (with this close code). */
    drop: (code?: number) => controlCall<{ dropped: number }>(baseUrl, 'POST', 'faults/drop', code === undefined ? {} : { code }),
    /** Drops every brand (agent) socket, like a network cut; the agents reconnect, state kept. */
    dropAgents: () => controlCall<{ dropped: number }>(baseUrl, 'POST', 'faults/drop-agents', {}),
    /** Silences every open consumer socket (never read, written or closed again): a silent network loss. */
    blackhole: () => controlCall<{ silenced: number }>(baseUrl, 'POST', 'faults/blackhole', {}),
    /** Expires every token; authenticated sockets close with 4401 or 4407. */
    expireTokens: () => controlCall<{ closed: number }>(baseUrl, 'POST', 'faults/expire-tokens', {}),
    /** The current faults and the counters (cumulative). */
    get: () => controlCall<FaultState>(baseUrl, 'GET', 'faults'),
    set: (changes: FaultChanges) => controlCall<FaultState>(baseUrl, 'PUT', 'faults', changes),
    clear: () => controlCall<FaultState>(baseUrl, 'DELETE', 'faults'),
  };
}

export type FaultControl = ReturnType<typeof faultControl>;

/** A transcript event's fields whatever its type (those its type lacks are undefined): what assertions read. */
export interface EventFields {
  type: string;
  message?: unknown;
  contentType?: string;
  content?: unknown;
  status?: string;
  sequenceList?: number[];
  chatState?: string;
}

export const eventFields = (e: TranscriptEntryView | undefined): EventFields => e?.event ?? { type: 'none' };
