// The e2e tests' agent and faults: the stand-in's control API (server/control-client.ts, real HTTP
// against the running stand-in) in the words the specs use, plus waits that poll it.
import { expect } from '@playwright/test';
import {
  accountControl,
  eventFields,
  faultControl,
  type AccountControl,
  type AgentView,
  type ConversationDetailView,
  type FaultChanges,
  type FaultControl,
  type Settings,
} from '../../server/control-client';

export type { AgentView as Agent, ConversationDetailView as ConversationDetail, TranscriptEntryView as TranscriptEntry } from '../../server/control-client';

export class Control {
  private readonly api: AccountControl;
  private readonly faults: FaultControl;

  constructor(
    baseUrl: string,
    readonly account: string,
  ) {
    this.api = accountControl(baseUrl, account);
    this.faults = faultControl(baseUrl);
  }

  agents = () => this.api.agents();
  async agent(nickname: string): Promise<AgentView> {
    const found = (await this.agents()).find((a) => a.nickname === nickname);
    if (!found) throw new Error(`no agent ${nickname}`);
    return found;
  }
  conversations = () => this.api.conversations();
  conversation = (id: string) => this.api.conversation(id);
  /** Waits until the account has exactly one conversation and returns it. */
  async onlyConversation(): Promise<ConversationDetailView> {
    await expect.poll(async () => (await this.conversations()).length).toBe(1);
    const [c] = await this.conversations();
    return this.conversation(c!.id);
  }
  /** The account's only conversation, accepted by the agent with this nickname. */
  async acceptOnly(nickname: string): Promise<{ conversation: ConversationDetailView; agent: AgentView }> {
    const conversation = await this.onlyConversation();
    const agent = await this.agent(nickname);
    await this.accept(conversation.id, agent.id);
    return { conversation, agent };
  }
  accept = (c: string, agentId: string) => this.api.accept(c, agentId);
  typing = (c: string, agentId: string, state: 'COMPOSING' | 'ACTIVE' | 'PAUSE') => this.api.typing(c, agentId, state);
  say = (c: string, agentId: string, text: string, quickReplies?: string[]) => this.api.send(c, { agentId, text, ...(quickReplies ? { quickReplies } : {}) });
  receipt = (c: string, agentId: string, status: 'ACCEPT' | 'READ', sequences: number[]) => this.api.receipts(c, agentId, status, sequences);
  transferToAgent = (c: string, agentId: string) => this.api.transfer(c, { agentId });
  transferToSkill = (c: string, skillId: string) => this.api.transfer(c, { skillId });
  backToQueue = (c: string) => this.api.backToQueue(c);
  addManager = (c: string, agentId: string) => this.api.addManager(c, agentId);
  close = (c: string, survey = false) => this.api.close(c, survey);
  /** A hosted file from the agent, shown with its caption. */
  sendFile = (c: string, agentId: string, caption: string, fileType: 'IMG' | 'JPG' | 'PNG' | 'GIF' | 'TXT' | 'PDF' = 'PNG') => this.api.act(c, 'file', { agentId, caption, fileType });
  /** A file from the agent with its bytes, stored in the stand-in's swift store (the visitor can download it). */
  sendStoredFile = (c: string, agentId: string, caption: string, fileType: 'PNG' | 'JPG' | 'GIF' | 'PDF', bytes: Buffer) =>
    this.api.act(c, 'file', { agentId, caption, fileType, data: bytes.toString('base64') });
  /** Structured (rich) content from the agent. */
  sendRich = (c: string, agentId: string, content: Record<string, unknown>) => this.api.act(c, 'rich', { agentId, content });
  /** `count` agent messages "<text> 1" … "<text> N" in one request (delivered in batches). */
  bulk = (c: string, agentId: string, count: number, text = 'Message') => this.api.act(c, 'bulk', { agentId, count, text });
  /** Renames an agent (what the profile API returns from then on). */
  setNickname = (agentId: string, nickname: string) => this.api.setNickname(agentId, nickname);
  /** Test data: `count` closed conversations of the consumer, older than any open one. */
  seedClosedHistory = (consumerId: string, count: number) => this.api.seedClosedHistory(consumerId, count);
  settings = (s: Partial<Settings>) => this.api.putSettings(s);

  dropSockets = () => this.faults.drop();
  /** Drops every brand (agent) socket: a bot's SDK reconnects. */
  dropAgentSockets = () => this.faults.dropAgents();
  expireTokens = () => this.faults.expireTokens();
  setFaults = (f: FaultChanges) => this.faults.set(f);
  clearFaults = () => this.faults.clear();
  /** The current faults and the stand-in's counters (server-wide, cumulative). */
  faultState = () => this.faults.get();
}

/** The consumer's acknowledgements of agent content: sequence → statuses in the order they were stored. */
export function consumerAcks(c: ConversationDetailView, dialogId = c.id): Map<number, string[]> {
  const acks = new Map<number, string[]>();
  const entries = [...(c.transcript[dialogId] ?? [])].sort((a, b) => a.sequence - b.sequence);
  for (const { role, event } of entries) {
    if (role !== 'CONSUMER' || event.type !== 'AcceptStatusEvent') continue;
    for (const s of event.sequenceList) acks.set(s, [...(acks.get(s) ?? []), event.status]);
  }
  return acks;
}

/** The visitor's messages stored in the conversation's MAIN dialog, in order. */
export const visitorTexts = (c: ConversationDetailView) =>
  (c.transcript[c.id] ?? []).filter((e) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent').map((e) => eventFields(e).message);

export const uniqueAccount = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
