// Consumer subscriptions of one account: conversation metadata (cqm) and messaging events (ms),
// and the delivery of every change to the sockets that asked for it.
import { randomUUID } from 'node:crypto';
import type { ConvState, MessagingEventChange, Notification } from '../../src/liveperson/wire';
import { NotificationTypes } from '../../src/liveperson/wire';
import type { Account } from './accounts';
import { adaptForFeatures } from './fallbacks';
import { stageFor, toWire, type Conversation } from './model';
import { agedOutAt, withParticipantsFormat } from './variants';

/** A consumer socket as the subscriptions see it. */
export interface ConsumerLink {
  readonly consumerId: string;
  readonly features: ReadonlySet<string>;
  notify(frame: Notification): void;
}

export interface ExFilter {
  convState?: ConvState[];
  stage?: ConvState[];
  minLastUpdatedTime?: number;
}

interface ExSub {
  id: string;
  filter: ExFilter;
  members: Set<string>;
}

interface LinkSubs {
  ex: Map<string, ExSub>;
  dialogs: Set<string>;
}

const SNAPSHOT_CAP = 1000;
/** Changes per notification when events are added in a batch (LivePerson sends history in batches too). */
const BATCH_CHANGES = 500;

/** Whether the conversation, as this socket sees it, passes the filter (and has not aged out of the stream). */
function matches(f: ExFilter, conv: Conversation, link: ConsumerLink, retentionMs: number, now = Date.now()): boolean {
  const agedOut = agedOutAt(conv, retentionMs);
  return (
    (agedOut === undefined || agedOut > now) &&
    (!f.convState || f.convState.includes(conv.state)) &&
    (!f.stage || f.stage.includes(stageFor(conv, link.features.has('MULTI_DIALOG')))) &&
    conv.metaDataLastUpdateTs >= (f.minLastUpdatedTime ?? 0)
  );
}

/** One change of an ExConversation notification, with the details as its side sees them (the agent side's too). */
export function conversationChange<D>(type: 'UPSERT' | 'DELETE', conv: Conversation, conversationDetails: D) {
  return { type, result: { convId: conv.id, effectiveTTR: -1, lastUpdateTime: conv.metaDataLastUpdateTs, conversationDetails } };
}

type ExChange = ReturnType<typeof conversationChange<ReturnType<typeof withParticipantsFormat>>>;

const exNotification = (subscriptionId: string, changes: ExChange[]): Notification => ({
  kind: 'notification',
  type: NotificationTypes.ExConversationChange,
  body: { subscriptionId, changes },
});

export const messagingNotification = (changes: MessagingEventChange[]): Notification => ({
  kind: 'notification',
  type: NotificationTypes.MessagingEvent,
  body: { changes },
});

export class Subscriptions {
  private readonly links = new Map<ConsumerLink, LinkSubs>();
  /** Closed conversations waiting to age out of the stream (settings.closedRetentionMs). */
  private readonly ageing = new Map<string, NodeJS.Timeout>();

  constructor(private readonly account: Account) {
    account.listen({
      conversation: (conv) => {
        this.conversationChanged(conv);
        this.scheduleAgeOut(conv);
      },
      event: (conv, dialog, change) => {
        if (change.messageAudience === 'AGENTS_AND_MANAGERS') return;
        for (const [link, subs] of this.links) {
          if (link.consumerId !== conv.consumerId || !subs.dialogs.has(dialog.id)) continue;
          link.notify(messagingNotification([adaptForFeatures(change, link.features)]));
        }
      },
      events: (added) => {
        for (const [link, subs] of this.links) {
          const changes = added
            .filter(({ conv, dialog, change }) => change.messageAudience !== 'AGENTS_AND_MANAGERS' && link.consumerId === conv.consumerId && subs.dialogs.has(dialog.id))
            .map(({ change }) => adaptForFeatures(change, link.features));
          for (let i = 0; i < changes.length; i += BATCH_CHANGES) link.notify(messagingNotification(changes.slice(i, i + BATCH_CHANGES)));
        }
      },
    });
  }

  private exChange(type: 'UPSERT' | 'DELETE', conv: Conversation, link: ConsumerLink): ExChange {
    const details = withParticipantsFormat(toWire(conv, link.features.has('MULTI_DIALOG')), this.account.settings.participantsFormat);
    return conversationChange(type, conv, details);
  }

  private matches(f: ExFilter, conv: Conversation, link: ConsumerLink): boolean {
    return matches(f, conv, link, this.account.settings.closedRetentionMs);
  }

  /** Once a closed conversation's retention is over, every subscription holding it gets a DELETE. */
  private scheduleAgeOut(conv: Conversation): void {
    clearTimeout(this.ageing.get(conv.id));
    this.ageing.delete(conv.id);
    const at = agedOutAt(conv, this.account.settings.closedRetentionMs);
    if (at === undefined) return;
    const timer = setTimeout(() => {
      this.ageing.delete(conv.id);
      this.conversationChanged(conv);
    }, Math.max(0, at - Date.now()) + 1);
    timer.unref();
    this.ageing.set(conv.id, timer);
  }

  add(link: ConsumerLink): void {
    if (!this.links.has(link)) this.links.set(link, { ex: new Map(), dialogs: new Set() });
  }

  remove(link: ConsumerLink): void {
    this.links.delete(link);
  }

  private subsOf(link: ConsumerLink): LinkSubs {
    this.add(link);
    return this.links.get(link) as LinkSubs;
  }

  /** Registers the subscription; returns its id and the initial snapshot (sent even when empty). */
  subscribeEx(link: ConsumerLink, filter: ExFilter): { subscriptionId: string; snapshot: Notification } {
    const sub: ExSub = { id: randomUUID(), filter, members: new Set() };
    const convs = this.account
      .conversationsOf(link.consumerId)
      .filter((c) => this.matches(filter, c, link))
      .sort((a, b) => a.startTs - b.startTs)
      .slice(0, SNAPSHOT_CAP);
    for (const c of convs) sub.members.add(c.id);
    this.subsOf(link).ex.set(sub.id, sub);
    return { subscriptionId: sub.id, snapshot: exNotification(sub.id, convs.map((c) => this.exChange('UPSERT', c, link))) };
  }

  unsubscribeEx(link: ConsumerLink, subscriptionId: string): boolean {
    return this.links.get(link)?.ex.delete(subscriptionId) ?? false;
  }

  subscribeDialog(link: ConsumerLink, dialogId: string): void {
    this.subsOf(link).dialogs.add(dialogId);
  }

  unsubscribeDialog(link: ConsumerLink, dialogId: string): void {
    this.links.get(link)?.dialogs.delete(dialogId);
  }

  private conversationChanged(conv: Conversation): void {
    for (const [link, subs] of this.links) {
      if (link.consumerId !== conv.consumerId) continue;
      for (const sub of subs.ex.values()) {
        if (this.matches(sub.filter, conv, link)) {
          sub.members.add(conv.id);
          link.notify(exNotification(sub.id, [this.exChange('UPSERT', conv, link)]));
        } else if (sub.members.delete(conv.id)) {
          link.notify(exNotification(sub.id, [this.exChange('DELETE', conv, link)]));
        }
      }
    }
  }
}
