// Reading consumer authentication and ClientProperties from the upgrade request or InitConnection.
import type { IncomingMessage } from 'node:http';
import { Close, Errors, Refusal } from '../errors';
import type { TokenCheck } from '../tokens';
import { isObj, list, type Obj } from './fields';

const CLIENT_PROPERTIES = new Set(['.ams.headers.ClientProperties', '.ClientProperties']);
const CONSUMER_AUTH = new Set(['.ams.headers.ConsumerAuthentication', '.ConsumerAuthentication']);

export interface ConnectionHeaders {
  jwt?: string;
  features?: string[];
}

function features(cp: Obj): string[] {
  if (cp.features === undefined || cp.features === null) return [];
  return list(cp.features, 'ClientProperties.features', (x, name) => {
    if (typeof x !== 'string') throw new Refusal(400, Errors.badField(name, 'a string'));
    return x;
  });
}

/** `Authorization: jwt <token>` (the scheme word is literally "jwt"; "Bearer" is tolerated). */
export function fromUpgrade(req: IncomingMessage): ConnectionHeaders {
  const out: ConnectionHeaders = {};
  const m = /^\s*(?:jwt|bearer)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  if (m?.[1]) out.jwt = m[1];
  const cp = req.headers['client-properties'];
  if (typeof cp === 'string') {
    try {
      const parsed: unknown = JSON.parse(cp);
      if (isObj(parsed)) out.features = features(parsed);
    } catch {
      // an unreadable Client-Properties header is ignored, like any unknown header
    }
  }
  return out;
}

/** The InitConnection `headers` (an array, or one header unwrapped). */
export function fromInitConnection(headers: unknown): ConnectionHeaders {
  const out: ConnectionHeaders = {};
  if (headers === undefined || headers === null) return out;
  for (const h of list(headers, 'headers', (x, name) => {
    if (!isObj(x)) throw new Refusal(400, Errors.badField(name, 'an object'));
    return x;
  })) {
    const type = typeof h.type === 'string' ? h.type : '';
    if (CLIENT_PROPERTIES.has(type)) out.features = features(h);
    else if (CONSUMER_AUTH.has(type)) {
      if (typeof h.jwt !== 'string' || h.jwt.length === 0) throw new Refusal(400, Errors.badField('ConsumerAuthentication.jwt', 'a string'));
      out.jwt = h.jwt;
    }
  }
  return out;
}

/** 4407 when an anonymous identity expired, 4401 for everything else. */
export function closeCodeFor(check: TokenCheck): number {
  return !check.ok && check.expired && check.anonymous ? Close.anonymousExpired : Close.tokenExpired;
}
