// What the launcher's live region says when the unread count goes up while the window is closed:
// the newest agent message, with the agent's name when it is known, in the widget's language.
// (Runs in the frame's first load: the words come from i18nLauncher's frameStrings.)
import type { ChatView } from '../core/model';
import { frameStrings, type LauncherLanguage } from '../ui/i18nLauncher';
import { plainText } from './events';

/** Longer texts are cut here: a live region reads every word. */
export const ANNOUNCE_MAX = 300;

export function unreadAnnouncement(chat: ChatView, language: LauncherLanguage): string | undefined {
  for (let i = chat.timeline.length - 1; i >= 0; i--) {
    const row = chat.timeline[i]!;
    if (row.kind !== 'message' || row.originator !== 'agent') continue;
    const full = plainText(row.body);
    const text = full.length > ANNOUNCE_MAX ? `${full.slice(0, ANNOUNCE_MAX)}…` : full;
    const name = chat.names[row.participantId];
    const strings = frameStrings[language];
    // (Replacer functions: a `$&` in a message is text, not a replacement pattern.)
    const words = name ? strings.announceFrom.replace('{name}', () => name) : strings.announce;
    return words.replace('{text}', () => text);
  }
  return undefined;
}
