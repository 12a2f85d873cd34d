// The agent side of one account: brand sockets' conversation subscriptions, the routing of waiting
// conversations to ONLINE agents (rings), agent states, and the live messaging events agents get.
// It acts on the account's one conversation state (server/state), beside the consumer side.
import { randomUUID } from 'node:crypto';
import type { ConvState, Notification } from '../../src/liveperson/wire';
import type { Account, Agent } from '../state/accounts';
import { mainDialog, type Conversation } from '../state/model';
import { legacyIdOf, legacyUserId } from './ids';
import { agentExChange, agentExNotification, AgentTypes, onlineEvent } from './wire';

/** A brand socket as the hub sees it. */
export interface BrandLink {
  readonly agent: Agent;
  notify(frame: Notification): void;
}

export interface AgentExFilter {
  convState?: ConvState[];
  /** PIDs; conversations with any of them as a participant. */
  agentIds?: string[];
  minLastUpdatedTime?: number;
}

export type Availability = 'ONLINE' | 'OCCUPIED' | 'AWAY' | 'BACK_SOON' | 'OFFLINE';
export const AVAILABILITIES: readonly Availability[] = ['ONLINE', 'OCCUPIED', 'AWAY', 'BACK_SOON', 'OFFLINE'];

interface Ring {
  id: string;
  convId: string;
  link: BrandLink;
  subscriptionId: string;
}

interface LinkSubs {
  ex: Map<string, { filter: AgentExFilter; members: Set<string> }>;
  routing?: string;
  agentState?: string;
  dialogs: Set<string>;
  /** Rings sent to this socket, by conversation. */
  rings: Map<string, Ring>;
  rejected: Set<string>;
}

const SNAPSHOT_CAP = 1000;
/** [INF] The ring's time to answer; the stand-in shows it but never expires a ring. */
const RING_EXPIRATION_MS = 72_000;

