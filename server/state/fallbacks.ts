// Text fallbacks for clients that did not announce QUICK_REPLIES / RICH_CONTENT in ClientProperties.
import type { MessagingEventChange } from '../../src/liveperson/wire';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function textsOf(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) for (const n of node) textsOf(n, out);
  else if (isObj(node)) {
    for (const key of ['text', 'title']) if (typeof node[key] === 'string') out.push(node[key]);
    if (node.elements !== undefined) textsOf(node.elements, out);
  }
  return out;
}

export const RICH_FALLBACK = '[Structured content]';

/** The change as this client can render it. */
export function adaptForFeatures(change: MessagingEventChange, features: ReadonlySet<string>): MessagingEventChange {
  const e = change.event;
  if (e.type === 'ContentEvent' && e.quickReplies && !features.has('QUICK_REPLIES')) {
    const { quickReplies, ...rest } = e;
    // Stored events are validated, but a fallback must never throw: it runs for every subscriber.
    const replies: unknown = (quickReplies as { replies?: unknown }).replies;
    const titles = (Array.isArray(replies) ? replies : []).flatMap((r: unknown) => (isObj(r) && typeof r.title === 'string' ? [r.title] : []));
    const message = typeof rest.message === 'string' && titles.length ? `${rest.message} (${titles.join(' / ')})` : rest.message;
    return { ...change, event: { ...rest, message } };
  }
  if (e.type === 'RichContentEvent' && !features.has('RICH_CONTENT')) {
    const texts = textsOf(e.content, []);
    return { ...change, event: { type: 'ContentEvent', contentType: 'text/plain', message: texts.length ? texts.join('\n') : RICH_FALLBACK } };
  }
  return change;
}
