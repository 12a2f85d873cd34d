// The visitor's typing indicator: ChatStateEvent COMPOSING (at most once per throttle window while
// typing) and ACTIVE when the visitor stops. Best effort: failures are ignored.
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import type { Connection } from './connection';
import { activeTarget } from '../core/conversation';
import { RequestTypes } from './wire';
import type { PublishEventBody, WireChatState } from './wire';

export const COMPOSING_THROTTLE_MS = 3_000;

export function createComposingOut(deps: { connection: Connection; store: ChatStore; clock: Clock; isOnline: () => boolean }) {
  let composingSentAt: number | undefined;

  const publish = (chatState: WireChatState): boolean => {
    const target = activeTarget(deps.store.state);
    if (!target || !deps.isOnline()) return false;
    const body: PublishEventBody = { ...target, event: { type: 'ChatStateEvent', chatState } };
    deps.connection.request(RequestTypes.PublishEvent, body).catch(() => undefined);
    return true;
  };

  return {
    setComposing(composing: boolean): void {
      const now = deps.clock.now();
      if (composing) {
        if (composingSentAt !== undefined && now - composingSentAt < COMPOSING_THROTTLE_MS) return;
        if (publish('COMPOSING')) composingSentAt = now;
      } else if (composingSentAt !== undefined) {
        composingSentAt = undefined;
        publish('ACTIVE');
      }
    },
  };
}
