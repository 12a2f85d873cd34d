// The account's welcome message, as LivePerson's auto messages: the account has one, the client
// announced AUTO_MESSAGES, and the consumer's first message came within 10 s of the conversation's
// creation (protocol reference §2.2, §4.1, §11). It answers that message from the account's system
// originator with role CONTROLLER, as system messages do ([INF], reference §13.16).
import type { ContentEvent } from '../../src/liveperson/wire';
import type { Account, Welcome } from './accounts';
import { publish } from './events';
import { quickReplies } from './quickReplies';
import type { Conversation, Dialog } from './model';

/** The consumer's first message must come this soon after the conversation was created [DOC Connector API]. */
export const AUTO_MESSAGE_WINDOW_MS = 10_000;

function welcomeEvent(welcome: Welcome): ContentEvent {
  const event: ContentEvent = { type: 'ContentEvent', contentType: 'text/plain', message: welcome.text };
  return welcome.quickReplies?.length ? { ...event, quickReplies: quickReplies(welcome.quickReplies) } : event;
}

function isFirstConsumerContent(dialog: Dialog, sequence: number): boolean {
  return !dialog.events.some((e) => e.sequence < sequence && e.role === 'CONSUMER' && (e.event.type === 'ContentEvent' || e.event.type === 'RichContentEvent'));
}

/** Makes the account answer a conversation's first consumer message with its welcome message, when it should. */
export function runWelcome(account: Account): () => void {
  return account.listen({
    event(conv: Conversation, dialog, _change, stored) {
      const welcome = account.settings.welcome;
      if (!welcome || !stored || dialog.type !== 'MAIN' || dialog.state !== 'OPEN') return;
      if (stored.role !== 'CONSUMER' || stored.event.type !== 'ContentEvent' || !isFirstConsumerContent(dialog, stored.sequence)) return;
      if (stored.serverTimestamp - conv.startTs > AUTO_MESSAGE_WINDOW_MS) return;
      if (account.consumerFeatures.get(conv.consumerId)?.has('AUTO_MESSAGES') !== true) return;
      publish(account, conv, dialog, { originatorId: account.controllerId, role: 'CONTROLLER', event: welcomeEvent(welcome) }, Date.now());
    },
  });
}
