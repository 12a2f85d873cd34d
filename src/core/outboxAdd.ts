// The start of every backend's send(): the visitor's text checked and trimmed, then shown at once as
// a pending bubble (outboxAdded) under a new client id; or the sessionError send() rejects with
// before queuing anything ('empty', 'tooLong', or 'stopped' once the session stopped).
import { MESSAGE_MAX_LENGTH, sessionError } from './session';
import type { ChatStore } from './store';
import type { Clock } from './clock';

export interface QueuedMessage {
  clientId: string;
  text: string;
  createdAt: number;
}

export function addToOutbox(
  deps: { store: ChatStore; clock: Pick<Clock, 'now'>; newClientId: () => string },
  text: string,
  stopped: boolean,
): QueuedMessage | { error: Error } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: sessionError('empty', 'A message needs some text') };
  if (trimmed.length > MESSAGE_MAX_LENGTH) return { error: sessionError('tooLong', `A message can have at most ${MESSAGE_MAX_LENGTH} characters`) };
  if (stopped) return { error: sessionError('stopped', 'The chat session stopped') };
  const message = { clientId: deps.newClientId(), text: trimmed, createdAt: deps.clock.now() };
  deps.store.dispatch([{ type: 'outboxAdded', ...message }]);
  return message;
}
