import { describe, expect, it } from 'vitest';
import { MAX_LINK_LENGTH, linkify, safeHref } from './linkify';

const links = (text: string) => linkify(text).filter((s) => s.kind === 'link').map((s) => (s.kind === 'link' ? [s.text, s.href] : []));

describe('linkify', () => {
  it('links http, https, mailto and tel', () => {
    expect(links('see https://example.com/a?b=1#c and http://x.org')).toEqual([
      ['https://example.com/a?b=1#c', 'https://example.com/a?b=1#c'],
      ['http://x.org', 'http://x.org/'],
    ]);
    expect(links('write to mailto:help@example.com or call tel:+1-555-0100')).toEqual([
      ['mailto:help@example.com', 'mailto:help@example.com'],
      ['tel:+1-555-0100', 'tel:+1-555-0100'],
    ]);
    expect(links('HTTPS://EXAMPLE.COM')).toEqual([['HTTPS://EXAMPLE.COM', 'https://example.com/']]);
  });

  it('links www. addresses (as https) and bare e-mail addresses (as mailto)', () => {
    expect(links('see www.example.org/help, or write to name@example.com.')).toEqual([
      ['www.example.org/help', 'https://www.example.org/help'],
      ['name@example.com', 'mailto:name@example.com'],
    ]);
    expect(links('WWW.Example.ORG and first.last+tag@mail.example.co.uk')).toEqual([
      ['WWW.Example.ORG', 'https://www.example.org/'],
      ['first.last+tag@mail.example.co.uk', 'mailto:first.last+tag@mail.example.co.uk'],
    ]);
    expect(links('(www.example.org/a_(b))')).toEqual([['www.example.org/a_(b)', 'https://www.example.org/a_(b)']]);
  });

  it('keeps the same rules for the bare forms: only well-formed hosts and addresses, never inside a word or URL', () => {
    for (const text of [
      'www.',
      'www.x',
      'awww.example.org',
      'www.javascript:alert(1)',
      'www.example.org:evil',
      'user@localhost',
      'a@b@c.example',
      'name@example.com@evil.example',
      '@example.com',
      'name@.example.com',
      'name@example.',
      'file:///x/name@example.com',
    ]) {
      expect(links(text), text).toEqual([]);
    }
    // An address in a URL stays part of that URL; mailto: is not linked twice.
    expect(links('https://user@example.com/x')).toEqual([['https://user@example.com/x', 'https://user@example.com/x']]);
    expect(links('mailto:name@example.com')).toEqual([['mailto:name@example.com', 'mailto:name@example.com']]);
    expect(links('<name@example.com>')).toEqual([['name@example.com', 'mailto:name@example.com']]);
  });

  it('never links other schemes: they stay text', () => {
    for (const text of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.com',
      'blob:https://example.com/x',
      'about:blank',
      'java\tscript:alert(1)',
    ]) {
      expect(linkify(text)).toEqual([{ kind: 'text', text }]);
    }
  });

  it('refuses malformed candidates', () => {
    expect(safeHref('http://')).toBeUndefined();
    expect(safeHref('https:///path-only')).toBe('https://path-only/');
    expect(safeHref('tel:call-me')).toBeUndefined();
    expect(safeHref('mailto:nobody')).toBeUndefined();
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(links('tel:abc mailto:@x')).toEqual([]);
  });

  it('leaves sentence punctuation and unbalanced brackets outside the link', () => {
    expect(links('Go to https://example.com.')).toEqual([['https://example.com', 'https://example.com/']]);
    expect(links('(see https://example.com/a)')).toEqual([['https://example.com/a', 'https://example.com/a']]);
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar), ok')).toEqual([
      ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ]);
  });

  it('stops at quotes and angle brackets, so markup around a URL stays text', () => {
    expect(links('<a href="https://evil.example/x" onclick="alert(1)">')).toEqual([['https://evil.example/x', 'https://evil.example/x']]);
    expect(links("https://a.example/'onmouseover='alert(1)")).toEqual([['https://a.example/', 'https://a.example/']]);
  });

  it('gives the text back unchanged when the segments are joined', () => {
    for (const text of ['', 'plain', 'a https://x.org b mailto:a@b.co c', 'javascript:https://x.org/', 'end http://y.org)']) {
      expect(linkify(text).map((s) => s.text).join('')).toBe(text);
    }
  });

  it('keeps links up to MAX_LINK_LENGTH characters; a longer one stays text', () => {
    const at = 'https://a.example/' + 'x'.repeat(MAX_LINK_LENGTH - 'https://a.example/'.length);
    expect(links(at)).toEqual([[at, at]]);
    const over = at + 'y';
    expect(linkify(`see ${over} now`)).toEqual([{ kind: 'text', text: `see ${over} now` }]);
    // trailing punctuation is trimmed before the length is checked
    expect(links(at + ')))...')).toEqual([[at, at]]);
  });

  it('is linear: 100,000-character hostile texts take well under 200 ms each', () => {
    const n = 100_000;
    const texts = [
      'https://a.example/' + ')'.repeat(n),
      'https://a.example/' + '.'.repeat(n),
      'https://a.example/' + '(]'.repeat(n / 2),
      'https://a.example/(' + ')'.repeat(n) + 'x',
      'mailto:a@' + 'a.'.repeat(n / 2) + '@',
      'mailto:a@b.' + 'c.'.repeat(n / 2) + '#',
      'tel:1' + '1 '.repeat(n / 2) + 'x',
      'https://'.repeat(n / 8),
      'https://a.b/ '.repeat(n / 13),
      ('mailto:a@' + 'a.'.repeat(1000) + '@ ').repeat(n / 2011),
      ('https://a.example/' + ')'.repeat(2000) + ' ').repeat(n / 2019),
      // the bare forms: long words with no @, @ everywhere, addresses that never end well
      'a'.repeat(n),
      'a.'.repeat(n / 2),
      'a@'.repeat(n / 2),
      '@a'.repeat(n / 2),
      'a@' + 'b'.repeat(n),
      'a@' + 'b.'.repeat(n / 2) + '@',
      'a.'.repeat(n / 2) + '@b.c',
      'www.'.repeat(n / 4),
      'www.a' + '.a'.repeat(n / 2) + ':x',
      ('a'.repeat(999) + ' ').repeat(n / 1000),
      ('a@' + 'b.'.repeat(998) + '@ ').repeat(n / 2000),
    ];
    for (const text of texts) {
      const started = performance.now();
      const segments = linkify(text);
      const took = performance.now() - started;
      expect(segments.map((s) => s.text).join('')).toBe(text);
      expect(took, `${text.slice(0, 30)}… took ${Math.round(took)} ms`).toBeLessThan(200);
    }
  });
});
