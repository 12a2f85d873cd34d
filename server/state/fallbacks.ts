// Text fallbacks for clients that did not announce QUICK_REPLIES / RICH_CONTENT in ClientProperties.
import type { MessagingEventChange } from '../../src/liveperson/wire';

function textsOf(node: unknown, out: string[]): string[] {
  if (Array.isArray(node)) for (const n of node) textsOf(n, out);
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    for (const key of ['text', 'title']) if (typeof o[key] === 'string') out.push(o[key]);
    if (o.elements !== undefined) textsOf(o.elements, out);
  }
  return out;
}

export const RICH_FALLBACK = '[Structured content]';

/** The change as this client can render it. */
export function adaptForFeatures(change: MessagingEventChange, features: ReadonlySet<string>): MessagingEventChange {
  const e = change.event;
  if (e.type === 'ContentEvent' && e.quickReplies && !features.has('QUICK_REPLIES')) {
    const { quickReplies, ...rest } = e;
    const titles = quickReplies.replies.map((r) => r.title).join(' / ');
    const message = typeof rest.message === 'string' ? `${rest.message} (${titles})` : rest.message;
    return { ...change, event: { ...rest, message } };
  }
  if (e.type === 'RichContentEvent' && !features.has('RICH_CONTENT')) {
    const texts = textsOf(e.content, []);
    return { ...change, event: { type: 'ContentEvent', contentType: 'text/plain', message: texts.length ? texts.join('\n') : RICH_FALLBACK } };
  }
  return change;
}
