// The stand-in's control API (docs/stand-in.md, "Control API"), as typed calls. JSON in and out;
// a non-2xx answer becomes an ApiError carrying the server's `{"error": "…"}` text.
import { decodeAgents, decodeConversations, decodeDetail, decodeSettings } from './decode';
import type { Agent, ConversationDetail, ConversationSummary, Settings } from './types';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

const API = '/agent/api';

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const err = typeof json === 'object' && json !== null && 'error' in json ? String(json.error) : text || res.statusText;
    throw new ApiError(res.status, `${method} ${path}: ${res.status} ${err}`);
  }
  return json;
}

export type TypingState = 'COMPOSING' | 'ACTIVE' | 'PAUSE';
export type TransferTarget = { skillId: string } | { agentId: string };

export interface SendMessage {
  agentId: string;
  text: string;
  quickReplies?: string[];
  audience?: 'ALL' | 'AGENTS_AND_MANAGERS';
}

export function accountApi(account: string) {
  const a = `/${encodeURIComponent(account)}`;
  const c = (id: string) => `${a}/conversations/${encodeURIComponent(id)}`;
  return {
    agents: async (): Promise<Agent[]> => decodeAgents(await call('GET', `${a}/agents`)),
    conversations: async (): Promise<ConversationSummary[]> => decodeConversations(await call('GET', `${a}/conversations`)),
    conversation: async (id: string): Promise<ConversationDetail | null> => decodeDetail(await call('GET', c(id))) ?? null,
    settings: async (): Promise<Settings> => decodeSettings(await call('GET', `${a}/settings`)),
    putSettings: async (s: Partial<Settings>): Promise<Settings> => decodeSettings(await call('PUT', `${a}/settings`, s)),
    accept: (id: string, agentId: string) => call('POST', `${c(id)}/accept`, { agentId }),
    typing: (id: string, agentId: string, state: TypingState) => call('POST', `${c(id)}/typing`, { agentId, state }),
    send: (id: string, m: SendMessage) => call('POST', `${c(id)}/messages`, m),
    receipts: (id: string, agentId: string, status: 'ACCEPT' | 'READ', sequences: number[]) =>
      call('POST', `${c(id)}/receipts`, { agentId, status, sequences }),
    transfer: (id: string, to: TransferTarget) => call('POST', `${c(id)}/transfer`, to),
    backToQueue: (id: string) => call('POST', `${c(id)}/back-to-queue`, {}),
    addManager: (id: string, agentId: string) => call('POST', `${c(id)}/manager`, { agentId }),
    close: (id: string, survey: boolean) => call('POST', `${c(id)}/close`, { survey }),
    streamUrl: `${API}${a}/stream`,
  };
}

export type AccountApi = ReturnType<typeof accountApi>;

export const faultsApi = {
  drop: (code?: number) => call('POST', '/faults/drop', code === undefined ? {} : { code }),
  expireTokens: () => call('POST', '/faults/expire-tokens', {}),
};
