// @vitest-environment jsdom
// LivePerson frames rendered through the real Timeline and MessageBubble (the embed is where the
// backend and the UI meet): well-formed text messages whose other fields are hostile (timestamps out
// of range, in nanoseconds, far in the future, strings, negative…) among generated hostile frames.
// The error fallback must never replace a well-formed text message, and every such message shows
// its text.
import { cleanup } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { initialState, reduce } from '../core/reducer';
import { selectView } from '../core/view';
import { decodeFrame, parseFrame } from '../liveperson/decode';
import { hostileFrameText, openConversationFrame, textMessageFrame } from '../liveperson/testing/fuzzFrames';
import { readRichContent } from '../liveperson/richContent';
import { renderWidget } from '../ui/testing/renderWidget';

const ME = 'consumer-me';
const NOW = Date.now();
const DIALOG = 'conv-1';

const timestamp = fc.oneof(
  fc.constantFrom(1e308, -1e308, 8.64e15, 8.64e15 + 1, -8.64e15 - 1, 1.7e18, 1.7e15, NOW + 2 * 365 * 86_400_000, NOW + 86_400_000, 0, -1, 0.5, Number.MAX_SAFE_INTEGER, '1e400', '9e15', '', 'soon'),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 8 }),
);
const text = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);

interface Wellformed {
  text: string;
  mine: boolean;
  serverTimestamp: unknown;
}

/** The open conversation the messages belong to (the view shows the current conversation only). */
const conversationFrame = openConversationFrame(DIALOG, ME, NOW - 60_000);

/** Hostile frames that say nothing about conversations (those would rightly change which one is shown). */
const hostileFrame = hostileFrameText.filter((frame) => {
  const decoded = decodeFrame(parseFrame(frame), { receivedAt: NOW });
  return decoded.kind !== 'notification' || decoded.events.every((e) => e.type !== 'conversation' && e.type !== 'conversationRemoved');
});

function changeFrame(sequence: number, m: Wellformed): string {
  const originatorId = m.mine ? ME : 'agent-1';
  const role = m.mine ? 'CONSUMER' : 'ASSIGNED_AGENT';
  return textMessageFrame(DIALOG, { sequence, originatorId, role, serverTimestamp: m.serverTimestamp, message: `${sequence}:${m.text}` });
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Timeline under fuzzed LivePerson frames', () => {
  it('never shows the error fallback for a well-formed text message, whatever its timestamp', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const messages = fc.array(fc.record({ text, mine: fc.boolean(), serverTimestamp: timestamp }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(messages, fc.array(hostileFrame, { maxLength: 4 }), (wellformed, hostile) => {
        const frames = [conversationFrame, ...wellformed.map((m, i) => changeFrame(i, m)), ...hostile];
        let state = initialState;
        for (const frame of frames) {
          const decoded = decodeFrame(parseFrame(frame), { consumerId: ME, receivedAt: NOW });
          if (decoded.kind === 'notification') state = reduce(state, decoded.events);
        }
        const chat = selectView(state, { consumerId: ME, now: NOW });
        const { container, unmount } = renderWidget({ richContent: readRichContent, open: true, chat });
        try {
          const failed = [...container.querySelectorAll('[data-render-failed]')].map((el) => el.getAttribute('data-sequence'));
          const shown = [...container.querySelectorAll('.parley-bubble')].map((el) => el.textContent ?? '');
          for (const [i, m] of wellformed.entries()) {
            expect(failed, `message ${i} (serverTimestamp ${String(m.serverTimestamp)})`).not.toContain(String(i));
            expect(shown.some((s) => s.includes(`${i}:${m.text}`)), `message ${i} shown`).toBe(true);
          }
        } finally {
          unmount();
        }
      }),
      { numRuns: 150, seed: 20_240_611 },
    );
  });

});
