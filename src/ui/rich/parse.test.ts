import { describe, expect, it } from 'vitest';
import { schemaAt, schemasAvailable } from '../../../test/lp-schemas';
import { firstText, parseRichContent, RICH_LIMITS } from './parse';

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

describe('structured content: parsing against the schema and the limits', () => {
  it('keeps a card of every schema element, with styles, tooltips and clicks', () => {
    const parsed = parseRichContent(card);
    expect(parsed).toEqual(card);
  });

  it.skipIf(!schemasAvailable())('agrees with LivePerson\'s element schema on valid and invalid content', () => {
    const validate = schemaAt('ms/richContent/element.json');
    expect(validate(card), JSON.stringify(validate.errors)).toBe(true);
    for (const [name, content] of invalid) {
      expect(validate(content), `schema: ${name}`).toBe(false);
      expect(parseRichContent(content), `parse: ${name}`).toBeUndefined();
    }
  });

  it('rejects unknown elements anywhere in the tree, and non-objects', () => {
    expect(parseRichContent({ type: 'vertical', elements: [{ type: 'text', text: 'a' }, { type: 'checklist', elements: [] }] })).toBeUndefined();
    for (const v of [null, 'text', 3, [], { type: 'list' }, { type: 'card' }]) expect(parseRichContent(v)).toBeUndefined();
  });

  it('takes json-pollock carousels of cards, not of loose basics', () => {
    const cards = Array.from({ length: 5 }, (_, i) => ({ type: 'vertical', elements: [{ type: 'text', text: `Card ${i + 1}` }] }));
    expect(parseRichContent({ type: 'carousel', padding: 10, elements: cards })).toEqual({ type: 'carousel', elements: cards });
    expect(parseRichContent({ type: 'carousel', elements: [{ type: 'text', text: 'loose' }] })).toBeUndefined();
    expect(parseRichContent({ type: 'carousel', elements: [] })).toBeUndefined();
  });

  it('turns the schema\'s quick-reply template into its title and one publishText button per response', () => {
    expect(parseRichContent({ type: 'template', templateType: 'quickReply', title: 'Size?', resp: ['S', 'M'] })).toEqual({
      type: 'vertical',
      elements: [
        { type: 'text', text: 'Size?' },
        { type: 'button', title: 'S', click: { actions: [{ type: 'publishText', text: 'S' }] } },
        { type: 'button', title: 'M', click: { actions: [{ type: 'publishText', text: 'M' }] } },
      ],
    });
  });

  it('enforces the limits: 50 elements, the nesting depth, 4 actions per click', () => {
    const texts = (n: number) => ({ type: 'vertical', elements: Array.from({ length: n }, () => ({ type: 'text', text: 'x' })) });
    expect(parseRichContent(texts(RICH_LIMITS.maxElements - 1))).toBeDefined();
    expect(parseRichContent(texts(RICH_LIMITS.maxElements))).toBeUndefined();
    const nest = (depth: number): unknown => (depth === 0 ? { type: 'text', text: 'deep' } : { type: 'vertical', elements: [nest(depth - 1)] });
    expect(parseRichContent(nest(RICH_LIMITS.maxDepth))).toBeDefined();
    expect(parseRichContent(nest(RICH_LIMITS.maxDepth + 1))).toBeUndefined();
    const actions = (n: number) => ({ type: 'button', title: 'x', click: { actions: Array.from({ length: n }, () => ({ type: 'publishText', text: 'y' })) } });
    expect(parseRichContent(actions(4))).toBeDefined();
    expect(parseRichContent(actions(5))).toBeUndefined();
  });

  it('rejects hostile content quickly: 10,000 elements, 10,000 levels, a 5 MB caption', () => {
    const started = performance.now();
    expect(parseRichContent({ type: 'vertical', elements: Array.from({ length: 10_000 }, () => ({ type: 'text', text: 'x' })) })).toBeUndefined();
    let deep: unknown = { type: 'text', text: 'x' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'vertical', elements: [deep] };
    expect(parseRichContent(deep)).toBeUndefined();
    expect(parseRichContent({ type: 'image', url: 'https://a.example/i.png', caption: 'c'.repeat(5 * 1024 * 1024) })).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('names a card by its first text element, else its first title or caption', () => {
    const parsed = parseRichContent({ type: 'vertical', elements: [{ type: 'image', url: 'https://a.example/i.png', caption: 'Pic' }, { type: 'text', text: 'Title' }] });
    expect(parsed && firstText(parsed)).toBe('Title');
    const noText = parseRichContent({ type: 'vertical', elements: [{ type: 'image', url: 'https://a.example/i.png', caption: 'Pic' }] });
    expect(noText && firstText(noText)).toBe('Pic');
  });
});