/** Open, and no ACTIVE assigned agent: the conversation waits in the queue. */
export function isWaiting(conv: Conversation): boolean {
  if (conv.stage !== 'OPEN' || conv.state !== 'OPEN') return false;
  return !mainDialog(conv).participants.some((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE');
}

function matches(f: AgentExFilter, conv: Conversation): boolean {
  return (
    (!f.convState || f.convState.includes(conv.state)) &&
    (!f.agentIds || conv.participants.some((p) => f.agentIds?.includes(p.id))) &&
    conv.metaDataLastUpdateTs >= (f.minLastUpdatedTime ?? 0)
  );
}

export class BrandHub {
  private readonly links = new Map<BrandLink, LinkSubs>();
  readonly availability = new Map<string, Availability>();
  private readonly ringsById = new Map<string, Ring>();

  constructor(private readonly account: Account) {
    account.listen({
      conversation: (conv) => this.conversationChanged(conv),
      event: (conv, dialog, change) => {
        for (const [link, subs] of this.links) {
          if (subs.dialogs.has(dialog.id) || conv.participants.some((p) => p.id === link.agent.id)) link.notify(onlineEvent(this.account, change));
        }
      },
    });
  }

  add(link: BrandLink): void {
    if (!this.links.has(link)) this.links.set(link, { ex: new Map(), dialogs: new Set(), rings: new Map(), rejected: new Set() });
  }

  remove(link: BrandLink): void {
    const subs = this.links.get(link);
    for (const r of subs?.rings.values() ?? []) this.ringsById.delete(r.id);
    this.links.delete(link);
  }

  private subsOf(link: BrandLink): LinkSubs {
    this.add(link);
    return this.links.get(link) as LinkSubs;
  }

  subscribeEx(link: BrandLink, filter: AgentExFilter): { subscriptionId: string; snapshot: Notification } {
    const id = randomUUID();
    const convs = [...this.account.conversations.values()]
      .filter((c) => matches(filter, c))
      .sort((a, b) => a.startTs - b.startTs)
      .slice(0, SNAPSHOT_CAP);
    this.subsOf(link).ex.set(id, { filter, members: new Set(convs.map((c) => c.id)) });
    return { subscriptionId: id, snapshot: agentExNotification(id, convs.map((c) => agentExChange(this.account, 'UPSERT', c))) };
  }

  unsubscribeEx(link: BrandLink, subscriptionId: string): boolean {
    return this.links.get(link)?.ex.delete(subscriptionId) ?? false;
  }

  subscribeDialog(link: BrandLink, dialogId: string): void {
    this.subsOf(link).dialogs.add(dialogId);
  }

  subscribeRouting(link: BrandLink): string {
    const subs = this.subsOf(link);
    subs.routing ??= randomUUID();
    this.ringAll();
    return subs.routing;
  }

  subscribeAgentState(link: BrandLink): string {
    const subs = this.subsOf(link);
    subs.agentState ??= randomUUID();
    return subs.agentState;
  }

  setAvailability(agent: Agent, availability: Availability): void {
    this.availability.set(agent.id, availability);
    for (const [link, subs] of this.links) {
      if (link.agent.id !== agent.id || !subs.agentState) continue;
      const result = { agentUserId: legacyIdOf(this.account, agent.id), channels: ['MESSAGING'], availability, description: '' };
      link.notify({ kind: 'notification', type: AgentTypes.agentState, body: { subscriptionId: subs.agentState, changes: [{ type: 'UPSERT', result }] } });
    }
    this.ringAll();
  }

  ring(ringId: string): Ring | undefined {
    return this.ringsById.get(ringId);
  }

  /** A rejected ring: this socket is not rung for that conversation again. */
  reject(ring: Ring): void {
    const subs = this.links.get(ring.link);
    if (!subs) return;
    subs.rejected.add(ring.convId);
    subs.rings.delete(ring.convId);
    this.ringsById.delete(ring.id);
    const conv = this.account.conversations.get(ring.convId);
    if (conv) ring.link.notify(this.ringNotification(ring, conv, 'REJECTED', false));
  }

  private ringNotification(ring: Ring, conv: Conversation, ringState: string, taskCompleted: boolean): Notification {
    const now = Date.now();
    const result = {
      routingTaskId: `${conv.id}_task`,
      brandId: this.account.id,
      taskCompleted,
      conversationId: conv.id,
      consumerId: conv.consumerId,
      skillId: conv.skillId,
      ringsDetails: [
        {
          ringId: ring.id,
          ringExpirationTs: now + RING_EXPIRATION_MS,
          ringExpiration: RING_EXPIRATION_MS,
          ringState,
          weight: now,
          brandId: this.account.id,
          convId: conv.id,
          consumerId: conv.consumerId,
          skillId: conv.skillId,
        },
      ],
    };
    return { kind: 'notification', type: AgentTypes.routingTask, body: { subscriptionId: ring.subscriptionId, changes: [{ type: 'UPSERT', result }] } };
  }

  /** Who may be rung for a waiting conversation: the SUGGESTED agent of a transfer, else every ONLINE agent. */
  private candidates(conv: Conversation): (agent: Agent) => boolean {
    const suggested = mainDialog(conv).participants.find((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'SUGGESTED');
    // OCCUPIED agents get transfers only (node-agent-sdk README, setAgentState).
    if (suggested) return (a) => a.id === suggested.id && ['ONLINE', 'OCCUPIED'].includes(this.availability.get(a.id) ?? 'OFFLINE');
    return (a) => this.availability.get(a.id) === 'ONLINE';
  }

  private ringAll(): void {
    for (const conv of this.account.conversations.values()) if (isWaiting(conv)) this.ringFor(conv);
  }

  private ringFor(conv: Conversation): void {
    const may = this.candidates(conv);
    for (const [link, subs] of this.links) {
      if (!subs.routing || subs.rings.has(conv.id) || subs.rejected.has(conv.id) || !may(link.agent)) continue;
      const ring: Ring = { id: `${conv.id}_${legacyUserId(link.agent)}_${Date.now()}`, convId: conv.id, link, subscriptionId: subs.routing };
      subs.rings.set(conv.id, ring);
      this.ringsById.set(ring.id, ring);
      link.notify(this.ringNotification(ring, conv, 'WAITING', false));
    }
  }

  private conversationChanged(conv: Conversation): void {
    for (const [link, subs] of this.links) {
      for (const [id, sub] of subs.ex) {
        if (matches(sub.filter, conv)) {
          sub.members.add(conv.id);
          link.notify(agentExNotification(id, [agentExChange(this.account, 'UPSERT', conv)]));
        } else if (sub.members.delete(conv.id)) {
          link.notify(agentExNotification(id, [agentExChange(this.account, 'DELETE', conv)]));
        }
      }
    }
    if (isWaiting(conv)) return this.ringFor(conv);
    // Taken or closed: its rings end (ACCEPTED for the agent who has it, CANCELLED for the others).
    const assigned = mainDialog(conv).participants.find((p) => p.role === 'ASSIGNED_AGENT' && p.state === 'ACTIVE')?.id;
    for (const [link, subs] of this.links) {
      const ring = subs.rings.get(conv.id);
      if (!ring) continue;
      subs.rings.delete(conv.id);
      this.ringsById.delete(ring.id);
      link.notify(this.ringNotification(ring, conv, assigned === link.agent.id ? 'ACCEPTED' : 'CANCELLED', true));
    }
  }
}
