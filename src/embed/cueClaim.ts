// Only one tab cues a message (plays the sound, shows the notification). The claim is a Web Lock
// named for the cue, asked for with `ifAvailable` and held for HOLD_MS: the lock manager is one for
// the origin, so of two tabs that receive the message at once exactly one gets it, the other gets
// no lock and stays quiet. A short record of the cues taken, in the frame origin's localStorage,
// covers a tab that receives the message after the hold.
//
// Why not the record alone under one exclusive lock (as before): Chromium keeps a copy of
// localStorage per renderer process and passes writes to the other processes asynchronously, so a
// second tab that took the lock right after the first could still read the record without the
// first tab's key, and cue too (e2e/attention.spec.ts saw two sounds for one message on a loaded
// machine). Without Web Locks the record alone decides (two tabs racing within the same instant
// could then both cue); without storage every tab cues.
import type { KeyValueStore } from '../platform/storage';

const RECORD = 'parley:cued';
const LOCK = 'parley:cue';
/** The record keeps this many recent cue keys (a message is cued within seconds of arriving). */
export const CUES_KEPT = 200;
/** How long the tab that took a cue holds its lock: far longer than the record takes to reach the other tabs. */
export const HOLD_MS = 30_000;

/** The part of the Web Locks API a claim uses. */
export interface CueLocks {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => unknown): Promise<unknown>;
}

/** The claim function: resolves true when this tab took the cue `key`, false when another tab had. */
export function createCueClaims(store: KeyValueStore, locks: CueLocks | undefined = globalThis.navigator?.locks, hold: (done: () => void) => void = (done) => void setTimeout(done, HOLD_MS)): (key: string) => Promise<boolean> {
  const take = (key: string): boolean => {
    let taken: unknown;
    try {
      taken = JSON.parse(store.get(RECORD) ?? '[]');
    } catch {
      taken = [];
    }
    const list = Array.isArray(taken) ? taken.filter((k): k is string => typeof k === 'string') : [];
    if (list.includes(key)) return false;
    store.set(RECORD, JSON.stringify([...list, key].slice(-CUES_KEPT)));
    return true;
  };
  if (!locks) return (key) => Promise.resolve(take(key));
  return (key) =>
    new Promise<boolean>((resolve) => {
      locks
        .request(`${LOCK}:${key}`, { ifAvailable: true }, (lock) => {
          // Another tab holds this cue's lock: it took the cue.
          if (!lock) return resolve(false);
          const mine = take(key);
          resolve(mine);
          if (mine) return new Promise<void>((released) => hold(released));
          return undefined;
        })
        .catch(() => resolve(take(key)));
    });
}
