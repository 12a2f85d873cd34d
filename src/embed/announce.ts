// What the frame says about the newest agent message outside the window: the launcher's live region
// when the unread count goes up while the window is closed, the launcher's preview, and the desktop
// notification; with the agent's name when it is known, in the widget's language.
// (Runs in the frame's first load: the words come from i18nLauncher's frameStrings.)
import type { ChatView, TimelineRow } from '../core/model';
import { frameStrings, type LauncherLanguage } from '../ui/i18nLauncher';
import { plainText } from './events';

/** Longer texts are cut here: a live region reads every word. */
export const ANNOUNCE_MAX = 300;
/** A preview (the launcher's, a notification's) is cut here, at a word when there is one near. */
export const PREVIEW_MAX = 140;

type MessageRow = Extract<TimelineRow, { kind: 'message' }>;

/** The newest agent message of the timeline (or the one with this key). */
export function lastAgentMessage(chat: ChatView, key?: string): MessageRow | undefined {
  for (let i = chat.timeline.length - 1; i >= 0; i--) {
    const row = chat.timeline[i]!;
    if (row.kind === 'message' && row.originator === 'agent' && (key === undefined || row.key === key)) return row;
  }
  return undefined;
}

/** `text` on one line, at most `max` characters: cut at the last space in its final fifth, with "…". */
export function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut}…`;
}

export function unreadAnnouncement(chat: ChatView, language: LauncherLanguage): string | undefined {
  const row = lastAgentMessage(chat);
  if (!row) return undefined;
  const full = plainText(row.body);
  const text = full.length > ANNOUNCE_MAX ? `${full.slice(0, ANNOUNCE_MAX)}…` : full;
  const name = chat.names[row.participantId];
  const strings = frameStrings[language];
  // (Replacer functions: a `$&` in a message is text, not a replacement pattern.)
  const words = name ? strings.announceFrom.replace('{name}', () => name) : strings.announce;
  return words.replace('{text}', () => text);
}

/** Who wrote the newest agent message (or the one with `key`) and its plain text, shortened. */
export function messagePreview(chat: ChatView, language: LauncherLanguage, key?: string): { from: string; text: string } | undefined {
  const row = lastAgentMessage(chat, key);
  if (!row) return undefined;
  return { from: chat.names[row.participantId] ?? frameStrings[language].agent, text: shorten(plainText(row.body), PREVIEW_MAX) };
}
