// Only one tab cues a message (plays the sound, shows the notification): the widget's tabs of one
// site share the frame origin's localStorage (and Web Locks), where a short record of the cues
// already taken is read and written under one exclusive Web Lock, so two tabs never both take one,
// whenever each of them receives the message. Without Web Locks the record alone decides (two tabs
// racing within the same instant could then both cue); without storage every tab cues.
import type { KeyValueStore } from '../platform/storage';

const RECORD = 'parley:cued';
const LOCK = 'parley:cue';
/** The record keeps this many recent cue keys (a message is cued within seconds of arriving). */
export const CUES_KEPT = 200;

type Locks = Pick<LockManager, 'request'>;

/** The claim function: resolves true when this tab took the cue `key`, false when another tab had. */
export function createCueClaims(store: KeyValueStore, locks: Locks | undefined = globalThis.navigator?.locks): (key: string) => Promise<boolean> {
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
  return (key) => (locks ? locks.request(LOCK, () => take(key)) : Promise.resolve(take(key)));
}
