// The public, typed API of an embedded Parley widget (window.Parley, createParley, <ParleyChat>).
import type { ClosedBy, ConnectionStatus, Originator, ReceiptStatus } from '../core/model';
import type { ParleyConfig } from '../liveperson/config';
import type { GenesysConfig } from '../genesys/config';

/** Genesys' settings (with `backend: 'genesys'`; src/genesys/config.ts), all optional here. */
export type GenesysSettings = Partial<Omit<GenesysConfig, 'lang'>>;

/**
 * The backend settings and how the widget shows. Without `backend`, LivePerson (ParleyConfig:
 * account, csds, domains, jwt, getJwt, lang); with `backend: 'genesys'`, GMS (gms, service, …).
 */
export interface EmbedConfig extends Omit<ParleyConfig, 'account'>, GenesysSettings {
  /** The LivePerson account id (required for LivePerson). */
  account?: string;
  /** Open the chat window at once. */
  open?: boolean;
  /**
   * When the app (React, the connection) loads: 'intent' (default) only when the visitor hovers,
   * focuses, touches or clicks the launcher (or open() is called; a returning visitor whose
   * conversation is open gets the small connection check for the badge meanwhile), or 'idle' once
   * the page is idle, on every page view (the app's download, a signup and a socket for everyone).
   */
  load?: 'idle' | 'intent';
  /** Where Parley's frame.html is served; the script tag loader defaults to its own folder. */
  appUrl?: string;
  /**
   * Theme values by custom property name without the `--parley-` prefix, e.g. `{ brand: '#0a7' }`
   * sets `--parley-brand` on the launcher and inside the window.
   */
  theme?: Record<string, string>;
  /**
   * A short sound for new agent messages while the tab is hidden or the window closed (the visitor
   * can switch it in the window's menu; their choice is remembered). Default off.
   */
  sound?: boolean;
  /**
   * Offer desktop notifications for new agent messages while the tab is hidden or the window
   * closed: the window's menu asks the browser's permission when the visitor clicks it (never on
   * load). Default off.
   */
  notifications?: boolean;
}

export interface ParleyMessage {
  /** Stable id of the message in this conversation view. */
  id: string;
  originator: Originator;
  /** The text, or a file's caption, or a rich message's fallback text. */
  text: string;
  kind: 'text' | 'file' | 'rich' | 'unsupported';
  sequence?: number;
  /** Server time (ms since the epoch). */
  at: number;
}

export interface ParleyEvents {
  /** A message shows in the conversation for the first time (history rebuilt at load included). */
  message: ParleyMessage;
  /** An agent joined the conversation (`name` when already known; profiles load later). */
  agentJoined: { participantId: string; name?: string };
  /** The status of one of the visitor's messages changed. */
  receipt: { id: string; sequence?: number; status: ReceiptStatus | 'failed' };
  /** The connection to LivePerson changed. */
  connection: { status: ConnectionStatus; error?: string };
  /** The conversation ended. */
  conversationEnded: { by: ClosedBy };
}

export type ParleyEventName = keyof ParleyEvents;
export type ParleyListener<K extends ParleyEventName> = (detail: ParleyEvents[K]) => void;

export interface ParleyApi {
  /** Opens the chat window (loads the app first when needed). */
  open(): void;
  /** Closes the chat window. */
  close(): void;
  on<K extends ParleyEventName>(event: K, listener: ParleyListener<K>): void;
  off<K extends ParleyEventName>(event: K, listener: ParleyListener<K>): void;
  /** A fresh consumer token (the visitor logged in, or the old token expires). */
  setJwt(jwt: string): void;
  /** Removes the widget from the page and ends its connection. */
  destroy(): void;
}

/** The event names (a record, not an array: the loader runs in the host realm, whose Array.prototype may be patched). */
export const EVENT_NAMES: Readonly<Record<ParleyEventName, true>> = { message: true, agentJoined: true, receipt: true, connection: true, conversationEnded: true };
