// What the outbox sends, one request sequence per queued item: a message (creating the conversation
// on the first one; a quick-reply choice first publishes its ACTION receipt, protocol reference
// §5.5; an uploaded file, its hosted/file ContentEvent, §7), or the end of the conversation. Reconciles with the echo or the replayed history by
// ExternalId, never by text.
import type { ChatStore } from '../core/store';
import type { Connection } from './connection';
import { ConnectionClosedError, isRefused, RequestFailedError } from './errors';
import { isRecord } from './http';
import { activeTarget, currentConversation, type DialogTarget } from '../core/conversation';
import type { Subscriber } from './resubscribe';
import { RequestTypes } from './wire';
import type { ConsumerRequestConversationBody, HostedFileMessage, Metadata, PublishEventBody, UpdateConversationFieldBody } from './wire';
import { factsOf } from '../core/factTable';

/** A quick-reply choice: the message with the buttons, and the chosen button's click metadata. */
export interface ReplyChoice {
  dialogId: string;
  sequence: number;
  metadata: Metadata[];
}

export interface OutgoingMessage {
  clientId: string;
  text: string;
  reply?: ReplyChoice;
  /** An uploaded file (protocol reference §7): published as a hosted/file ContentEvent instead of the text. */
  file?: HostedFileMessage;
  /** A publish of it went out without a definite answer: it may be stored already. */
  uncertain: boolean;
}

export interface PublisherDeps {
  connection: Connection;
  store: ChatStore;
  subscriber: Subscriber;
  account: string;
  lang?: string;
  /**
   * What this page holds contradicts the server: forget it and rebuild from the server on a new
   * socket (the session forgets the store and reconnects).
   */
  rebuild: () => void;
}

export interface Publisher {
  /** The open conversation, creating it when none is (once, even when asked concurrently). */
  ensureConversation(): Promise<DialogTarget>;
  /** The conversation messages go to now, if any (one we just created counts). */
  target(): DialogTarget | undefined;
  /** True (and the bubble marked stored) when the server has the message already. */
  reconcile(clientId: string): boolean;
  publishMessage(message: OutgoingMessage): Promise<void>;
  /** Closes the open conversation; nothing to do when none is open (any more). */
  endConversation(): Promise<void>;
}

/** A quick reply's click metadata as request metadata: a list of typed objects (anything else is dropped). */
export function clickMetadata(value: unknown): Metadata[] {
  if (!Array.isArray(value)) return [];
  return value.filter((m): m is Metadata => isRecord(m) && typeof m.type === 'string' && m.type !== 'ExternalId');
}

