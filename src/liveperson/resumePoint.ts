// Where a dialog subscription resumes (fromSeq). Not "highest sequence held + 1": one frame with a
// bogus high sequence would then hide every real event below it after the next reconnect. Instead:
// one past the unbroken run of sequences held, from 0 or from a floor that a history replay proved.
//
// Gaps are normal: receipts and content both consume sequences, so a hole is an event not received
// yet, and resuming at it is what fetches it. Some holes never fill: events the consumer is not shown
// (agents' private notes) or cannot decode; resuming at such a hole costs a replay of what follows
// it (at most one history page), never a lost event. And the server replays only the newest
// HISTORY_CAP events: when a subscription from F brings a full page starting at R > F, F..R-1 will
// never come, so R is a floor the run restarts from. Only a full page proves a floor: a few frames
// (a bogus one during an empty replay) could otherwise skip real events.
import type { ChatState } from '../core/state';
import { factsOf } from '../core/factTable';

/** Events the server replays at most (protocol reference §5.1, "1000 conversation events"). */
export const HISTORY_CAP = 1000;

/** The sequences of the dialog the state holds (content and receipts). */
function heldSequences(state: ChatState, dialogId: string): Set<number> {
  const held = new Set<number>();
  for (const event of [...factsOf(state.messages), ...factsOf(state.receipts)]) if (event.dialogId === dialogId) held.add(event.sequence);
  return held;
}

/**
 * The sequence to subscribe from: one past the highest S such that every sequence ≤ S is held,
 * where the sequences below `floor` count as held (0 when nothing is).
 */
export function nextSequence(state: ChatState, dialogId: string, floor = 0): number {
  const held = heldSequences(state, dialogId);
  let next = 0;
  for (;;) {
    while (held.has(next)) next += 1;
    if (next >= floor) return next;
    next = floor;
  }
}

/**
 * The floor a completed replay proves: `from` is the fromSeq subscribed with, `seen` the sequences
 * of the dialog received between that subscribe and the round trip after it. Only a full history
 * page that starts above `from` proves one; otherwise undefined.
 */
export function replayFloor(from: number, seen: ReadonlySet<number>): number | undefined {
  let first = Infinity;
  let page = 0;
  for (const s of seen) {
    if (s < first) first = s;
    if (s >= from) page += 1;
  }
  return first > from && page >= HISTORY_CAP ? first : undefined;
}
