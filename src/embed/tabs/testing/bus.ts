// An in-memory stand-in for one origin's BroadcastChannel, for the tabs' unit tests: each joined tab
// gets a TabChannel; a post reaches every other member (never the sender) as a structured clone, in
// a later microtask, as the browser's channel delivers it asynchronously. A tab can be cut off
// (`mute`): it neither hears nor is heard, like a frozen tab.
import { decodeTabMessage, type TabChannel, type TabMessage } from '../protocol';

export interface Bus {
  join(): TabChannel & { mute(muted: boolean): void };
  /** Everything posted, in order (for counting). */
  readonly posted: TabMessage[];
}

export function createBus(): Bus {
  const members = new Set<{ deliver(data: unknown): void; muted: boolean }>();
  const posted: TabMessage[] = [];
  return {
    posted,
    join() {
      const listeners = new Set<(m: TabMessage) => void>();
      const member = {
        muted: false,
        deliver(data: unknown) {
          if (member.muted) return;
          const m = decodeTabMessage(data);
          if (m) for (const l of [...listeners]) l(m);
        },
      };
      members.add(member);
      return {
        post(message) {
          if (member.muted) return;
          posted.push(message);
          const data = structuredClone(message);
          for (const other of members) if (other !== member) queueMicrotask(() => other.deliver(data));
        },
        listen(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          members.delete(member);
          listeners.clear();
        },
        mute(muted: boolean) {
          member.muted = muted;
        },
      };
    },
  };
}
