// The messages between the loader (host page) and the app in the iframe, over postMessage. Both
// sides post only to the other's exact origin and check event.origin and event.source.
import type { HostEvent } from './events';
import type { EmbedConfig } from './types';

export const TAG = 'parley/1';

/** What the frame gets: every setting but the page's functions (getJwt) and the loader's own. */
export type FrameConfig = Omit<EmbedConfig, 'getJwt' | 'appUrl'>;

/**
 * `init.hostJwt`: the page has a getJwt (EmbedConfig.getJwt): the frame asks it for tokens with
 * `getJwt` and the page answers with `token` (the same id; `jwt`, or `error` when it failed).
 * `init.intent` / `intent`: the visitor hovered, focused or touched the launcher (or opened the
 * window): the frame fetches the window's code now, so that opening is instant.
 */
/**
 * Desktop notifications are the page's (`notify` in init, `notifyPermission`, and the frame's
 * `askNotify` and `notify`): Chromium refuses the permission prompt to a frame of another origin
 * than the page, and a permission belongs to the page's origin anyway. `init.notify`: the page's
 * permission when the site offers notifications and the browser has them, else absent. The frame
 * asks in the visitor's click in its menu (the click's activation reaches the page: HTML's
 * activation notification covers the ancestors), the page asks the browser and answers with
 * `notifyPermission`; the frame (which decided that this tab cues the message) sends `notify`, and
 * the page shows it and opens the window on its click.
 */
export type ToFrame =
  | { tag: typeof TAG; type: 'init'; config: FrameConfig; open: boolean; modal: boolean; intent: boolean; hostJwt: boolean; notify?: NotificationPermission }
  | { tag: typeof TAG; type: 'notifyPermission'; permission: NotificationPermission }
  | { tag: typeof TAG; type: 'open'; open: boolean; modal: boolean }
  | { tag: typeof TAG; type: 'intent' }
  | { tag: typeof TAG; type: 'jwt'; jwt: string }
  | { tag: typeof TAG; type: 'token'; id: number; jwt?: string; error?: string };

export type ToHost =
  | { tag: typeof TAG; type: 'ready' }
  | { tag: typeof TAG; type: 'open'; open: boolean }
  /**
   * `say`: a new agent message arrived while the window is closed: the launcher's live region announces it.
   * `preview`: the newest agent message, plain text (the host renders it with textContent only, never
   * HTML): the launcher shows it, dismissible, while the window is closed. `from` may be '' (no name known).
   */
  | { tag: typeof TAG; type: 'unread'; count: number; say?: string; preview?: UnreadPreview }
  /**
   * Whether the visitor has a conversation in progress (the frame's session, or the connection
   * check): the loader remembers it on the host's origin, so that a later page view runs the check
   * (or, for Genesys, the frame) for the unread badge, and a visitor without one costs nothing more.
   */
  | { tag: typeof TAG; type: 'conversation'; open: boolean }
  | { tag: typeof TAG; type: 'getJwt'; id: number }
  | { tag: typeof TAG; type: 'askNotify' }
  /** Plain text, shown by the page as a Notification's title and body; `key` (the message's) folds repeats of it. */
  | { tag: typeof TAG; type: 'notify'; title: string; body: string; key: string }
  /** The public API's events since the last report, in order: one message for a burst of them. */
  | { tag: typeof TAG; type: 'events'; events: HostEvent[] };

export interface UnreadPreview {
  /** The agent's name, or '' when it is not known. */
  from: string;
  text: string;
}

/** A message without its tag (the sender adds it). */
export type Untagged<T> = T extends unknown ? Omit<T, 'tag'> : never;

/** A Parley message's type, or undefined for anything else on the channel. */
export function typeOf(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { tag, type } = data as { tag?: unknown; type?: unknown };
  return tag === TAG && typeof type === 'string' ? type : undefined;
}

