// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { catalogues, createTranslator, pickLanguage } from './i18n';
import { baseLanguage, frameStrings, launcherStrings } from './i18nLauncher';
import { rows } from './testing/fakeSession';
import { renderWidget } from './testing/renderWidget';

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

  it("a translator reads its language's catalogue and fills placeholders; two languages live side by side", () => {
    const he = createTranslator('he-IL');
    const en = createTranslator('en');
    expect(he.t('typing', { name: 'דנה' })).toBe('דנה מקליד/ה…');
    expect(en.t('typing', { name: 'Dana' })).toBe('Dana is typing…');
    expect(en.t('agentJoined')).toBe('{name} joined');
    expect([he.language, he.dir, en.language, en.dir]).toEqual(['he', 'rtl', 'en', 'ltr']);
  });
});

describe('the Hebrew widget', () => {
  it('renders right to left, marked Hebrew, with Hebrew texts', () => {
    const { container } = renderWidget({ lang: 'he-IL', open: true });
    const root = container.querySelector('.parley');
    expect(root?.getAttribute('dir')).toBe('rtl');
    expect(root?.getAttribute('lang')).toBe('he');
    expect(screen.getByRole('dialog', { name: 'צ׳אט' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'הודעה' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'סגירת הצ׳אט' })).toBeTruthy();
  });

  it('an English widget renders left to right', () => {
    const { container } = renderWidget({ lang: 'en-GB', open: true });
    expect(container.querySelector('.parley')?.getAttribute('dir')).toBe('ltr');
    expect(screen.getByRole('button', { name: 'Close chat' })).toBeTruthy();
  });

  it('two widgets of different languages on one page each keep their own (no global language)', async () => {
    const hebrew = renderWidget({ lang: 'he', open: true });
    const english = renderWidget({ lang: 'en', open: true });
    // The Hebrew widget renders again after the English one did: still in Hebrew.
    await hebrew.push({ chat: { stage: 'open', timeline: [rows.banner('b1', { type: 'backToQueue' })] } });
    await english.push({ chat: { stage: 'open', timeline: [rows.banner('b1', { type: 'backToQueue' })] } });
    expect(hebrew.container.querySelector('[data-banner="backToQueue"]')?.textContent).toBe(catalogues.he.backToQueue);
    expect(english.container.querySelector('[data-banner="backToQueue"]')?.textContent).toBe(catalogues.en.backToQueue);
    expect(screen.getByRole('dialog', { name: 'צ׳אט' })).toBeTruthy();
    expect(screen.getByRole('dialog', { name: 'Chat' })).toBeTruthy();
  });
});
