// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { clickSteps, mapLink, onlyLink, runSteps, safeImage, safeLink } from './clicks';
import { contrastRatio, parseColour, readableColours } from './contrast';

describe('structured content: the click rules', () => {
  it('links only http, https, mailto and tel', () => {
    expect(safeLink('https://a.example/x')).toBe('https://a.example/x');
    expect(safeLink(' HTTP://a.example ')).toBe('http://a.example/');
    expect(safeLink('mailto:help@a.example')).toBe('mailto:help@a.example');
    expect(safeLink('tel:+15550100')).toBe('tel:+15550100');
    for (const bad of ['javascript:alert(1)', ' javas\tcript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'file:///etc/passwd', '//a.example', '/relative', 'not a url', '']) {
      expect(safeLink(bad), bad).toBeUndefined();
    }
  });

  it('shows images from http(s) only', () => {
    expect(safeImage('https://a.example/i.png')).toBe('https://a.example/i.png');
    expect(safeImage('http://a.example/i.png')).toBe('http://a.example/i.png');
    for (const bad of ['data:image/png;base64,AAAA', 'javascript:alert(1)', 'mailto:a@b.c', 'blob:https://a.example/1']) expect(safeImage(bad), bad).toBeUndefined();
  });

  it('opens maps at lat,lon, and none off the globe', () => {
    expect(mapLink(32.08, 34.78)).toBe('https://www.openstreetmap.org/?mlat=32.08&mlon=34.78#map=16/32.08/34.78');
    expect(mapLink(91, 0)).toBeUndefined();
    expect(mapLink(0, -181)).toBeUndefined();
    expect(mapLink(Number.NaN, 0)).toBeUndefined();
  });

  it('runs several actions in their order, a reply with the click\'s metadata', () => {
    const metadata = [{ type: 'ExternalId', id: 'x' }];
    const steps = clickSteps(
      { metadata, actions: [{ kind: 'link', url: 'https://a.example' }, { kind: 'reply', text: 'Yes' }, { kind: 'location', lat: 1, lon: 2 }, { kind: 'link', url: 'javascript:alert(1)' }] },
      'Yes please',
    );
    expect(steps).toEqual([
      { kind: 'open', href: 'https://a.example/' },
      { kind: 'publish', option: { title: 'Yes please', text: 'Yes', metadata } },
      { kind: 'open', href: 'https://www.openstreetmap.org/?mlat=1&mlon=2#map=16/1/2' },
    ]);
    const order: string[] = [];
    runSteps(steps, (o) => order.push(`publish ${o.text}`), (href) => order.push(`open ${href}`));
    expect(order).toEqual(['open https://a.example/', 'publish Yes', 'open https://www.openstreetmap.org/?mlat=1&mlon=2#map=16/1/2']);
  });

  it('opens pages in a new tab without opener or referrer', () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    runSteps([{ kind: 'open', href: 'https://a.example/' }], () => {});
    expect(open).toHaveBeenCalledWith('https://a.example/', '_blank', 'noopener,noreferrer');
    open.mockRestore();
  });

  it('leaves a click inert when no action is safe, and draws a single page as a link', () => {
    expect(clickSteps({ actions: [{ kind: 'link', url: 'javascript:alert(1)' }] }, 'x')).toEqual([]);
    expect(clickSteps(undefined, 'x')).toEqual([]);
    expect(onlyLink(clickSteps({ actions: [{ kind: 'link', url: 'https://a.example' }] }, 'x'))).toBe('https://a.example/');
    expect(onlyLink(clickSteps({ actions: [{ kind: 'reply', text: 'x' }] }, 'x'))).toBeUndefined();
  });
});

describe('structured content: text colours keep AA contrast', () => {
  it('parses hex and rgb() colours only', () => {
    expect(parseColour('#fff')).toEqual([255, 255, 255]);
    expect(parseColour('#1D2433')).toEqual([0x1d, 0x24, 0x33]);
    expect(parseColour('rgb(1, 2, 3)')).toEqual([1, 2, 3]);
    for (const bad of ['red', 'rgb(300,0,0)', '#12345', 'url(x)', 'var(--x)', 'expression(alert(1))']) expect(parseColour(bad), bad).toBeUndefined();
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    expect(contrastRatio([119, 119, 119], [255, 255, 255])).toBeCloseTo(4.48, 2);
  });

  it('keeps a colour only for the palettes where it reads (light #fff, dark #17191f)', () => {
    expect(readableColours('#1d2433')).toEqual({ light: 'rgb(29 36 51)' });
    expect(readableColours('#e8eaf0')).toEqual({ dark: 'rgb(232 234 240)' });
    expect(readableColours('#777777')).toEqual({});
    expect(readableColours('#ffff00')).toEqual({ dark: 'rgb(255 255 0)' });
    expect(readableColours(undefined)).toEqual({});
  });
});
