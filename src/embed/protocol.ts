// The messages between the loader (host page) and the app in the iframe, over postMessage. Both
// sides post only to the other's exact origin and check event.origin and event.source.
import type { EmbedConfig, ParleyEventName, ParleyEvents } from './types';

export const TAG = 'parley/1';

/** What the frame gets: every setting but the page's functions (getJwt) and the loader's own. */
export type FrameConfig = Omit<EmbedConfig, 'getJwt' | 'appUrl'>;

/**
 * `init.hostJwt`: the page has a getJwt (EmbedConfig.getJwt): the frame asks it for tokens with
 * `getJwt` and the page answers with `token` (the same id; `jwt`, or `error` when it failed).
 * `init.intent` / `intent`: the visitor hovered, focused or touched the launcher (or opened the
 * window): the frame fetches the window's code now, so that opening is instant.
 */
export type ToFrame =
  | { tag: typeof TAG; type: 'init'; config: FrameConfig; open: boolean; modal: boolean; intent: boolean; hostJwt: boolean }
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
  | { [K in ParleyEventName]: { tag: typeof TAG; type: 'event'; name: K; detail: ParleyEvents[K] } }[ParleyEventName];

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

