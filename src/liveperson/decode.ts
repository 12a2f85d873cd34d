// Frame-level decoding: untrusted text → JSON → a response, a notification with CoreEvents, or
// 'invalid'. In two steps: the envelope (decodeEnvelope: the connection correlates responses and
// hands notifications on raw) and the notification (decodeNotification: the subscriber, which knows
// the consumer id). Never throws: a frame from the network must not crash anything.
import type { CoreEvent } from '../core/model';
import { NotificationTypes } from './wire';
import { decodeConversationChanges } from './decodeConversation';
import { decodeMessagingChanges } from './decodeMessaging';
import type { MessagingContext } from './decodeMessaging';
import { asId, asList, asNumber, asObject, asString } from '../core/decodeValues';

export type DecodeContext = MessagingContext;

export interface DecodedResponse {
  kind: 'response';
  reqId: string;
  code: number;
  type?: string;
  body: unknown;
}

export interface DecodedNotification {
  kind: 'notification';
  type: string;
  events: CoreEvent[];
  /** ExConversation notifications: the subscription they belong to. */
  subscriptionId?: string;
  /** ExConversation notifications: every conversation id the frame mentions (UPSERT or DELETE). */
  conversationIds?: string[];
}

export type DecodedFrame = DecodedResponse | DecodedNotification | { kind: 'invalid'; reason: string };

/** A notification as received: the parsed frame, whose type is a string; everything else is untrusted. */
export interface RawNotification {
  readonly type: string;
  readonly body?: unknown;
  readonly [field: string]: unknown;
}

/** A frame's envelope: a response to correlate, a notification still to decode, or 'invalid'. */
export type Envelope = DecodedResponse | { kind: 'notification'; frame: RawNotification } | { kind: 'invalid'; reason: string };

/** What parseFrame returns for text that is not JSON; decodeFrame turns it into 'invalid'. */
export class UnparsableFrame {
  constructor(readonly reason: string) {}
}

/** JSON.parse that never throws: the parsed value, or an UnparsableFrame. */
export function parseFrame(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    return new UnparsableFrame(`not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function decodeEnvelope(raw: unknown): Envelope {
  try {
    return envelope(raw);
  } catch (err) {
    return undecodable(err);
  }
}

/** A notification's CoreEvents (and which subscription / dialogs it concerns); nothing when it cannot be decoded. */
export function decodeNotification(frame: RawNotification, ctx: DecodeContext): DecodedNotification {
  try {
    return notification(frame, ctx);
  } catch {
    return { kind: 'notification', type: String(frame.type), events: [] };
  }
}

/** Both steps at once (tests, fuzzers). */
export function decodeFrame(raw: unknown, ctx: DecodeContext): DecodedFrame {
  try {
    const decoded = envelope(raw);
    return decoded.kind === 'notification' ? notification(decoded.frame, ctx) : decoded;
  } catch (err) {
    return undecodable(err);
  }
}

const undecodable = (err: unknown) => ({ kind: 'invalid' as const, reason: `undecodable frame: ${err instanceof Error ? err.message : String(err)}` });

function envelope(raw: unknown): Envelope {
  if (raw instanceof UnparsableFrame) return { kind: 'invalid', reason: raw.reason };
  const frame = asObject(raw);
  if (!frame) return { kind: 'invalid', reason: 'frame is not a JSON object' };
  const kind = asString(frame.kind);
  const type = asString(frame.type);
  if (kind === 'resp' || (kind === undefined && frame.reqId !== undefined)) {
    const reqId = asId(frame.reqId);
    const code = asNumber(frame.code);
    if (reqId === undefined) return { kind: 'invalid', reason: 'response without reqId' };
    if (code === undefined) return { kind: 'invalid', reason: `response ${reqId} without a numeric code` };
    return { kind: 'response', reqId, code, ...(type !== undefined ? { type } : {}), body: frame.body };
  }
  if (kind === 'notification' || (kind === undefined && type !== undefined && frame.body !== undefined)) {
    if (type === undefined) return { kind: 'invalid', reason: 'notification without type' };
    return { kind: 'notification', frame: frame as RawNotification };
  }
  return { kind: 'invalid', reason: kind === 'req' ? 'unexpected request from the server' : 'unknown frame kind' };
}

function notification(frame: RawNotification, ctx: DecodeContext): DecodedNotification {
  const { type } = frame;
  const body = asObject(frame.body) ?? {};
  if (type === NotificationTypes.ExConversationChange || type.endsWith('ExConversationChangeNotification')) {
    const events = decodeConversationChanges(body);
    const ids = asList(body.changes).map((c) => {
      const result = asObject(asObject(c)?.result);
      return asId(result?.convId) ?? asId(result?.conversationId);
    });
    const subscriptionId = asId(body.subscriptionId);
    return {
      kind: 'notification',
      type,
      events,
      conversationIds: unique(ids),
      ...(subscriptionId !== undefined ? { subscriptionId } : {}),
    };
  }
  if (type === NotificationTypes.MessagingEvent || type.endsWith('MessagingEventNotification')) {
    return { kind: 'notification', type, events: decodeMessagingChanges(body, ctx) };
  }
  return { kind: 'notification', type, events: [] };
}

function unique(ids: Array<string | undefined>): string[] {
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}
