// Every user-visible string of the widget, in message catalogues: English here, Hebrew in
// i18n-he.ts (the type makes it list every English key), the loader's few in i18n-launcher.ts.
// One language per JavaScript realm: the embed runs each widget in its own iframe; widgets mounted
// directly into one page share the language last set.
import { hebrew } from './i18n-he';
import { baseLanguage, frameStrings, isRtl, launcherStrings } from './i18n-launcher';

const en = {
  ...launcherStrings.en,
  ...frameStrings.en,
  windowTitle: 'Chat',
  headerWaiting: 'Chat with us',
  headerWaitingSubtitle: 'Waiting for an agent',
  headerIdleSubtitle: 'Send us a message',
  closeWindow: 'Close chat',
  endConversation: 'End conversation',
  confirmEndTitle: 'End this conversation?',
  confirmEndBody: 'The conversation will be closed. You can start a new one any time.',
  confirmEnd: 'End',
  cancel: 'Cancel',
  endFailed: 'The conversation could not be ended: {reason}',
  agentFallback: 'Agent',
  managerFallback: 'A manager',
  agentJoined: '{name} joined',
  agentLeft: '{name} left',
  transferredTo: 'You are being transferred to {name}',
  transferred: 'You are being transferred to another agent',
  backToQueue: 'Waiting for the next available agent',
  managerJoined: '{name} joined as a manager',
  endedByAgent: 'The agent ended the conversation',
  endedByConsumer: 'You ended the conversation',
  endedBySystem: 'The conversation was closed',
  surveyStarted: 'Please tell us how we did',
  typing: '{name} is typing…',
  reconnecting: 'Reconnecting…',
  connecting: 'Connecting…',
  connectionError: 'Could not connect',
  retry: 'Retry',
  receiptPending: 'Sending',
  receiptSent: 'Sent',
  receiptDelivered: 'Delivered',
  receiptRead: 'Read',
  receiptFailed: 'Not sent',
  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  sendFailed: 'Your message could not be sent: {reason}',
  emptyTimeline: 'Ask us anything. We are here to help.',
  unsupportedMessage: 'This message cannot be shown here.',
  fileMessage: 'File: {caption}',
  quickRepliesLabel: 'Suggested replies',
  messageFromAgent: '{name}: {text}',
  newMessagesLabel: 'New messages',
  logLabel: 'Conversation',
  unknownError: 'unknown error',
  messageRenderFailed: "This message can't be shown",
  composerCharsLeft: '{count} characters left',
  composerCharsOver: '{count} characters too many',
  composerTooLong: 'Messages can have at most {max} characters.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;

export const catalogues: Record<'en' | 'he', Catalogue> = { en, he: hebrew };
export type Language = keyof typeof catalogues;

/** The catalogue language for a requested BCP 47 tag (English when there is no catalogue for it). */
export function pickLanguage(requested: string | undefined): Language {
  return baseLanguage(requested);
}

/** The writing direction of a catalogue language. */
export const directionOf = (language: Language): 'ltr' | 'rtl' => (isRtl(language) ? 'rtl' : 'ltr');

let active: Catalogue = en;

/** Chooses the catalogue `t()` reads from (the widget does this from its `lang` option). */
export function setLanguage(language: Language): void {
  active = catalogues[language];
}

export type MessageParams = Record<string, string | number>;

/** The text for `key`, with `{name}` placeholders replaced from `params` (missing ones stay visible). */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return active[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
