// The only chat data a Genesys widget keeps in the browser: the session keys of the open chat
// (chatId, secureKey, userId, alias) in localStorage, per GMS and service, so that a reload or a
// second tab comes back to the same chat. Never the transcript: it is asked again of GMS.
import type { KeyValueStore } from '../platform/storage';

export interface SessionKeys {
  chatId: string;
  secureKey: string;
  userId: string;
  alias: string;
}

export interface KeyStore {
  load(): SessionKeys | undefined;
  save(keys: SessionKeys): void;
  clear(): void;
}

export function keyStoreKey(gms: string, service: string): string {
  return `parley.genesys:${gms}|${service}`;
}

export function createKeyStore(store: KeyValueStore, gms: string, service: string): KeyStore {
  const key = keyStoreKey(gms, service);
  return {
    load() {
      try {
        const v = JSON.parse(store.get(key) ?? 'null') as Partial<SessionKeys> | null;
        if (!v || typeof v !== 'object') return undefined;
        const { chatId, secureKey, userId, alias } = v;
        if (typeof chatId !== 'string' || typeof secureKey !== 'string' || !chatId || !secureKey) return undefined;
        return { chatId, secureKey, userId: typeof userId === 'string' ? userId : '', alias: typeof alias === 'string' ? alias : '' };
      } catch {
        return undefined;
      }
    },
    save(keys) {
      store.set(key, JSON.stringify({ chatId: keys.chatId, secureKey: keys.secureKey, userId: keys.userId, alias: keys.alias }));
    },
    clear() {
      store.remove(key);
    },
  };
}
