// The tables of sequenced facts (messages, receipts), keyed by eventKey(dialogId, sequence) and
// kept in buckets of BUCKET sequences of one dialog: a change copies the bucket it touches and the
// bucket index (n / BUCKET entries), never the whole table, so a notification costs the reducer
// O(BUCKET + n / BUCKET) instead of O(n). The shape depends only on the keys held (a bucket is a
// function of the key), so the state stays a function of the set of events. Read through these
// functions only.

import { eventKey } from './state';

/** bucket key → (eventKey → fact). */
export type FactTable<T> = Readonly<Record<string, Readonly<Record<string, T>>>>;

export const BUCKET = 64;

/** The bucket of eventKey(dialogId, sequence): the key of the dialog and the sequence's block. */
export function bucketOf(dialogId: string, sequence: number): string {
  return eventKey(dialogId, Math.floor(sequence / BUCKET));
}

/** bucketOf, from an eventKey: its dialog's part up to the last comma is kept, the number is divided. */
function bucketOfKey(key: string): string {
  const comma = key.lastIndexOf(',');
  const sequence = Number(key.slice(comma + 1, -1));
  if (comma < 0 || !key.endsWith(']') || !Number.isFinite(sequence)) {
    const [dialogId, parsed] = JSON.parse(key) as [string, number];
    return bucketOf(dialogId, parsed);
  }
  return `${key.slice(0, comma + 1)}${Math.floor(sequence / BUCKET)}]`;
}

/** The fact under an eventKey, if held. */
export function factAt<T>(table: FactTable<T>, key: string): T | undefined {
  return table[bucketOfKey(key)]?.[key];
}

export function factsOf<T>(table: FactTable<T>): T[] {
  const out: T[] = [];
  for (const bucket of Object.values(table)) for (const fact of Object.values(bucket)) out.push(fact);
  return out;
}

export function factEntries<T>(table: FactTable<T>): Array<[string, T]> {
  const out: Array<[string, T]> = [];
  for (const bucket of Object.values(table)) for (const entry of Object.entries(bucket)) out.push(entry);
  return out;
}

export function factCount(table: FactTable<unknown>): number {
  let count = 0;
  for (const bucket of Object.values(table)) count += Object.keys(bucket).length;
  return count;
}
