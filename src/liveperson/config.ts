// Configuration of the LivePerson backend, as the embedding page gives it.

export interface ParleyDomains {
  /** The UMS (messaging WebSocket) host, e.g. `va.msg.liveperson.net`. */
  asyncMessagingEnt: string;
  /** The consumer identity host (signup, authenticate, anonymous/authorize). */
  idp: string;
  /** The host serving public agent profiles (names for the join banner). */
  acCdnDomain?: string;
  /** The file storage host (shared files, CSDS service `swift`). */
  swift?: string;
}

export interface ParleyConfig {
  /** The brand's LivePerson account id. */
  account: string;
  /** The domain API base URL (default https://api.liveperson.net); its scheme (http/https) also chooses ws/wss. */
  csds?: string;
  /** Fixed LivePerson hosts (then the domain API is not asked). */
  domains?: ParleyDomains;
  /** An authenticated consumer token (LivePerson-issued); later ones go through setJwt(). */
  jwt?: string;
  /**
   * The page's source of authenticated consumer tokens: called (in the page) whenever the widget
   * needs one: at start unless `jwt` is given, and each time LivePerson refuses the current one
   * (an expired token). A rejection, an empty answer or no answer within 10 s count as a failed
   * attempt; the widget retries a bounded number of times, then shows the error with Retry.
   */
  getJwt?: () => Promise<string>;
  /**
   * The account's unauthenticated messaging connector (app) id: anonymous visitors then use
   * LivePerson's v3 flow (anonymous/authorize, then app/{connectorId}/authenticate), which survives
   * an identity expiry (4407) with the same conversation. Without it: the legacy signup.
   */
  connectorId?: string;
  /**
   * The account lets visitors mark a waiting conversation urgent (in LivePerson's own window an
   * engagement-window setting, not something the messaging API tells): shows "Mark as urgent".
   */
  markUrgent?: boolean;
  /** The visitor's language (BCP 47): English, or Hebrew (right to left); default the browser's. Sent in the conversation context. */
  lang?: string;
  /**
   * Whether the visitor may send files: the brand's LivePerson site setting
   * `messaging.file.sharing.enabled` (protocol reference §7); default true (an Attach button).
   */
  fileSharing?: boolean;
  /**
   * The file types the visitor may send (the site's allowed types): LivePerson's documented JPG, PNG
   * and GIF (the default), and PDF, DOCX, XLSX, PPTX for accounts with the wider file sharing
   * (announced as FILE_SHARING) [INF]. At most 3 MB each.
   */
  fileTypes?: string[];
}

export const DEFAULT_CSDS = 'https://api.liveperson.net';

export { ConfigError } from '../core/configError';
import { ConfigError } from '../core/configError';
import { isFileType } from '../core/files';

const ACCOUNT_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const CONNECTOR_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const HOST_PATTERN = /^[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** Checks a configuration and returns it with defaults applied; throws ConfigError with a clear message. */
export function normalizeConfig(config: ParleyConfig): ParleyConfig & { csds: string } {
  if (typeof config !== 'object' || config === null) throw new ConfigError('Parley: the configuration is missing.');
  if (typeof config.account !== 'string' || !ACCOUNT_PATTERN.test(config.account)) {
    throw new ConfigError('Parley: "account" must be a LivePerson account id (letters, digits, ".", "_" or "-").');
  }
  const csds = config.csds ?? DEFAULT_CSDS;
  let parsed: URL;
  try {
    parsed = new URL(csds);
  } catch {
    throw new ConfigError(`Parley: "csds" must be an absolute http(s) URL, got "${csds}".`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`Parley: "csds" must use http or https, got "${parsed.protocol}".`);
  }
  if (config.domains) {
    for (const key of ['asyncMessagingEnt', 'idp'] as const) {
      if (!HOST_PATTERN.test(config.domains[key] ?? '')) {
        throw new ConfigError(`Parley: "domains.${key}" must be a host name (optionally with :port).`);
      }
    }
    const cdn = config.domains.acCdnDomain;
    if (cdn !== undefined && !HOST_PATTERN.test(cdn)) {
      throw new ConfigError('Parley: "domains.acCdnDomain" must be a host name (optionally with :port).');
    }
  }
  if (config.jwt !== undefined && (typeof config.jwt !== 'string' || config.jwt === '')) {
    throw new ConfigError('Parley: "jwt" must be a non-empty string.');
  }
  if (config.connectorId !== undefined && (typeof config.connectorId !== 'string' || !CONNECTOR_PATTERN.test(config.connectorId))) {
    throw new ConfigError('Parley: "connectorId" must be a LivePerson connector id (letters, digits, ".", "_" or "-").');
  }
  if (config.markUrgent !== undefined && typeof config.markUrgent !== 'boolean') {
    throw new ConfigError('Parley: "markUrgent" must be true or false.');
  }
  if (config.getJwt !== undefined && typeof config.getJwt !== 'function') {
    throw new ConfigError('Parley: "getJwt" must be a function returning a promise of a token.');
  }
  if (config.fileSharing !== undefined && typeof config.fileSharing !== 'boolean') {
    throw new ConfigError('Parley: "fileSharing" must be true or false.');
  }
  const types = config.fileTypes;
  if (types !== undefined && (!Array.isArray(types) || types.length === 0 || !types.every((t) => isFileType(t)))) {
    throw new ConfigError('Parley: "fileTypes" must be a non-empty list of JPG, PNG, GIF, PDF, DOCX, XLSX, PPTX.');
  }
  return { ...config, csds: csds.replace(/\/+$/, '') };
}

/** Whether the configuration talks TLS (https/wss): the csds URL's scheme decides. */
export function isSecure(config: { csds?: string }): boolean {
  return !(config.csds ?? DEFAULT_CSDS).startsWith('http:');
}
