// Service discovery: which hosts serve messaging, identity and agent profiles for an account.
import { isSecure, type ParleyConfig, type ParleyDomains } from './config';
import { fetchJson, isRecord, type FetchLike } from './http';

/** Asks the domain API (`{csds}/api/account/{account}/service/baseURI.json`) unless the config fixes the hosts. */
export async function resolveDomains(config: ParleyConfig & { csds: string }, fetchFn: FetchLike): Promise<ParleyDomains> {
  if (config.domains) return config.domains;
  const account = encodeURIComponent(config.account);
  const url = `${config.csds}/api/account/${account}/service/baseURI.json?version=1.0`;
  const answer = await fetchJson(fetchFn, url, { what: 'The domain lookup' });
  const list = isRecord(answer) && Array.isArray(answer.baseURIs) ? answer.baseURIs : [];
  const found: Record<string, string> = {};
  for (const entry of list) {
    if (isRecord(entry) && typeof entry.service === 'string' && typeof entry.baseURI === 'string') {
      found[entry.service] = entry.baseURI;
    }
  }
  const asyncMessagingEnt = found.asyncMessagingEnt;
  const idp = found.idp;
  if (!asyncMessagingEnt || !idp) {
    throw new Error(`The domain lookup for account ${config.account} did not list the messaging and identity services`);
  }
  return { asyncMessagingEnt, idp, ...(found.acCdnDomain ? { acCdnDomain: found.acCdnDomain } : {}), ...(found.swift ? { swift: found.swift } : {}) };
}

export interface Endpoints {
  /** The consumer messaging WebSocket URL (no token in it, ever). */
  socketUrl: string;
  /** `{scheme}://{idp}/api/account/{account}` */
  idpBase: string;
  /** `{scheme}://{acCdnDomain}/api/account/{account}` when known. */
  profileBase?: string;
  /** `{scheme}://{swift}` (shared files) when known. */
  swiftBase?: string;
}

export function endpointsFor(config: ParleyConfig, domains: ParleyDomains): Endpoints {
  const secure = isSecure(config);
  const http = secure ? 'https' : 'http';
  const ws = secure ? 'wss' : 'ws';
  const account = encodeURIComponent(config.account);
  return {
    socketUrl: `${ws}://${domains.asyncMessagingEnt}/ws_api/account/${account}/messaging/consumer?v=3`,
    idpBase: `${http}://${domains.idp}/api/account/${account}`,
    ...(domains.acCdnDomain ? { profileBase: `${http}://${domains.acCdnDomain}/api/account/${account}` } : {}),
    ...(domains.swift ? { swiftBase: `${http}://${domains.swift}` } : {}),
  };
}
