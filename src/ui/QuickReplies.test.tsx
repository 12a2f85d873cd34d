// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

const scale = (titles: string[]) => titles.map((title) => ({ title, text: title }));
const ask = (quickReplies: ReturnType<typeof scale>, language?: string) =>
  renderWidget({
    open: true,
    ...(language ? { lang: language } : {}),
    chat: { stage: 'open', timeline: [rows.agentText(1, 'How would you rate your overall experience?', 'bot', { body: { kind: 'text', text: 'How would you rate your overall experience?', quickReplies } })] },
  });

describe('quick replies as a rating scale', () => {
  it('shows the question first, then the scale labelled at both ends, its buttons named by their number', () => {
    ask(scale(['1', '2', '3', '4', '5']));
    const group = screen.getByRole('group', { name: 'Suggested replies' });
    const question = screen.getByText('How would you rate your overall experience?');
    expect(question.compareDocumentPosition(group) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(within(group).getAllByRole('button').map((b) => b.textContent)).toEqual(['1', '2', '3', '4', '5']);
    expect(within(group).getByText('Poor')).toBeTruthy();
    expect(within(group).getByText('Excellent')).toBeTruthy();
    // The ends are said with the buttons they label.
    expect(within(group).getByRole('button', { name: '1' }).getAttribute('aria-describedby')).toBeTruthy();
    const describedBy = (name: string) => document.getElementById(within(group).getByRole('button', { name }).getAttribute('aria-describedby') ?? '')?.textContent;
    expect(describedBy('1')).toBe('Poor');
    expect(describedBy('5')).toBe('Excellent');
  });

  it('labels 0–10 scales too, in the widget’s language; other replies stay plain buttons', () => {
    ask(scale(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']), 'he');
    expect(screen.getByText('גרוע')).toBeTruthy();
    expect(screen.getByText('מצוין')).toBeTruthy();
  });

  it('leaves replies that are not a numeric scale alone', () => {
    ask(scale(['Yes', 'No']));
    expect(screen.queryByText('Poor')).toBeNull();
    ask(scale(['1', '3', '5']));
    expect(screen.queryByText('Poor')).toBeNull();
  });
});
