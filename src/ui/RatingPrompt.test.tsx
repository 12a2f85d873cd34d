// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWidget } from './testing/renderWidget';

const ended = { stage: 'closed' as const, conversationId: 'c', rating: {} };

describe('the CSAT prompt', () => {
  it('offers 1 to 5 stars as a named radio group, operable with the keyboard, and sends the choice', async () => {
    const { session, user, push } = renderWidget({ open: true, chat: ended });
    const group = await screen.findByRole('group', { name: 'How would you rate this conversation?' });
    const stars = screen.getAllByRole('radio');
    expect(stars.map((s) => s.getAttribute('value'))).toEqual(['1', '2', '3', '4', '5']);
    expect(screen.getByRole('radio', { name: '4 of 5 stars' })).toBeTruthy();
    expect(group).toBeTruthy();
    const send = screen.getByRole('button', { name: 'Submit rating' });
    expect((send as HTMLButtonElement).disabled).toBe(true);
    // keyboard: Space checks the focused star (arrow keys between stars are checked in Chromium,
    // e2e/life.spec.ts: jsdom's user-event needs CSS.escape for radio groups), Tab, then Enter sends
    stars[2]?.focus();
    await user.keyboard(' ');
    expect((screen.getByRole('radio', { name: '3 of 5 stars' }) as HTMLInputElement).checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(send);
    await user.keyboard('{Enter}');
    expect(session.callsOf('rateConversation')).toEqual([{ method: 'rateConversation', stars: 3 }]);
    await push({ chat: { rating: { given: 3 } } });
    expect(screen.getByText('Thank you! You rated this conversation 3 of 5.').getAttribute('role')).toBe('status');
    expect(screen.queryAllByRole('radio')).toHaveLength(0);
  });

  it('says when the rating could not be sent, and is absent while the conversation is open or had a survey', async () => {
    const { session, user, push } = renderWidget({ open: true, chat: ended });
    session.failNext('rateConversation', Object.assign(new Error('down'), { kind: 'network' }));
    await user.click(await screen.findByRole('radio', { name: '5 of 5 stars' }));
    await user.click(screen.getByRole('button', { name: 'Submit rating' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Your rating could not be sent: the chat service could not be reached');
    await push({ chat: { stage: 'open', rating: undefined } });
    expect(screen.queryByRole('group', { name: 'How would you rate this conversation?' })).toBeNull();
  });
});
