// Isolation inside the stand-in: a listener that throws never stops the others nor turns a stored
// event into an error, and the text fallbacks never throw on a malformed event.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContentEvent, MessagingEventChange } from '../../src/liveperson/wire';
import { Account } from '../state/accounts';
import { publish } from '../state/events';
import { adaptForFeatures, RICH_FALLBACK } from '../state/fallbacks';
import { createConversation } from '../state/lifecycle';
import { mainDialog } from '../state/model';

afterEach(() => vi.restoreAllMocks());

const change = (event: unknown): MessagingEventChange =>
  ({ sequence: 0, originatorId: 'a', serverTimestamp: 1, event, conversationId: 'c', dialogId: 'c', messageAudience: 'ALL' }) as MessagingEventChange;

describe('account listeners', () => {
  it('a throwing listener is logged; later listeners still run and publish still returns the stored event', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const account = new Account('iso');
    const seen: string[] = [];
    account.listen({ event: () => { throw new Error('boom'); }, conversation: () => { throw new Error('boom'); } });
    account.listen({ event: (_c, _d, ch) => void seen.push(`event ${ch.sequence}`), conversation: (c) => void seen.push(`conv ${c.stage}`) });
    const conv = createConversation(account, 'consumer', {}, 1000);
    const stored = publish(account, conv, mainDialog(conv), { originatorId: 'consumer', role: 'CONSUMER', event: { type: 'ContentEvent', contentType: 'text/plain', message: 'hi' } }, 1001);
    expect(stored?.sequence).toBe(0);
    expect(mainDialog(conv).events).toHaveLength(1);
    expect(seen).toEqual(['conv OPEN', 'event 0']);
    expect(errors).toHaveBeenCalledTimes(2);
  });
});

describe('text fallbacks', () => {
  it('never throw on malformed quick replies or rich content', () => {
    const none = new Set<string>();
    const bad = [{}, { replies: {} }, { replies: [null, 7, { title: 3 }, { title: 'Ok' }] }];
    for (const quickReplies of bad) {
      const e = { type: 'ContentEvent', contentType: 'text/plain', message: 'Pick', quickReplies } as unknown as ContentEvent;
      const out = adaptForFeatures(change(e), none).event as ContentEvent;
      expect(out.quickReplies).toBeUndefined();
      expect(typeof out.message).toBe('string');
    }
    const odd = adaptForFeatures(change({ type: 'ContentEvent', contentType: 'text/plain', message: 'Pick', quickReplies: { replies: [{ title: 'Ok' }, {}] } }), none);
    expect(odd.event).toEqual({ type: 'ContentEvent', contentType: 'text/plain', message: 'Pick (Ok)' });
    expect(adaptForFeatures(change({ type: 'RichContentEvent', content: null }), none).event).toEqual({ type: 'ContentEvent', contentType: 'text/plain', message: RICH_FALLBACK });
  });
});
