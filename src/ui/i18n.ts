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
  connectionErrorSignIn: 'Could not sign in to the chat service. Please try again later.',
  connectionErrorUnsupported: 'This browser cannot connect to the chat.',
  reasonEmpty: 'the message is empty',
  reasonTooLong: 'the message is too long',
  reasonStopped: 'the chat was closed',
  reasonNotFound: 'the message is no longer there',
  reasonNothingToEnd: 'there is no open conversation',
  reasonRefused: 'the chat service refused it',
  reasonNetwork: 'the chat service could not be reached',
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
  unknownError: 'an unexpected error',
  messageRenderFailed: "This message can't be shown",
  partRenderFailed: "This part of the chat can't be shown",
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
let activeLanguage: Language = 'en';
let times: { locale: string; format: Intl.DateTimeFormat } | undefined;

/**
 * Chooses the catalogue `t()` reads from (the widget does this from its `lang` option), and the
 * locale times are written in: `locale` (the `lang` asked for, e.g. en-GB) when it is a valid tag
 * of that language, else the language itself.
 */
export function setLanguage(language: Language, locale?: string): void {
  active = catalogues[language];
  activeLanguage = language;
  const base = typeof locale === 'string' ? locale.toLowerCase().split('-')[0] : undefined;
  const wanted = base === language || (language === 'he' && base === 'iw') ? locale! : language;
  if (times?.locale === wanted) return;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(wanted, { hour: '2-digit', minute: '2-digit' });
  } catch {
    format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  }
  times = { locale: wanted, format };
}

/** A message time (hours and minutes) in the widget's language. */
export function formatTime(at: number): string {
  if (!times) setLanguage(activeLanguage);
  return times!.format.format(at);
}

export type MessageParams = Record<string, string | number>;

/** The text for `key`, with `{name}` placeholders replaced from `params` (missing ones stay visible). */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return active[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
