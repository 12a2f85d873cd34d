// Incoming frame parsing (tolerant, never throws) and response builders.
import type { Response } from '../../src/liveperson/wire';
import { clip, Errors, UNKNOWN_REQ_ID } from '../errors';
import { MAX_DEPTH, nestedDeeperThan } from '../nesting';
import { isObj } from './fields';

export interface ParsedRequest {
  id: string;
  type: string;
  body: unknown;
  headers: unknown;
  metadata: unknown;
}

export type Parsed = { ok: true; req: ParsedRequest } | { ok: false; reqId: string; text: string };

export const STRING_RESP = '.ReqBody$StringResp';


/** A request is any object with `type` and `id` (number or string); `kind`, when present, must be "req". */
export function parseFrame(text: string): Parsed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reqId: UNKNOWN_REQ_ID, text: Errors.malformedJson };
  }
  if (!isObj(data)) return { ok: false, reqId: UNKNOWN_REQ_ID, text: Errors.notAnObject };
  const rawId = data.id;
  const id =
    typeof rawId === 'string' && rawId.length > 0 && rawId.length <= 64
      ? rawId
      : typeof rawId === 'number' && Number.isFinite(rawId)
        ? String(rawId)
        : undefined;
  if (id === undefined) return { ok: false, reqId: UNKNOWN_REQ_ID, text: Errors.missingId };
  if (data.kind !== undefined && data.kind !== 'req') return { ok: false, reqId: id, text: Errors.unsupportedKind(String(data.kind)) };
  if (typeof data.type !== 'string' || data.type.length === 0) return { ok: false, reqId: id, text: Errors.missingType };
  if (nestedDeeperThan(data, MAX_DEPTH)) return { ok: false, reqId: id, text: Errors.tooDeep(MAX_DEPTH) };
  return { ok: true, req: { id, type: data.type, body: data.body, headers: data.headers, metadata: data.metadata } };
}

export function response(reqId: string, type: string, body: unknown, code = 200): Response {
  return { kind: 'resp', reqId, code, type, body };
}

export function stringResponse(reqId: string, code: number, text: string): Response {
  return response(reqId, STRING_RESP, clip(text), code);
}
