// The cues for a visitor who is not looking: while the tab is hidden or the window closed, a new
// agent message plays a short sound (`sound: true`, or the visitor's toggle in the window's menu,
// remembered for the site) and raises a desktop notification (only with `notifications: true` and a
// permission the visitor granted on a click in the window's menu: never asked on load). The page
// shows the notification and holds its permission (protocol.ts says why; embed.ts). One tab cues
// each message (cueClaim.ts). Runs in the frame's first load: the window's code may not be loaded.
import type { ChatView } from '../core/model';
import { unreadRowKeys } from '../core/unread';
import type { KeyValueStore } from '../platform/storage';
import type { LauncherLanguage } from '../ui/i18nLauncher';
import type { CueSettings } from '../ui/WindowMenu';
import { frameStrings } from '../ui/i18nLauncher';
import { messagePreview } from './announce';
import { beep, unlockSound } from './beep';

export type { CueSettings };

export interface AttentionOptions {
  /** Whose widget (the account or Genesys service): the visitor's sound choice is kept per widget. */
  widgetKey: string;
  /** The site's settings (data attributes arrive as strings: "true"). */
  sound?: unknown;
  /** The page's notifications, when the site offers them and the browser has them. */
  notifications?: PageNotifications;
  language: LauncherLanguage;
  store: KeyValueStore;
  claim: (key: string) => Promise<boolean>;
}

/** Desktop notifications as the page has them (over the frame's postMessage bridge). */
export interface PageNotifications {
  /** The page's permission, as it last said. */
  permission(): NotificationPermission;
  /** Asks the browser for the page's permission (in the visitor's click). */
  ask(): Promise<NotificationPermission>;
  /** Shows one (plain text); a click on it opens the window. */
  show(title: string, body: string, key: string): void;
}

export interface Attention {
  settings(): CueSettings;
  /** Called with every snapshot: cues the newest agent message that arrived unseen. */
  update(chat: ChatView, open: boolean): void;
}

const isOn = (value: unknown) => value === true || value === 'true';
/** The frame had a click or key press (a sound may play); unknown: assumed. */
const activated = () => (navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive ?? true;

export function createAttention(options: AttentionOptions): Attention {
  const { store, claim } = options;
  const soundKey = `parley:${options.widgetKey}:sound`;
  const soundOn = () => {
    const chosen = store.get(soundKey);
    return chosen === null ? isOn(options.sound) : chosen === '1';
  };
  if (soundOn()) {
    // The visitor's first click or key press in the frame lets later sounds play.
    const unlock = () => unlockSound();
    document.addEventListener('pointerdown', unlock, { capture: true, once: true });
    document.addEventListener('keydown', unlock, { capture: true, once: true });
  }
  const known = new Set<string>();

  const page = options.notifications;
  function notify(chat: ChatView, key: string): void {
    const preview = messagePreview(chat, options.language, key);
    if (preview) page?.show(frameStrings[options.language].notifyFrom.replace('{name}', () => preview.from), preview.text, key);
  }

  return {
    settings() {
      const settings: CueSettings = {
        sound: soundOn(),
        setSound(on) {
          store.set(soundKey, on ? '1' : '0');
          if (on) unlockSound(); // (in the click on the toggle)
        },
      };
      if (page) settings.notifications = { permission: page.permission(), ask: () => page.ask() };
      return settings;
    },
    update(chat, open) {
      const fresh = unreadRowKeys(chat).filter((key) => !known.has(key));
      for (const row of chat.timeline) if (row.kind === 'message') known.add(row.key);
      const key = fresh.at(-1);
      if (key === undefined || (open && document.visibilityState === 'visible')) return;
      if (soundOn() && activated()) void claim(`sound:${key}`).then((mine) => mine && beep());
      if (page?.permission() === 'granted') {
        void claim(`notification:${key}`).then((mine) => mine && notify(chat, key));
      }
    },
  };
}
