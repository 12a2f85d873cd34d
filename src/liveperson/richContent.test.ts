import { describe, expect, it } from 'vitest';
import { schemaAt, schemasAvailable } from '../../test/lp-schemas';
import { firstText } from '../core/rich';
import { readRichContent, RICH_LIMITS } from './richContent';

const card = {
  type: 'vertical',
  elements: [
    { type: 'image', url: 'https://shop.example/p.png', caption: 'A lamp', tooltip: 'A brass lamp' },
    { type: 'text', text: 'Brass lamp', rtl: false, style: { bold: true, italic: false, size: 'large', color: '#1d2433' } },
    { type: 'horizontal', elements: [{ type: 'map', la: 32.08, lo: 34.78, tooltip: 'Our shop' }, { type: 'linkPreview', url: 'https://shop.example', title: 'Shop' }] },
    {
      type: 'button',
      title: 'Buy',
      tooltip: 'Buy it',
      click: { metadata: [{ type: 'ExternalId', id: 'buy-1' }], actions: [{ type: 'link', uri: 'https://shop.example/buy', name: 'Buy' }, { type: 'publishText', text: 'I bought it' }] },
    },
    { type: 'button', title: 'Directions', click: { actions: [{ type: 'navigate', la: 1, lo: 2, name: 'Shop' }] } },
  ],
};

/** `card` as the neutral tree (src/core/rich.ts). */
const tree = {
  kind: 'vertical',
  children: [
    { kind: 'image', url: 'https://shop.example/p.png', caption: 'A lamp', tooltip: 'A brass lamp' },
    { kind: 'text', text: 'Brass lamp', rtl: false, style: { bold: true, italic: false, size: 'large', color: '#1d2433' } },
    { kind: 'horizontal', children: [{ kind: 'map', lat: 32.08, lon: 34.78, tooltip: 'Our shop' }, { kind: 'linkPreview', url: 'https://shop.example', title: 'Shop' }] },
    {
      kind: 'button',
      title: 'Buy',
      tooltip: 'Buy it',
      click: { metadata: [{ type: 'ExternalId', id: 'buy-1' }], actions: [{ kind: 'link', url: 'https://shop.example/buy', name: 'Buy' }, { kind: 'reply', text: 'I bought it' }] },
    },
    { kind: 'button', title: 'Directions', click: { actions: [{ kind: 'location', lat: 1, lon: 2, name: 'Shop' }] } },
  ],
};

const invalid: Array<[string, unknown]> = [
  ['an image without a url', { type: 'vertical', elements: [{ type: 'image', caption: 'x' }] }],
  ['a button without a title', { type: 'vertical', elements: [{ type: 'button' }] }],
  ['a text over 5000 characters', { type: 'text', text: 'x'.repeat(5001) }],
  ['a caption over 128 characters', { type: 'image', url: 'https://a.example/i.png', caption: 'c'.repeat(129) }],
  ['a map with text coordinates', { type: 'map', la: '1', lo: 2 }],
  ['a size outside the enum', { type: 'text', text: 'x', style: { size: 'huge' } }],
  ['a container without elements', { type: 'vertical' }],
  ['an action of no known type', { type: 'button', title: 'x', click: { actions: [{ type: 'addToCart' }] } }],
  ['a link without a uri', { type: 'button', title: 'x', click: { actions: [{ type: 'link' }] } }],
  ['a publishText without text', { type: 'button', title: 'x', click: { actions: [{ type: 'publishText' }] } }],
  ['a rtl that is not a boolean', { type: 'text', text: 'x', rtl: 'yes' }],
];

