// The few strings the loader needs before the app is loaded (the launcher and the frame's title),
// per language, and the few the frame needs before the window's code is loaded (what the
// launcher's live region says). Kept apart so the loader (≤ 1.5 KB) carries only the first and the
// frame's first load only these; the full catalogues in i18n.ts and i18nHebrew.ts include both.

/** The launcher's name before the host side loaded: all the loader itself says (the same as launcherStrings' launcherOpen). */
export const openChat = { en: 'Open chat', he: 'פתיחת הצ׳אט' } as const;

export const launcherStrings = {
  en: {
    launcherOpen: 'Open chat',
    launcherOpenUnread: 'Open chat, {count} unread',
    launcherClose: 'Close chat',
    frameTitle: 'Chat window',
    previewLabel: 'Latest message',
    previewDismiss: 'Dismiss',
  },
  he: {
    launcherOpen: 'פתיחת הצ׳אט',
    launcherOpenUnread: 'פתיחת הצ׳אט, {count} שלא נקראו',
    launcherClose: 'סגירת הצ׳אט',
    frameTitle: 'חלון הצ׳אט',
    previewLabel: 'ההודעה האחרונה',
    previewDismiss: 'הסתרה',
  },
} as const;

export type LauncherLanguage = keyof typeof launcherStrings;

/** Sent by the frame to the launcher's live region (an agent message arrived while the window is closed), and the name of an agent whose name is not known (previews, notifications). */
export const frameStrings = {
  en: {
    announceFrom: 'New message from {name}: {text}',
    announce: 'New message: {text}',
    agent: 'Agent',
    notifyFrom: 'New message from {name}',
  },
  he: {
    announceFrom: 'הודעה חדשה מ־{name}: {text}',
    announce: 'הודעה חדשה: {text}',
    agent: 'נציג',
    notifyFrom: 'הודעה חדשה מ־{name}',
  },
} as const;

/** The language of the catalogue for a BCP 47 tag (its base language), English when there is none. */
export function baseLanguage(requested: string | undefined): LauncherLanguage {
  // (A pattern rather than split and compare: fewer bytes in the loader's 1.5 KB.)
  return /^(he|iw)\b/i.test(String(requested)) ? 'he' : 'en';
}

/** Right-to-left languages among the shipped catalogues. */
export const isRtl = (language: LauncherLanguage): boolean => language === 'he';
