// The Genesys backend for the frame, a lazy chunk of its own (frame.tsx imports it only for a
// Genesys configuration): the session and the cometd client it brings.
import type { ChatSession } from '../core/session';
import { createGenesysSession } from '../genesys/session';
import type { GenesysConfig } from '../genesys/config';
import type { FrameConfig } from './protocol';

/** The session for the frame's settings (undefined ones dropped); throws ConfigError for bad ones. */
export function genesysSession(settings: FrameConfig): ChatSession {
  const defined = Object.fromEntries(Object.entries(settings).filter(([key, v]) => v !== undefined && key !== 'theme' && key !== 'jwt'));
  return createGenesysSession(defined as unknown as GenesysConfig);
}
