// What a batch of events may have changed, for the incremental view (view.ts): the keys of the
// message and receipt facts they touch, whether a snapshot arrived, and whether the outbox moved
// (typing and profiles are read whole: they are small). A removal drops facts no event names: `all`.
// Derived from the events alone (the reducer stays a function of the set of events).
import type { CoreEvent } from './model';
import { eventKey } from './state';

export interface Changes {
  /** Anything may have changed: rebuild from the state. */
  all: boolean;
  /** A conversation snapshot arrived: which conversation shows, and its dialogs, may have changed. */
  snapshots: boolean;
  /** eventKey of every message event seen. */
  messages: Set<string>;
  /** eventKey of every receipt event seen. */
  receipts: Set<string>;
  outbox: boolean;
}

const changes = (all: boolean): Changes => ({ all, snapshots: all, messages: new Set(), receipts: new Set(), outbox: all });
export const everything = () => changes(true);
export const nothing = () => changes(false);

/** Adds what `events` may change to `into` (returned). */
export function addChanges(into: Changes, events: readonly CoreEvent[]): Changes {
  for (const e of events) {
    if (e.type === 'message') into.messages.add(eventKey(e.dialogId, e.sequence));
    else if (e.type === 'receipt') into.receipts.add(eventKey(e.dialogId, e.sequence));
    else if (e.type === 'conversation') into.snapshots = true;
    else if (e.type === 'conversationRemoved') into.all = true;
    else if (e.type.startsWith('outbox')) into.outbox = true;
  }
  return into;
}
