// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTranslator } from './i18n';
import { durationText, expectedReplyText } from './text';
import { renderWidget } from './testing/renderWidget';

const en = createTranslator('en');
const NOW = new Date(2026, 0, 7, 10, 0).getTime(); // a Wednesday, 10:00 local

describe('the expected reply, worded', () => {
  it('rounds durations up to the largest unit', () => {
    expect([30, 60, 61, 600, 3600, 5400, 86_400, 3 * 86_400].map((s) => durationText(en.t, s))).toEqual([
      'a minute', 'a minute', '2 minutes', '10 minutes', 'an hour', '2 hours', 'a day', '3 days',
    ]);
  });

  it('says within, by, or away until (today as a time, another day with its weekday)', () => {
    expect(expectedReplyText(en, { withinSeconds: 600, urgent: false }, NOW)).toBe('Usually replies within 10 minutes');
    expect(expectedReplyText(en, { by: NOW + 30 * 60_000, urgent: false }, NOW)).toBe(`Expect a reply by ${en.formatTime(NOW + 30 * 60_000)}`);
    expect(expectedReplyText(en, { by: NOW - 1, urgent: false }, NOW)).toBeUndefined(); // past: says nothing
    const tomorrow = new Date(2026, 0, 8, 9, 0).getTime();
    expect(expectedReplyText(en, { withinSeconds: 3600, after: tomorrow, urgent: false }, NOW)).toMatch(/^We are away until Thu.*09:00.*, then usually reply within an hour$/);
    expect(expectedReplyText(en, { after: NOW + 3_600_000, urgent: false }, NOW)).toBe(`We are away until ${en.formatTime(NOW + 3_600_000)}`);
    // once the away time passed, the usual wait applies
    expect(expectedReplyText(en, { withinSeconds: 300, after: NOW - 1, urgent: true }, NOW)).toBe('Usually replies within 5 minutes');
    expect(expectedReplyText(createTranslator('he'), { withinSeconds: 600, urgent: false }, NOW)).toBe('בדרך כלל עונים תוך 10 דקות');
  });
});

describe('ExpectedReply in the window', () => {
  it('shows while waiting and updates as the view changes; "Mark as urgent" only where the session offers it', async () => {
    const { session, user, push } = renderWidget({ open: true, markUrgent: true, chat: { stage: 'open', conversationId: 'c', expectedReply: { withinSeconds: 600, urgent: false } } });
    expect(screen.getByText('Usually replies within 10 minutes').closest('[role="status"]')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Mark as urgent' }));
    expect(session.callsOf('markUrgent')).toHaveLength(1);
    await push({ chat: { expectedReply: { withinSeconds: 300, urgent: true } } });
    expect(screen.getByText('Usually replies within 5 minutes')).toBeTruthy();
    expect(screen.getByText('Marked as urgent')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark as urgent' })).toBeNull();
    await push({ chat: { expectedReply: undefined, agent: { participantId: 'a' } } });
    expect(screen.queryByText(/Usually replies/)).toBeNull();
  });

  it('has no "Mark as urgent" without it, and says when marking failed', async () => {
    renderWidget({ open: true, chat: { stage: 'open', expectedReply: { withinSeconds: 600, urgent: false } } });
    expect(screen.getByText('Usually replies within 10 minutes')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Mark as urgent' })).toBeNull();
  });

  it('reports a refused "Mark as urgent"', async () => {
    const { session, user } = renderWidget({ open: true, markUrgent: true, chat: { stage: 'open', expectedReply: { withinSeconds: 600, urgent: false } } });
    session.failNext('markUrgent', Object.assign(new Error('403'), { kind: 'refused' }));
    await user.click(screen.getByRole('button', { name: 'Mark as urgent' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The conversation could not be marked urgent: the chat service refused it');
  });
});
