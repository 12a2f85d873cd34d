// Configuration of the Genesys backend (GMS Chat API v2 over CometD), as the embedding page gives it.
import { ConfigError } from '../core/configError';

export interface GenesysConfig {
  backend: 'genesys';
  /** GMS's base URL (http or https); Bayeux lives at `{gms}/genesys/cometd`. */
  gms: string;
  /** The chat service name: the channel is `/service/chatV2/{service}`. */
  service: string;
  nickname?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  subject?: string;
  /** Attached to the interaction (string values only). */
  userData?: Record<string, string>;
  /** 'auto' (WebSocket, falling back to long-polling) or 'long-polling' only; default 'auto'. */
  transport?: 'auto' | 'long-polling';
  /** The visitor's language (BCP 47), as for LivePerson; only the UI uses it. */
  lang?: string;
}

export interface NormalizedGenesysConfig extends GenesysConfig {
  /** The Bayeux URL. */
  url: string;
  channel: string;
  transport: 'auto' | 'long-polling';
}

const SERVICE_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;
/** [INF] GMS requires a nickname (or a first and last name); the widget's default. */
export const DEFAULT_NICKNAME = 'Visitor';
const MAX_FIELD = 256;

function optionalText(config: GenesysConfig, key: 'nickname' | 'firstName' | 'lastName' | 'email' | 'subject' | 'lang'): void {
  const v = config[key];
  if (v === undefined) return;
  if (typeof v !== 'string' || v.trim() === '' || v.length > MAX_FIELD) {
    throw new ConfigError(`Parley: "${key}" must be a non-empty string of at most ${MAX_FIELD} characters.`);
  }
}

/** Checks a Genesys configuration and returns it with its derived URL and channel; throws ConfigError. */
export function normalizeGenesysConfig(config: GenesysConfig): NormalizedGenesysConfig {
  if (typeof config !== 'object' || config === null) throw new ConfigError('Parley: the configuration is missing.');
  if (config.backend !== 'genesys') throw new ConfigError('Parley: "backend" must be "genesys" for a Genesys configuration.');
  let parsed: URL;
  try {
    parsed = new URL(String(config.gms));
  } catch {
    throw new ConfigError(`Parley: "gms" must be an absolute http(s) URL, got "${String(config.gms)}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`Parley: "gms" must use http or https, got "${parsed.protocol}".`);
  }
  if (typeof config.service !== 'string' || !SERVICE_PATTERN.test(config.service)) {
    throw new ConfigError('Parley: "service" must be a Genesys chat service name (letters, digits, ".", "_" or "-").');
  }
  for (const key of ['nickname', 'firstName', 'lastName', 'email', 'subject', 'lang'] as const) optionalText(config, key);
  if (config.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(config.email)) throw new ConfigError('Parley: "email" must be an e-mail address.');
  if (config.userData !== undefined) {
    if (typeof config.userData !== 'object' || config.userData === null || Array.isArray(config.userData)) {
      throw new ConfigError('Parley: "userData" must be an object of string values.');
    }
    for (const [k, v] of Object.entries(config.userData)) {
      if (typeof v !== 'string') throw new ConfigError(`Parley: "userData.${k.slice(0, 32)}" must be a string.`);
    }
  }
  const transport = config.transport ?? 'auto';
  if (transport !== 'auto' && transport !== 'long-polling') throw new ConfigError('Parley: "transport" must be "auto" or "long-polling".');
  const gms = parsed.href.replace(/\/+$/, '');
  return { ...config, gms, transport, url: `${gms}/genesys/cometd`, channel: `/service/chatV2/${config.service}` };
}
