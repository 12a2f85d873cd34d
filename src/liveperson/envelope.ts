// The envelope of a frame from the network (kind + correlation), read without trusting anything.
// What a notification *means* is the decoders' business (decode.ts); this only routes frames.
import { isRecord } from './http';

export type Envelope =
  | { kind: 'response'; reqId: string; code: number; body: unknown }
  | { kind: 'notification'; type: string; body: unknown; raw: unknown }
  | { kind: 'ignored'; reason: string };

export function readEnvelope(data: unknown): Envelope {
  if (typeof data !== 'string') return { kind: 'ignored', reason: 'not a text frame' };
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return { kind: 'ignored', reason: 'not JSON' };
  }
  if (!isRecord(raw)) return { kind: 'ignored', reason: 'not an object' };
  const reqId = raw.reqId;
  if (raw.kind === 'resp' || (raw.kind === undefined && reqId !== undefined)) {
    if (typeof reqId !== 'string' && typeof reqId !== 'number') return { kind: 'ignored', reason: 'response without reqId' };
    const code = typeof raw.code === 'number' ? raw.code : Number(raw.code);
    if (!Number.isFinite(code)) return { kind: 'ignored', reason: 'response without code' };
    return { kind: 'response', reqId: String(reqId), code, body: raw.body };
  }
  if (raw.kind === 'notification' && typeof raw.type === 'string') {
    return { kind: 'notification', type: raw.type, body: raw.body, raw };
  }
  return { kind: 'ignored', reason: 'unknown kind' };
}
