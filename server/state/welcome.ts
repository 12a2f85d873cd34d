// The account's welcome message, as LivePerson's auto messages: when a conversation opens, consumers
// whose client announced AUTO_MESSAGES get it (protocol reference §2.2, §4.1). It comes from the
// account's system originator with role CONTROLLER, as system messages do ([INF], reference §13.16).
import type { ContentEvent } from '../../src/liveperson/wire';
import { quickReplies } from './quickReplies';
import type { Account, Welcome } from './accounts';
import { publish } from './events';
import { mainDialog, type Conversation } from './model';

function welcomeEvent(welcome: Welcome): ContentEvent {
  const event: ContentEvent = { type: 'ContentEvent', contentType: 'text/plain', message: welcome.text };
  return welcome.quickReplies?.length ? { ...event, quickReplies: quickReplies(welcome.quickReplies) } : event;
}

/** Sends the welcome message into a conversation that just opened, if the account has one and the client can show it. */
export function sendWelcome(account: Account, conv: Conversation, features: ReadonlySet<string>, now: number): void {
  const welcome = account.settings.welcome;
  if (!welcome || !features.has('AUTO_MESSAGES')) return;
  publish(account, conv, mainDialog(conv), { originatorId: account.controllerId, role: 'CONTROLLER', event: welcomeEvent(welcome) }, now);
}
