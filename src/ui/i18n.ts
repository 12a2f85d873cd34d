// Every user-visible string of the widget, in message catalogues: English here, Hebrew in
// i18nHebrew.ts (the type makes it list every English key), the loader's few in i18nLauncher.ts.
// A widget's language is a Translator made once per widget (createTranslator) and handed down in
// React context (useI18n); nothing is global, so widgets of several languages can share a page.
import { createContext, useContext } from 'react';
import { hebrew } from './i18nHebrew';
import { baseLanguage, frameStrings, isRtl, launcherStrings } from './i18nLauncher';

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
  startNewConversation: 'Start a new conversation',
  newMessagesDivider: 'New messages',
  newMessagesBelow: 'New messages',
  menuLabel: 'Chat options',
  menuSound: 'Sound for new messages',
  menuNotify: 'Turn on desktop notifications',
  menuNotifyOn: 'Desktop notifications are on',
  menuNotifyBlocked: 'Notifications are blocked in this browser',
  surveyStarted: 'Please tell us how we did',
  typing: '{name} is typing…',
  reconnecting: 'Reconnecting…',
  offline: "You're offline",
  connecting: 'Connecting…',
  connectionError: 'Could not connect',
  connectionErrorSignIn: 'Could not sign in to the chat service. Please try again later.',
  connectionErrorUnsupported: 'This browser cannot connect to the chat.',
  conversationLost: 'Your earlier conversation could not be continued. Messages you send now start a new one.',
  reasonEmpty: 'the message is empty',
  reasonTooLong: 'the message is too long',
  reasonStopped: 'the chat was closed',
  reasonNotFound: 'the message is no longer there',
  reasonNothingToEnd: 'there is no open conversation',
  reasonRefused: 'the chat service refused it',
  reasonNetwork: 'the chat service could not be reached',
  reasonFileType: 'this type of file cannot be sent',
  reasonFileTooBig: 'the file is too big',
  reasonFilesOff: 'this chat does not take files',
  reasonCancelled: 'it was cancelled',
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
  richImageUnavailable: 'Image unavailable',
  richMap: 'Open the map',
  richCarouselLabel: '{count} cards',
  richCardFallback: 'Card {index} of {count}',
  richPrevious: 'Previous card',
  richNext: 'Next card',
  richPosition: '{index} / {count}',
  quickRepliesLabel: 'Suggested replies',
  scaleLow: 'Poor',
  scaleHigh: 'Excellent',
  messageFromAgent: '{name}: {text}',
  newMessagesLabel: 'New messages',
  logLabel: 'Conversation',
  unknownError: 'an unexpected error',
  messageRenderFailed: "This message can't be shown",
  partRenderFailed: "This part of the chat can't be shown",
  composerCharsLeft: '{count} characters left',
  composerCharsOver: '{count} characters too many',
  composerTooLong: 'Messages can have at most {max} characters.',
  expectedWithin: 'Usually replies within {duration}',
  expectedBy: 'Expect a reply by {time}',
  expectedAway: 'We are away until {time}',
  expectedAwayWithin: 'We are away until {time}, then usually reply within {duration}',
  durationMinute: 'a minute',
  durationMinutes: '{count} minutes',
  durationHour: 'an hour',
  durationHours: '{count} hours',
  durationDay: 'a day',
  durationDays: '{count} days',
  markUrgent: 'Mark as urgent',
  markedUrgent: 'Marked as urgent',
  markUrgentFailed: 'The conversation could not be marked urgent: {reason}',
  ratingQuestion: 'How would you rate this conversation?',
  ratingStar: '{count} of 5 stars',
  ratingSend: 'Submit rating',
  ratingThanks: 'Thank you! You rated this conversation {count} of 5.',
  ratingFailed: 'Your rating could not be sent: {reason}',
  earlierConversations: 'Earlier conversations ({count})',
  earlierTitle: 'Earlier conversations',
  earlierWith: 'with {name}',
  earlierNoMessage: 'No message shown',
  earlierShowMore: 'Show more',
  earlierBackToList: 'Back to the list',
  earlierClose: 'Back to the chat',
  earlierLoading: 'Loading the conversation…',
  earlierFailed: 'This conversation could not be loaded: {reason}',
  earlierReadOnly: 'This conversation has ended. It is shown read-only.',
  earlierOpen: 'Open the conversation of {date}',
  attachFile: 'Attach file',
  dropFiles: 'Drop a file to send it',
  fileTypeError: '“{name}” cannot be sent: only {types} files can be.',
  fileTooBigError: '“{name}” is too big: files can be at most {max}.',
  fileFailedError: '“{name}” could not be sent: {reason}',
  uploadProgress: 'Uploading {name}',
  uploadCancel: 'Cancel',
  uploadCancelLabel: 'Cancel sending {name}',
  uploadFailed: 'Not sent',
  viewerClose: 'Close',
  viewerOpen: 'View {caption}',
  fileSize: '{size} MB',
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

export type MessageParams = Record<string, string | number>;

/** The texts and time format of one widget's language. */
export interface Translator {
  language: Language;
  dir: 'ltr' | 'rtl';
  /** The text for `key`, with `{name}` placeholders replaced from `params` (missing ones stay visible). */
  t(key: MessageKey, params?: MessageParams): string;
  /** A message time (hours and minutes) in the widget's language. */
  formatTime(at: number): string;
}

/**
 * The translator for a requested BCP 47 tag: the closest catalogue (English or Hebrew), and times
 * in `requested` when it is a valid tag of that language (e.g. en-GB), else in the language itself.
 */
export function createTranslator(requested?: string): Translator {
  const language = pickLanguage(requested);
  const catalogue = catalogues[language];
  const base = typeof requested === 'string' ? requested.toLowerCase().split('-')[0] : undefined;
  const locale = requested !== undefined && (base === language || (language === 'he' && base === 'iw')) ? requested : language;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  } catch {
    format = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' });
  }
  return {
    language,
    dir: directionOf(language),
    t: (key, params = {}) =>
      catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
        const value = params[name];
        return value === undefined ? whole : String(value);
      }),
    formatTime: (at) => format.format(at),
  };
}

/** The widget's translator, provided by ParleyRoot (English outside one, e.g. in isolated tests). */
export const I18nContext = createContext<Translator>(createTranslator('en'));

export function useI18n(): Translator {
  return useContext(I18nContext);
}