export function createPublisher(deps: PublisherDeps): Publisher {
  const { connection, store, subscriber } = deps;
  let creating: Promise<DialogTarget> | undefined;
  /** A conversation we created (for this consumer) whose metadata has not arrived yet. */
  let created: (DialogTarget & { consumerId: string | undefined }) | undefined;
  /** A rebuild was asked for and has not led to a conversation yet: a second contradiction is the answer. */
  let rebuilding = false;
  /** The client ids of quick-reply answers whose ACTION receipt is stored (or was refused for good): not published again. */
  const actionsDone = new Set<string>();

  const known = (conversationId: string) => store.state.snapshots[conversationId] !== undefined || store.state.removed[conversationId] !== undefined;

  const target = (): DialogTarget | undefined => {
    const active = activeTarget(store.state);
    if (active) return active;
    if (!created || known(created.conversationId) || created.consumerId !== store.consumerId) return undefined;
    return { conversationId: created.conversationId, dialogId: created.dialogId };
  };

  const requestConversation = async (): Promise<DialogTarget> => {
    const body: ConsumerRequestConversationBody = {
      brandId: deps.account,
      channelType: 'MESSAGING',
      ...(deps.lang ? { conversationContext: { type: 'SharkContext', lang: deps.lang } } : {}),
    };
    try {
      const response = await connection.request(RequestTypes.ConsumerRequestConversation, body);
      const id = isRecord(response.body) ? response.body.conversationId : undefined;
      if (typeof id !== 'string' || id === '') throw new Error('The new conversation has no id');
      created = { conversationId: id, dialogId: id, consumerId: store.consumerId }; // the MAIN dialog id is the conversation id
      rebuilding = false;
      return { conversationId: id, dialogId: id };
    } catch (error) {
      // One open conversation per consumer: the server names the one we do not know yet. Adopt it.
      if (!(error instanceof RequestFailedError) || error.code !== 400) throw error;
      await subscriber.resubscribe();
      const adopted = activeTarget(store.state);
      if (adopted) {
        rebuilding = false;
        return adopted;
      }
      // The server says one is open, yet its fresh snapshot gives none this page can use: what the
      // page holds contradicts the server (e.g. a conversation it dropped). Rebuild from the server
      // once, on a new socket; the message waits for it. A second contradiction is the answer.
      if (rebuilding) throw error;
      rebuilding = true;
      deps.rebuild();
      throw new ConnectionClosedError(RequestTypes.ConsumerRequestConversation);
    }
  };

  const ensureConversation = (): Promise<DialogTarget> => {
    const existing = target();
    if (existing) return Promise.resolve(existing);
    creating ??= requestConversation().finally(() => {
      creating = undefined;
    });
    return creating;
  };

  const reconcile = (clientId: string): boolean => {
    for (const message of factsOf(store.state.messages)) {
      if (message.clientId !== clientId) continue;
      store.dispatch([{ type: 'outboxStored', clientId, dialogId: message.dialogId, sequence: message.sequence }]);
      return true;
    }
    return false;
  };

  /** The visitor's ACTION on that message is in the history already (e.g. published before a reconnect). */
  const actionStored = ({ dialogId, sequence }: ReplyChoice) =>
    factsOf(store.state.receipts).some(
      (r) => r.status === 'action' && r.dialogId === dialogId && r.sequences.includes(sequence) && (r.originator === 'consumer' || r.originatorId === store.consumerId),
    );

  const publishAction = async (message: OutgoingMessage, reply: ReplyChoice) => {
    const { dialogId, sequence, metadata } = reply;
    const conversationId = store.state.dialogConversation[dialogId];
    const body: PublishEventBody = {
      dialogId,
      ...(conversationId ? { conversationId } : {}),
      event: { type: 'AcceptStatusEvent', status: 'ACTION', sequenceList: [sequence] },
    };
    try {
      await connection.request(RequestTypes.PublishEvent, body, metadata.length > 0 ? { metadata } : {});
    } catch (error) {
      // A refused ACTION (e.g. its dialog closed) must not keep the visitor's answer from being sent.
      if (!isRefused(error)) throw error;
      console.warn('Parley: the server refused the quick reply ACTION; sending the answer alone', error);
    }
    actionsDone.add(message.clientId);
  };

  const publishMessage = async (message: OutgoingMessage) => {
    const { conversationId, dialogId } = await ensureConversation();
    await subscriber.ensureDialog(dialogId, conversationId);
    if (reconcile(message.clientId)) return;
    const { reply } = message;
    if (reply && !actionsDone.has(message.clientId) && !actionStored(reply)) await publishAction(message, reply);
    const event = message.file
      ? { type: 'ContentEvent' as const, contentType: 'hosted/file', message: { ...message.file } }
      : { type: 'ContentEvent' as const, contentType: 'text/plain', message: message.text };
    const body: PublishEventBody = { dialogId, conversationId, event };
    const metadata: Metadata[] = [...(reply?.metadata ?? []), { type: 'ExternalId', id: message.clientId }];
    message.uncertain = true;
    const response = await connection.request(RequestTypes.PublishEvent, body, { metadata }).catch((error: unknown) => {
      if (error instanceof RequestFailedError) message.uncertain = false; // the server answered: not stored
      throw error;
    });
    const sequence = isRecord(response.body) ? response.body.sequence : undefined;
    if (typeof sequence === 'number' && Number.isInteger(sequence) && sequence >= 0) {
      store.dispatch([{ type: 'outboxStored', clientId: message.clientId, dialogId, sequence }]);
    }
  };

  // The visitor ends it as LivePerson's PCS tutorial does: closing the MAIN dialog (DialogChange), so
  // that the account's post-conversation survey starts (or, without one, the conversation closes).
  // During the survey, ConversationStateField closes what is left.
  const endConversation = async () => {
    const open = target();
    if (!open) return;
    // A conversation just created has no snapshot yet: its MAIN dialog's id is the conversation's.
    const dialog = currentConversation(store.state)?.dialogs.find((d) => d.id === open.dialogId);
    const main = dialog ? dialog.kind === 'main' : open.dialogId === open.conversationId;
    const body: UpdateConversationFieldBody = {
      conversationId: open.conversationId,
      conversationField: main
        ? { field: 'DialogChange', type: 'UPDATE', dialog: { dialogId: open.dialogId, state: 'CLOSE', closedCause: 'Closed by consumer' } }
        : { field: 'ConversationStateField', conversationState: 'CLOSE' },
    };
    await connection.request(RequestTypes.UpdateConversationField, body);
  };

  return { ensureConversation, target, reconcile, publishMessage, endConversation };
}
