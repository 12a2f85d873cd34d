// The chaos test's checks can fail: a row shown twice (near or far apart) and a timeline that
// differs from the transcript are reported.
import { describe, expect, it } from 'vitest';
import { convergenceProblems, rowsShownTwice, type RowSighting } from '../e2e/support/chaos-check';
import type { ConversationDetail } from '../e2e/support/control';

/** Sightings of rows 0..n-1 (40 px each) while scrolling in windows of `window` rows that overlap by half. */
function scrolled(keys: string[], window = 10): RowSighting[] {
  const out: RowSighting[] = [];
  for (let start = 0; start < keys.length; start += window / 2) {
    for (let i = start; i < Math.min(keys.length, start + window); i++) out.push({ key: keys[i] as string, top: i * 40 + (i % 3), height: 38 });
  }
  return out;
}

describe('chaos check', () => {
  it('sees no copy when scrolling shows each row again at its place', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `seq:${i}`);
    expect(rowsShownTwice(scrolled(keys))).toBe(0);
  });

  it('counts a row shown twice, also when the copies are far apart and never on screen together', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `seq:${i}`);
    keys.splice(90, 0, 'seq:3'); // a synthetic doubled row, 87 rows after the first copy
    expect(rowsShownTwice(scrolled(keys))).toBe(1);
    keys.splice(5, 0, 'seq:4'); // and one right next to its original
    expect(rowsShownTwice(scrolled(keys))).toBe(2);
  });

  it('reports the duplicates and a timeline that differs from the transcript', () => {
    const detail = {
      id: 'c',
      transcript: { c: [{ sequence: 0, role: 'CONSUMER', event: { type: 'ContentEvent', message: 'v0' } }] },
      receipts: { c: { '0': 'sent' } },
    } as unknown as ConversationDetail;
    const row = { sequence: 0, originator: 'consumer', text: 'v0', receipt: 'sent' };
    expect(convergenceProblems({ rows: [row], duplicates: 0 }, detail, ['v0'], 0)).toEqual([]);
    expect(convergenceProblems({ rows: [row], duplicates: 1 }, detail, ['v0'], 0)).toEqual(['1 rows shown twice']);
    expect(convergenceProblems({ rows: [{ ...row, sequence: 1 }], duplicates: 0 }, detail, ['v0'], 0)).toContainEqual(expect.stringMatching(/^row 0: widget/));
  });
});
