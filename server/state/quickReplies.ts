// Quick replies from button titles: each click publishes its title (the control API's and the welcome message's).
import type { ContentEvent, QuickReply } from '../../src/liveperson/wire';

export function quickReplies(titles: readonly string[]): ContentEvent['quickReplies'] {
  const replies: QuickReply[] = titles.map((title) => ({ type: 'button', title, click: { actions: [{ type: 'publishText', text: title }] } }));
  return { type: 'quickReplies', itemsPerRow: Math.min(8, Math.max(1, replies.length)), replies };
}
