// The keys of sequenced facts and their buckets are built by hand for speed: they must be exactly
// the JSON they stand for, for any dialog id (quotes, commas, backslashes, non-ASCII) and sequence.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BUCKET, bucketOf, factAt } from './factTable';
import { eventKey } from './state';

const tricky = ['d1', '', 'a,b', 'a"b', 'a\\b', '],[', 'ünï\u2028cødé', '12', '[1,2]', 'a\nb'];
const sequences = [0, 1, 63, 64, 65, 1_000_000, -1, -0, 1.5, 1e21, Number.MAX_SAFE_INTEGER, Number.NaN, Number.POSITIVE_INFINITY];

describe('event keys and buckets', () => {
  it('eventKey is JSON.stringify([dialogId, sequence])', () => {
    for (const d of tricky) for (const s of sequences) expect(eventKey(d, s)).toBe(JSON.stringify([d, s]));
    fc.assert(fc.property(fc.string(), fc.double(), (d, s) => eventKey(d, s) === JSON.stringify([d, s])));
  });

  it('a key finds its fact in its bucket, the bucket being JSON of the dialog and the sequence block', () => {
    for (const d of tricky) {
      for (const s of sequences.filter(Number.isFinite)) {
        const bucket = bucketOf(d, s);
        expect(bucket).toBe(JSON.stringify([d, Math.floor(s / BUCKET)]));
        const key = eventKey(d, s);
        expect(factAt({ [bucket]: { [key]: 'fact' } }, key)).toBe('fact');
      }
    }
    fc.assert(
      fc.property(fc.string(), fc.integer(), (d, s) => {
        const key = eventKey(d, s);
        return factAt({ [bucketOf(d, s)]: { [key]: s } }, key) === s;
      }),
    );
  });
});
