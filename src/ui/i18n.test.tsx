// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogues, pickLanguage, setLanguage, t } from './i18n';
import { baseLanguage, frameStrings, launcherStrings } from './i18n-launcher';
import { ParleyApp } from './ParleyApp';
import { createFakeSession } from './testing/fakeSession';

afterEach(() => setLanguage('en'));

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('gives every English key a Hebrew text, with the same placeholders', () => {
    const english = Object.keys(catalogues.en);
    expect(english.length).toBeGreaterThan(40);
    for (const key of english) {
      const he = (catalogues.he as Record<string, string | undefined>)[key];
      expect(he, `Hebrew text for "${key}"`).toBeTypeOf('string');
      expect(he!.trim(), `Hebrew text for "${key}"`).not.toBe('');
      expect(placeholders(he!), `placeholders of "${key}"`).toEqual(placeholders(catalogues.en[key as keyof typeof catalogues.en]));
    }
    expect(Object.keys(catalogues.he).sort()).toEqual([...english].sort());
  });

  it("carries the loader's and the frame's first-load strings in both full catalogues", () => {
    for (const language of ['en', 'he'] as const) {
      for (const [key, text] of Object.entries({ ...launcherStrings[language], ...frameStrings[language] })) {
        expect((catalogues[language] as Record<string, string>)[key]).toBe(text);
      }
    }
  });

  it('picks the catalogue by base language, English when there is none', () => {
    expect(pickLanguage('he-IL')).toBe('he');
    expect(pickLanguage('HE')).toBe('he');
    expect(pickLanguage('iw')).toBe('he');
    expect(pickLanguage('de-CH')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
    expect(baseLanguage(42 as unknown as string)).toBe('en');
  });

  it('t() reads the chosen catalogue and fills placeholders', () => {
    setLanguage('he');
    expect(t('typing', { name: 'דנה' })).toBe('דנה מקליד/ה…');
    setLanguage('en');
    expect(t('typing', { name: 'Dana' })).toBe('Dana is typing…');
    expect(t('agentJoined')).toBe('{name} joined');
  });
});

describe('the Hebrew widget', () => {
  it('renders right to left, marked Hebrew, with Hebrew texts', () => {
    const { container } = render(<ParleyApp session={createFakeSession()} lang="he-IL" initiallyOpen />);
    const root = container.querySelector('.parley');
    expect(root?.getAttribute('dir')).toBe('rtl');
    expect(root?.getAttribute('lang')).toBe('he');
    expect(screen.getByRole('dialog', { name: 'צ׳אט' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'הודעה' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'פתיחת הצ׳אט' })).toBeTruthy();
  });

  it('an English widget renders left to right', () => {
    const { container } = render(<ParleyApp session={createFakeSession()} lang="en-GB" />);
    expect(container.querySelector('.parley')?.getAttribute('dir')).toBe('ltr');
    expect(screen.getByRole('button', { name: 'Open chat' })).toBeTruthy();
  });
});
