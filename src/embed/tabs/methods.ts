// How each ChatSession method crosses the tabs (src/core/session.ts is the contract). A method the
// UI may call that is not listed here is not forwarded: add it with its kind.
//
// - 'message': sends a visitor message under a client id minted in the tab where it was typed; kept
//   by that tab until the leader answered, and given to a new leader again after a handover (the
//   client id makes it idempotent: the leader joins a message it already has, and LivePerson's
//   outbox reconciles by ExternalId = client id).
// - 'action': a call the leader answers; kept until it did, and given to a new leader again.
//   (`start` here is the Retry after a connection error: the first start() of a tab is its own.)
// - 'state': the latest value of each tab counts; the leader passes on whether any tab says true.
import type { ChatSession } from '../../core/session';

export type MethodKind = 'message' | 'action' | 'state';

export const FORWARDED = {
  start: 'action',
  send: 'message',
  chooseQuickReply: 'message',
  retry: 'message',
  endConversation: 'action',
  fileUrl: 'action',
  setComposing: 'state',
  markSeen: 'action',
  markUrgent: 'action',
  rateConversation: 'action',
} as const satisfies Partial<Record<keyof ChatSession, MethodKind>>;

export type ForwardedMethod = keyof typeof FORWARDED;
export type StateMethod = { [K in ForwardedMethod]: (typeof FORWARDED)[K] extends 'state' ? K : never }[ForwardedMethod];

export const isForwarded = (method: string): method is ForwardedMethod => Object.hasOwn(FORWARDED, method);

export const STATE_METHODS = (Object.keys(FORWARDED) as ForwardedMethod[]).filter((m): m is StateMethod => FORWARDED[m] === 'state');
