// A typed client for the stand-in's control API (docs/stand-in.md), used by the e2e tests to play
// the agent and to inject faults. Real HTTP against the running stand-in.
import { expect, type APIRequestContext } from '@playwright/test';

export interface TranscriptEntry {
  sequence: number;
  originatorId: string;
  role: string;
  serverTimestamp: number;
  event: { type: string; [k: string]: unknown };
  metadata?: Array<{ type: string; id?: string }>;
  audience?: string;
}

export interface ConversationDetail {
  id: string;
  consumerId: string;
  stage: string;
  state: string;
  queue: 'waiting' | 'open' | 'closed';
  transcript: Record<string, TranscriptEntry[]>;
  /** Per dialog: consumer content sequence → how the agent side acknowledged it. */
  receipts: Record<string, Record<string, 'sent' | 'delivered' | 'read'>>;
}

export interface Agent {
  id: string;
  nickname: string;
  role: 'agent' | 'manager';
}

export class Control {
  constructor(
    private readonly request: APIRequestContext,
    readonly account: string,
  ) {}

  private async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, data?: unknown): Promise<T> {
    const res = await this.request.fetch(`/agent/api/${path}`, { method, data });
    const text = await res.text();
    expect(res.status(), `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  agents = () => this.call<Agent[]>('GET', `${this.account}/agents`);
  async agent(nickname: string): Promise<Agent> {
    const found = (await this.agents()).find((a) => a.nickname === nickname);
    if (!found) throw new Error(`no agent ${nickname}`);
    return found;
  }
  conversations = () => this.call<ConversationDetail[]>('GET', `${this.account}/conversations`);
  conversation = (id: string) => this.call<ConversationDetail>('GET', `${this.account}/conversations/${id}`);
  /** Waits until the account has exactly one conversation and returns it. */
  async onlyConversation(): Promise<ConversationDetail> {
    await expect.poll(async () => (await this.conversations()).length).toBe(1);
    const [c] = await this.conversations();
    return this.conversation(c!.id);
  }
  /** The account's only conversation, accepted by the agent with this nickname. */
  async acceptOnly(nickname: string): Promise<{ conversation: ConversationDetail; agent: Agent }> {
    const conversation = await this.onlyConversation();
    const agent = await this.agent(nickname);
    await this.accept(conversation.id, agent.id);
    return { conversation, agent };
  }
  private act = (c: string, action: string, body: unknown = {}) =>
    this.call<{ sequence?: number }>('POST', `${this.account}/conversations/${c}/${action}`, body);
  accept = (c: string, agentId: string) => this.act(c, 'accept', { agentId });
  typing = (c: string, agentId: string, state: 'COMPOSING' | 'ACTIVE' | 'PAUSE') => this.act(c, 'typing', { agentId, state });
  say = (c: string, agentId: string, text: string, quickReplies?: string[]) => this.act(c, 'messages', { agentId, text, quickReplies });
  receipt = (c: string, agentId: string, status: 'ACCEPT' | 'READ', sequences: number[]) =>
    this.act(c, 'receipts', { agentId, status, sequences });
  transferToAgent = (c: string, agentId: string) => this.act(c, 'transfer', { agentId });
  transferToSkill = (c: string, skillId: string) => this.act(c, 'transfer', { skillId });
  backToQueue = (c: string) => this.act(c, 'back-to-queue');
  addManager = (c: string, agentId: string) => this.act(c, 'manager', { agentId });
  close = (c: string, survey = false) => this.act(c, 'close', { survey });
  /** A hosted file from the agent, shown with its caption. */
  sendFile = (c: string, agentId: string, caption: string, fileType = 'PNG') => this.act(c, 'file', { agentId, caption, fileType });
  /** Structured (rich) content from the agent. */
  sendRich = (c: string, agentId: string, content: Record<string, unknown>) => this.act(c, 'rich', { agentId, content });
  /** `count` agent messages "<text> 1" … "<text> N" in one request (delivered in batches). */
  bulk = (c: string, agentId: string, count: number, text = 'Message') =>
    this.call<{ first: number; last: number; count: number }>('POST', `${this.account}/conversations/${c}/bulk`, { agentId, count, text });
  /** Renames an agent (what the profile API returns from then on). */
  setNickname = (agentId: string, nickname: string) => this.call<Agent>('PUT', `${this.account}/agents/${agentId}`, { nickname });
  settings = (s: { autoReceipts: boolean }) => this.call('PUT', `${this.account}/settings`, s);

  dropSockets = () => this.call('POST', 'faults/drop', {});
  expireTokens = () => this.call('POST', 'faults/expire-tokens', {});
  setFaults = (f: Record<string, unknown>) => this.call('PUT', 'faults', f);
  clearFaults = () => this.call('DELETE', 'faults');
  /** The current faults and the stand-in's counters (server-wide, cumulative). */
  faultState = () => this.call<FaultState>('GET', 'faults');
}

export interface FaultState {
  counters: { drops: number; failed: number; duplicated: number; reordered: number; refused?: number };
  [setting: string]: unknown;
}

/** The consumer's acknowledgements of agent content: sequence → statuses in the order they were stored. */
export function consumerAcks(c: ConversationDetail, dialogId = c.id): Map<number, string[]> {
  const acks = new Map<number, string[]>();
  const entries = [...(c.transcript[dialogId] ?? [])].sort((a, b) => a.sequence - b.sequence);
  for (const e of entries) {
    if (e.role !== 'CONSUMER' || e.event.type !== 'AcceptStatusEvent') continue;
    for (const s of (e.event.sequenceList as number[]) ?? []) acks.set(s, [...(acks.get(s) ?? []), String(e.event.status)]);
  }
  return acks;
}

export const uniqueAccount = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** The entry's text: a ContentEvent's message (a file's is its object), else undefined. */
export const messageOf = (e: TranscriptEntry): unknown => (e.event.type === 'ContentEvent' ? e.event.message : undefined);

/** The visitor's messages stored in the conversation's MAIN dialog, in order. */
export const visitorTexts = (c: ConversationDetail) =>
  (c.transcript[c.id] ?? []).filter((e) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent').map(messageOf);
