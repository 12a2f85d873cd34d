// @vitest-environment jsdom
// The console's view of a conversation's end: the survey's answers paired with their questions, the
// CSAT rating, and the visitor typing (which lapses after TYPING_TIMEOUT_MS).
import { act, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeDetail } from './decode';
import { SurveyResults } from './SurveyResults';
import { TYPING_TIMEOUT_MS, VisitorTyping } from './VisitorTyping';
import type { ConversationDetail } from './types';

const text = (sequence: number, role: string, message: string) => ({
  sequence, originatorId: role === 'CONSUMER' ? 'v' : 'bot', role, serverTimestamp: sequence, audience: 'ALL',
  event: { type: 'ContentEvent', contentType: 'text/plain', message },
});
const detail = (extra: Record<string, unknown>) =>
  decodeDetail({
    id: 'c', consumerId: 'v', stage: 'CLOSE', state: 'CLOSE', skillId: '-1', queue: 'closed', participants: [],
    dialogs: [{ dialogId: 'c', dialogType: 'MAIN', state: 'CLOSE' }, { dialogId: 's', dialogType: 'POST_SURVEY', state: 'CLOSE' }],
    startTs: 1, receipts: {}, ...extra,
  }) as ConversationDetail;

afterEach(() => vi.useRealTimers());

describe('survey results in the console', () => {
  it('pairs each question with the answer after it, skips the thanks, and shows the rating', () => {
    const d = detail({
      csat: { field: 'CSATRate', csatRate: 4, csatResolutionConfirmation: false, status: 'PARTIALLY_FILLED' },
      transcript: {
        c: [text(0, 'CONSUMER', 'Hello')],
        s: [
          text(0, 'AGENT', 'How would you rate your overall experience?'),
          { ...text(1, 'CONSUMER', 'x'), event: { type: 'AcceptStatusEvent', status: 'READ', sequenceList: [0] } },
          text(2, 'CONSUMER', '5'),
          text(3, 'AGENT', 'Is there anything else you would like to tell us?'),
          text(4, 'CONSUMER', 'Lovely service'),
          text(5, 'AGENT', 'Thank you for your feedback!'),
        ],
      },
    });
    render(<SurveyResults detail={d} />);
    const section = screen.getByRole('region', { name: 'Survey answers' });
    const pairs = within(section).getAllByRole('term').map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]);
    expect(pairs).toEqual([
      ['Rating (CSAT)', '4 of 5'],
      ['How would you rate your overall experience?', '5'],
      ['Is there anything else you would like to tell us?', 'Lovely service'],
    ]);
  });

  it('shows nothing without a survey or a rating; ignores a rating out of range', () => {
    const { container } = render(<SurveyResults detail={detail({ csat: { csatRate: 9 }, transcript: { c: [text(0, 'CONSUMER', 'Hi')] } })} />);
    expect(container.textContent).toBe('');
  });

  it('says the visitor is typing while COMPOSING, until another state or the timeout', () => {
    vi.useFakeTimers();
    const now = Date.now();
    const { rerender } = render(<VisitorTyping state={{ chatState: 'COMPOSING', at: now }} />);
    expect(screen.getByText('Visitor is typing…')).toBeTruthy();
    rerender(<VisitorTyping state={{ chatState: 'PAUSE', at: now + 1 }} />);
    expect(screen.queryByText('Visitor is typing…')).toBeNull();
    rerender(<VisitorTyping state={{ chatState: 'COMPOSING', at: now + 2 }} />);
    expect(screen.getByText('Visitor is typing…')).toBeTruthy();
    act(() => void vi.advanceTimersByTime(TYPING_TIMEOUT_MS + 5));
    expect(screen.queryByText('Visitor is typing…')).toBeNull();
  });
});
