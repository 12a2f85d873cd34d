// The visitor's typing indicator: ChatStateEvent COMPOSING (at most once per throttle window while
// typing) and ACTIVE when the visitor stops (the throttle is core's). Best effort: failures are ignored.
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import { createTypingThrottle, type TypingThrottle } from '../core/typingThrottle';
import type { Connection } from './connection';
import { activeTarget } from '../core/conversation';
import { RequestTypes } from './wire';
import type { PublishEventBody, WireChatState } from './wire';

export { COMPOSING_THROTTLE_MS } from '../core/typingThrottle';

export function createComposingOut(deps: { connection: Connection; store: ChatStore; clock: Clock; isOnline: () => boolean }): TypingThrottle {
  const publish = (chatState: WireChatState): boolean => {
    const target = activeTarget(deps.store.state);
    if (!target || !deps.isOnline()) return false;
    const body: PublishEventBody = { ...target, event: { type: 'ChatStateEvent', chatState } };
    deps.connection.request(RequestTypes.PublishEvent, body).catch(() => undefined);
    return true;
  };
  return createTypingThrottle({ clock: deps.clock, publish: (composing) => publish(composing ? 'COMPOSING' : 'ACTIVE') });
}
