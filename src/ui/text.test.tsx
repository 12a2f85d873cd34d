// @vitest-environment jsdom
// Every error the UI shows comes from the catalogue: session failures by their kind, connection
// failures by theirs, in Hebrew too; message times follow the widget's language.
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionError } from '../core/session';
import { connectionErrorText, errorText } from './errorText';
import { formatTime, setLanguage } from './i18n';
import { ParleyApp } from './ParleyApp';
import { createFakeSession } from './testing/fakeSession';

afterEach(() => setLanguage('en'));

const hasLatin = (text: string) => /[A-Za-z]/.test(text);

describe('catalogued error texts', () => {
  it('maps session error kinds, also through a wrapping cause; anything else is "unexpected"', () => {
    expect(errorText(sessionError('tooLong', 'A message can have at most 5000 characters'))).toBe('the message is too long');
    expect(errorText(new Error('wrapped', { cause: sessionError('stopped', 'The chat session stopped') }))).toBe('the chat was closed');
    expect(errorText(new Error('ms.PublishEvent failed with code 500'))).toBe('an unexpected error');
    expect(errorText('text')).toBe('an unexpected error');
    expect(errorText({ kind: 'constructor' })).toBe('an unexpected error');
  });

  it('in Hebrew: no English in reasons or connection errors', () => {
    setLanguage('he');
    for (const kind of ['empty', 'tooLong', 'stopped', 'notFound', 'nothingToEnd', 'refused', 'network'] as const) {
      expect(hasLatin(errorText(sessionError(kind, 'English for logs'))), kind).toBe(false);
    }
    for (const kind of ['signIn', 'unsupported', undefined] as const) expect(hasLatin(connectionErrorText(kind)), String(kind)).toBe(false);
  });

  it('the Hebrew status bar for a refused sign-in has no English', () => {
    const session = createFakeSession({ connection: { status: 'error', error: 'Could not sign in to the chat service. Please try again later.', errorKind: 'signIn' } });
    render(<ParleyApp session={session} lang="he" initiallyOpen />);
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('לא ניתן היה להתחבר לשירות הצ׳אט');
    expect(hasLatin(status.textContent ?? '')).toBe(false);
    expect(within(status).getByRole('button', { name: 'ניסיון חוזר' })).toBeTruthy();
  });
});

describe('message times', () => {
  const at = Date.UTC(2024, 0, 1, 15, 7);
  it('are written in the widget language and its region when given', () => {
    setLanguage('he', 'he-IL');
    expect(formatTime(at)).toBe(new Intl.DateTimeFormat('he-IL', { hour: '2-digit', minute: '2-digit' }).format(at));
    setLanguage('en', 'en-US');
    expect(formatTime(at)).toMatch(/(AM|PM)$/);
    setLanguage('en', 'en-GB');
    expect(formatTime(at)).not.toMatch(/(AM|PM)/);
    // A tag of another language, or an invalid one, falls back to the catalogue language.
    setLanguage('en', 'de-DE');
    expect(formatTime(at)).toBe(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(at));
    setLanguage('en', 'en-!!');
    expect(formatTime(at)).toBe(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(at));
  });
});
