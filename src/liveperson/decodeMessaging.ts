// ms.MessagingEventNotification → 'message' / 'receipt' / 'typing' events.
import type { CoreEvent, MessageBody, Originator, QuickReplyOption } from '../core/model';
import type { RichContentReader } from '../core/rich';
import { asEnum, asId, asList, asObject, asObjectOrJson, asSequence, asString, asTimestamp, each, withinDepth } from '../core/decodeValues';
import type { Obj } from '../core/decodeValues';

export interface MessagingContext {
  consumerId?: string;
  receivedAt: number;
}

/** How far ahead of the local clock a server timestamp may be (clocks differ; years do not). */
export const FUTURE_LIMIT_MS = 365 * 24 * 60 * 60 * 1000;

export function decodeMessagingChanges(body: Obj, ctx: MessagingContext): CoreEvent[] {
  return each<CoreEvent>(asList(body.changes), (c) => decodeChange(asObject(c), ctx));
}

function decodeChange(change: Obj | undefined, ctx: MessagingContext): CoreEvent | undefined {
  if (!change || asEnum(change.messageAudience) === 'AGENTS_AND_MANAGERS') return undefined;
  const event = asObject(change.event);
  const dialogId = asId(change.dialogId);
  const meta = asObject(change.originatorMetadata);
  const originatorId = asId(meta?.id) ?? asId(change.originatorPId) ?? asId(change.originatorId);
  if (!event || dialogId === undefined || originatorId === undefined) return undefined;
  const conversationId = asId(change.conversationId) ?? dialogId;
  const originator = originatorOf(originatorId, meta?.role, ctx.consumerId);
  const base = { conversationId, dialogId, originatorId, originator };
  const type = asString(event.type);
  if (type === 'ChatStateEvent') {
    const state = asEnum(event.chatState);
    if (state === undefined) return undefined;
    return { type: 'typing', ...base, composing: state === 'COMPOSING', receivedAt: ctx.receivedAt };
  }
  const sequence = asSequence(change.sequence);
  if (sequence === undefined) return undefined;
  // A server time more than a year ahead of the local clock is nonsense: the local time stands in.
  const at = asTimestamp(change.serverTimestamp, ctx.receivedAt + FUTURE_LIMIT_MS) ?? ctx.receivedAt;
  if (type === 'AcceptStatusEvent') {
    const status = asEnum(event.status);
    if (status !== 'ACCEPT' && status !== 'READ' && status !== 'ACTION') return undefined;
    const sequences = asList(event.sequenceList)
      .map(asSequence)
      .filter((s): s is number => s !== undefined);
    return { type: 'receipt', ...base, sequence, at, status: status === 'ACCEPT' ? 'accept' : status === 'READ' ? 'read' : 'action', sequences };
  }
  const body = type === 'ContentEvent' ? contentBody(event) : type === 'RichContentEvent' ? richBody(event) : undefined;
  if (!body) return undefined;
  const clientId = externalId(change.metadata);
  return {
    type: 'message',
    ...base,
    sequence,
    at,
    body,
    receivedAt: ctx.receivedAt,
    ...(clientId !== undefined ? { clientId } : {}),
  };
}

function originatorOf(id: string, roleRaw: unknown, consumerId: string | undefined): Originator {
  const role = asEnum(roleRaw);
  if (role === 'CONSUMER' || (consumerId !== undefined && id === consumerId)) return 'consumer';
  if (role === 'CONTROLLER') return 'system';
  return 'agent';
}

function externalId(metadata: unknown): string | undefined {
  for (const m of asList(metadata)) {
    const o = asObject(m);
    if (o && asString(o.type) === 'ExternalId') {
      const id = asId(o.id);
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

function contentBody(event: Obj): MessageBody {
  const contentType = (asString(event.contentType) ?? 'text/plain').toLowerCase();
  if (contentType === 'text/plain' && typeof event.message === 'string') {
    const quickReplies = decodeQuickReplies(event.quickReplies);
    return { kind: 'text', text: event.message, ...(quickReplies ? { quickReplies } : {}) };
  }
  if (contentType === 'hosted/file' || contentType === 'hostedfile') {
    const file = asObjectOrJson(event.message);
    const path = asString(file?.relativePath);
    if (file && path !== undefined) {
      return { kind: 'file', caption: asString(file.caption) ?? '', fileType: asString(file.fileType) ?? '', path };
    }
  }
  return { kind: 'unsupported', description: contentType };
}

/**
 * The session's richContent(): the reader of a rich body's structured content into the UI's neutral
 * tree (richContent.ts), a lazy chunk fetched when rich content first appears. The body keeps
 * LivePerson's JSON as it came, so that the first load carries none of the schema.
 */
export const loadRichContentReader = (): Promise<RichContentReader> => import('./richContent').then((m) => m.readRichContent);

function richBody(event: Obj): MessageBody {
  const content = asObjectOrJson(event.content) ?? asObjectOrJson(event.message);
  // Content nested absurdly deep is not kept: later code compares and copies it recursively.
  if (!content || !withinDepth(content)) return { kind: 'unsupported', description: 'structured content' };
  const quickReplies = decodeQuickReplies(event.quickReplies);
  return { kind: 'rich', fallbackText: fallbackText(content), content, ...(quickReplies ? { quickReplies } : {}) };
}

function decodeQuickReplies(raw: unknown): QuickReplyOption[] | undefined {
  const replies = asList(asObject(raw)?.replies);
  const options = each<QuickReplyOption>(replies, (r) => {
    const reply = asObject(r);
    const title = asString(reply?.title);
    if (title === undefined) return undefined;
    const click = asObject(reply?.click);
    const publish = asList(click?.actions)
      .map(asObject)
      .find((a) => asString(a?.type) === 'publishText');
    const option: QuickReplyOption = { title, text: asString(publish?.text) ?? title };
    if (click?.metadata !== undefined && withinDepth(click.metadata)) option.metadata = click.metadata;
    return option;
  });
  return options.length > 0 ? options : undefined;
}

/** The longest piece of fallback text taken from one element (LivePerson's text limit). */
const FALLBACK_PART_MAX = 5_000;

/** Plain text for structured content: its text elements and titles, in order (bounded). */
function fallbackText(content: Obj): string {
  const parts: string[] = [];
  const walk = (node: unknown, depth: number) => {
    const o = asObject(node);
    if (!o || depth > 8 || parts.length >= 20) return;
    const text = asString(o.type) === 'text' ? asString(o.text) : asString(o.title);
    if (text) parts.push(text.length > FALLBACK_PART_MAX ? `${text.slice(0, FALLBACK_PART_MAX)}…` : text);
    for (const child of asList(o.elements)) walk(child, depth + 1);
  };
  walk(content, 0);
  return parts.length > 0 ? parts.join('\n') : 'Structured content';
}
