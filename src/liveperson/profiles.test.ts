import { describe, expect, it } from 'vitest';
import { PICTURE_URL_MAX, pictureOf } from './profiles';

describe('agent pictures from the profile', () => {
  it('keeps https and data:image/* pictures only', () => {
    expect(pictureOf('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(pictureOf('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(pictureOf('data:image/svg+xml;base64,PHN2Zy8+')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    for (const bad of ['http://cdn.example/a.png', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'data:image/x-icon;base64,AA', '//cdn.example/a.png', 'https://a .example/x', '', 42, null, undefined]) {
      expect(pictureOf(bad), String(bad)).toBeUndefined();
    }
    expect(pictureOf(`data:image/png;base64,${'A'.repeat(PICTURE_URL_MAX)}`)).toBeUndefined();
  });
});

describe('agent lookups while messages stream in', () => {
  it('reads the earlier conversations only when the conversation list changed, not on every message', async () => {
    const { createChatStore } = await import('../core/store');
    const { manualClock } = await import('../core/test-support/manualClock');
    const { participant, snapshot, text, withAgent } = await import('../core/test-support/builders');
    const { createProfileLookup } = await import('./profiles');
    const store = createChatStore(manualClock().clock, () => undefined);
    const asked: string[] = [];
    const lookups = createProfileLookup({
      store,
      fetch: async (url) => (asked.push(String(url)), new Response('{}', { status: 404 })),
      profileBase: () => 'https://cdn.example/api/account/1',
      stopped: new AbortController().signal,
    });
    const views = { computed: 0 };
    const getSnapshot = store.getSnapshot.bind(store);
    store.getSnapshot = () => (views.computed++, getSnapshot());
    store.watch(() => lookups.lookUpNewAgents());
    store.dispatch([snapshot('old', 2_000, { stage: 'closed', mainOpen: false, endedAt: 3_000, participants: withAgent(participant('agent-old', 'agent')) })]);
    store.dispatch([snapshot('c1', 5_000, { participants: withAgent(participant('agent-1', 'agent')) })]);
    for (let s = 0; s < 50; s++) store.dispatch([text('c1', s, 'agent-1', `m${s}`)]);
    // Once per change of the conversation list (2), never for the 50 messages.
    expect(views.computed).toBe(2);
    expect(asked.map((u) => u.split('/').pop()).sort()).toEqual(['agent-1', 'agent-old']);
  });
});