describe('LivePerson structured content: read against the schema and the limits', () => {
  it('reads a card of every schema element, with styles, tooltips and clicks, into the neutral tree', () => {
    const parsed = readRichContent(card);
    expect(parsed).toEqual(tree);
  });

  it.skipIf(!schemasAvailable())('agrees with LivePerson\'s element schema on valid and invalid content', () => {
    const validate = schemaAt('ms/richContent/element.json');
    expect(validate(card), JSON.stringify(validate.errors)).toBe(true);
    for (const [name, content] of invalid) {
      expect(validate(content), `schema: ${name}`).toBe(false);
      expect(readRichContent(content), `parse: ${name}`).toBeUndefined();
    }
  });

  it('rejects unknown elements anywhere in the tree, and non-objects', () => {
    expect(readRichContent({ type: 'vertical', elements: [{ type: 'text', text: 'a' }, { type: 'checklist', elements: [] }] })).toBeUndefined();
    for (const v of [null, 'text', 3, [], { type: 'list' }, { type: 'card' }]) expect(readRichContent(v)).toBeUndefined();
  });

  it('takes json-pollock carousels of cards, not of loose basics', () => {
    const cards = Array.from({ length: 5 }, (_, i) => ({ type: 'vertical', elements: [{ type: 'text', text: `Card ${i + 1}` }] }));
    const trees = cards.map((c) => ({ kind: 'vertical', children: [{ kind: 'text', text: c.elements[0]!.text }] }));
    expect(readRichContent({ type: 'carousel', padding: 10, elements: cards })).toEqual({ kind: 'carousel', children: trees });
    expect(readRichContent({ type: 'carousel', elements: [{ type: 'text', text: 'loose' }] })).toBeUndefined();
    expect(readRichContent({ type: 'carousel', elements: [] })).toBeUndefined();
  });

  it('turns the schema\'s quick-reply template into its title and one reply button per response', () => {
    expect(readRichContent({ type: 'template', templateType: 'quickReply', title: 'Size?', resp: ['S', 'M'] })).toEqual({
      kind: 'vertical',
      children: [
        { kind: 'text', text: 'Size?' },
        { kind: 'button', title: 'S', click: { actions: [{ kind: 'reply', text: 'S' }] } },
        { kind: 'button', title: 'M', click: { actions: [{ kind: 'reply', text: 'M' }] } },
      ],
    });
  });

  it('enforces the limits: 50 elements, the nesting depth, 4 actions per click', () => {
    const texts = (n: number) => ({ type: 'vertical', elements: Array.from({ length: n }, () => ({ type: 'text', text: 'x' })) });
    expect(readRichContent(texts(RICH_LIMITS.maxElements - 1))).toBeDefined();
    expect(readRichContent(texts(RICH_LIMITS.maxElements))).toBeUndefined();
    const nest = (depth: number): unknown => (depth === 0 ? { type: 'text', text: 'deep' } : { type: 'vertical', elements: [nest(depth - 1)] });
    expect(readRichContent(nest(RICH_LIMITS.maxDepth))).toBeDefined();
    expect(readRichContent(nest(RICH_LIMITS.maxDepth + 1))).toBeUndefined();
    const actions = (n: number) => ({ type: 'button', title: 'x', click: { actions: Array.from({ length: n }, () => ({ type: 'publishText', text: 'y' })) } });
    expect(readRichContent(actions(4))).toBeDefined();
    expect(readRichContent(actions(5))).toBeUndefined();
  });

  it('rejects hostile content quickly: 10,000 elements, 10,000 levels, a 5 MB caption', () => {
    const started = performance.now();
    expect(readRichContent({ type: 'vertical', elements: Array.from({ length: 10_000 }, () => ({ type: 'text', text: 'x' })) })).toBeUndefined();
    let deep: unknown = { type: 'text', text: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'vertical', elements: [deep] };
    expect(readRichContent(deep)).toBeUndefined();
    expect(readRichContent({ type: 'image', url: 'https://a.example/i.png', caption: 'c'.repeat(5 * 1024 * 1024) })).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('names a card by its first text element, else its first title or caption', () => {
    const parsed = readRichContent({ type: 'vertical', elements: [{ type: 'image', url: 'https://a.example/i.png', caption: 'Pic' }, { type: 'text', text: 'Title' }] });
    expect(parsed && firstText(parsed)).toBe('Title');
    const noText = readRichContent({ type: 'vertical', elements: [{ type: 'image', url: 'https://a.example/i.png', caption: 'Pic' }] });
    expect(noText && firstText(noText)).toBe('Pic');
  });
});
