// @vitest-environment jsdom
// Every error the UI shows comes from the catalogue: session failures by their kind, connection
// failures by theirs, in Hebrew too; message times follow the widget's language.
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionError } from '../core/session';
import { createTranslator } from './i18n';
import { renderWidget } from './testing/renderWidget';
import { connectionErrorText, errorText } from './text';

const en = createTranslator('en').t;
const he = createTranslator('he').t;

const hasLatin = (text: string) => /[A-Za-z]/.test(text);

describe('catalogued error texts', () => {
  it('maps session error kinds, also through a wrapping cause; anything else is "unexpected"', () => {
    expect(errorText(en, sessionError('tooLong', 'A message can have at most 5000 characters'))).toBe('the message is too long');
    expect(errorText(en, new Error('wrapped', { cause: sessionError('stopped', 'The chat session stopped') }))).toBe('the chat was closed');
    expect(errorText(en, new Error('ms.PublishEvent failed with code 500'))).toBe('an unexpected error');
    expect(errorText(en, 'text')).toBe('an unexpected error');
    expect(errorText(en, { kind: 'constructor' })).toBe('an unexpected error');
  });

  it('in Hebrew: no English in reasons or connection errors', () => {
    for (const kind of ['empty', 'tooLong', 'stopped', 'notFound', 'nothingToEnd', 'refused', 'network'] as const) {
      expect(hasLatin(errorText(he, sessionError(kind, 'English for logs'))), kind).toBe(false);
    }
    for (const kind of ['signIn', 'unsupported', undefined] as const) expect(hasLatin(connectionErrorText(he, kind)), String(kind)).toBe(false);
  });

  it('the Hebrew status bar for a refused sign-in has no English', () => {
    renderWidget({ open: true, lang: 'he', connection: { status: 'error', error: 'Could not sign in to the chat service. Please try again later.', errorKind: 'signIn' } });
    const status = screen.getByRole('status');
    expect(status.textContent).toContain('לא ניתן היה להתחבר לשירות הצ׳אט');
    expect(hasLatin(status.textContent ?? '')).toBe(false);
    expect(within(status).getByRole('button', { name: 'ניסיון חוזר' })).toBeTruthy();
  });
});

describe('message times', () => {
  const at = Date.UTC(2024, 0, 1, 15, 7);
  it('are written in the widget language and its region when given', () => {
    const time = (lang: string) => createTranslator(lang).formatTime(at);
    expect(time('he-IL')).toBe(new Intl.DateTimeFormat('he-IL', { hour: '2-digit', minute: '2-digit' }).format(at));
    expect(time('en-US')).toMatch(/(AM|PM)$/);
    expect(time('en-GB')).not.toMatch(/(AM|PM)/);
    // A tag of another language, or an invalid one, falls back to the catalogue language.
    expect(time('de-DE')).toBe(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(at));
    expect(time('en-!!')).toBe(new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' }).format(at));
  });
});
