// The console's last failed action, shown in a banner until dismissed or replaced.
import { useSyncExternalStore } from 'react';

let current: string | null = null;
const listeners = new Set<() => void>();

export function reportError(e: unknown): void {
  current = e instanceof Error ? e.message : String(e);
  for (const l of listeners) l();
}

export function clearError(): void {
  current = null;
  for (const l of listeners) l();
}

export function useLastError(): string | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
