// How each ChatSession method crosses the tabs (src/core/session.ts is the contract). A method the
// UI may call that is not listed here is not forwarded: add it with its kind.
//
// - 'message': sends a visitor message under a client id minted in the tab where it was typed; kept
//   by that tab until the leader answered, and given to a new leader again after a handover (the
//   client id makes it idempotent: the leader joins a message it already has, and LivePerson's
//   outbox reconciles by ExternalId = client id).
// - 'action': a call the leader answers; kept until it did, and given to a new leader again.
//   (`start` here is the Retry after a connection error: the first start() of a tab is its own.)
// - 'file': a visitor's file (ChatSession.files.send), under a client id minted in the tab where it
//   was picked, like a message: given to a new leader again, published once. Its bytes are the
//   caller's (a Blob crosses the channel as a structured clone), so it is kept in that tab's memory
//   only, never in its sessionStorage, and never handed over as text.
// - 'state': the latest value of each tab counts; the leader passes on whether any tab says true.
//
// `openEarlier` answers when the earlier conversation's history is in; how long it stays open is
// each tab's state (protocol.ts `state.earlier`), so that a new leader opens it again.
// `sendFile` and `cancelFile` are ChatSession.files' send and cancel.
import type { ChatSession } from '../../core/session';

export type MethodKind = 'message' | 'file' | 'action' | 'state';

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
  openEarlier: 'action',
  sendFile: 'file',
  cancelFile: 'action',
} as const satisfies Partial<Record<keyof ChatSession | 'sendFile' | 'cancelFile', MethodKind>>;

export type ForwardedMethod = keyof typeof FORWARDED;
export type StateMethod = { [K in ForwardedMethod]: (typeof FORWARDED)[K] extends 'state' ? K : never }[ForwardedMethod];

export const isForwarded = (method: string): method is ForwardedMethod => Object.hasOwn(FORWARDED, method);

export const STATE_METHODS = (Object.keys(FORWARDED) as ForwardedMethod[]).filter((m): m is StateMethod => FORWARDED[m] === 'state');
