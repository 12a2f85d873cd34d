// What a batch of events may have changed, for the incremental view (view.ts): the keys of the
// message and receipt facts they touch, whether a snapshot arrived, and whether the outbox, typing
// or profiles moved. A removal drops facts no event names: `all`.
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
  typing: boolean;
  profiles: boolean;
}

export const everything = (): Changes => ({ all: true, snapshots: true, messages: new Set(), receipts: new Set(), outbox: true, typing: true, profiles: true });
export const nothing = (): Changes => ({ all: false, snapshots: false, messages: new Set(), receipts: new Set(), outbox: false, typing: false, profiles: false });

/** Adds what `events` may change to `into` (returned). */
export function addChanges(into: Changes, events: readonly CoreEvent[]): Changes {
  for (const e of events) {
    switch (e.type) {
      case 'message':
        into.messages.add(eventKey(e.dialogId, e.sequence));
        break;
      case 'receipt':
        into.receipts.add(eventKey(e.dialogId, e.sequence));
        break;
      case 'typing':
        into.typing = true;
        break;
      case 'profile':
        into.profiles = true;
        break;
      case 'conversation':
        into.snapshots = true;
        break;
      case 'conversationRemoved':
        into.all = true;
        break;
      default:
        into.outbox = true;
    }
  }
  return into;
}
