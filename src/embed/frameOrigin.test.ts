// The frame's parent origin: the hash's claim, believed only when the real embedder has it.
import { describe, expect, it } from 'vitest';
import { parentOriginOf, type Embedding } from './frameOrigin';

const at = (over: Partial<Embedding>): Embedding => ({ hash: '#origin=https%3A%2F%2Fshop.example', framed: true, ancestorOrigin: undefined, referrer: '', ...over });

describe('parentOriginOf', () => {
  it('believes the hash when the ancestor origin or the referrer says the same', () => {
    expect(parentOriginOf(at({ ancestorOrigin: 'https://shop.example' }))).toEqual({ origin: 'https://shop.example' });
    expect(parentOriginOf(at({ referrer: 'https://shop.example/' }))).toEqual({ origin: 'https://shop.example' });
    expect(parentOriginOf(at({ referrer: 'https://shop.example/cart?x=1' }))).toEqual({ origin: 'https://shop.example' });
  });

  it('refuses a hash that names another origin than the real embedder', () => {
    const lie = parentOriginOf(at({ ancestorOrigin: 'https://evil.example', referrer: 'https://shop.example/' }));
    expect(lie).toEqual({ refused: expect.stringContaining('is not the origin of the page that embeds it (https://evil.example)') });
    expect(parentOriginOf(at({ referrer: 'https://evil.example/' }))).toHaveProperty('refused');
  });

  it('refuses when the embedder cannot be known (no ancestor list, no referrer, or garbage)', () => {
    expect(parentOriginOf(at({}))).toEqual({ refused: expect.stringContaining('(unknown)') });
    expect(parentOriginOf(at({ referrer: 'not a url' }))).toHaveProperty('refused');
  });

  it('refuses outside a frame and a hash that is not an http(s) origin', () => {
    expect(parentOriginOf(at({ framed: false, ancestorOrigin: 'https://shop.example' }))).toHaveProperty('refused');
    for (const hash of ['', '#origin=', '#origin=javascript%3Aalert(1)', '#origin=*', '#origin=https%3A%2F%2Fshop.example%2Fpath']) {
      expect(parentOriginOf(at({ hash, ancestorOrigin: 'https://shop.example' })), hash).toHaveProperty('refused');
    }
  });
});
