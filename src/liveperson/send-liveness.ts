// A shorter liveness check while the visitor waits for a send: a message still pending, with the
// socket thought open, a request sent and nothing heard from the server since for a while, makes the session ask the
// server the time (GetClock); no answer soon means the socket is dead though the browser has not
// noticed (the keep-alive alone would take its whole period and timeout), so it is replaced and the
// message goes out on the next one. A server that answered (even with an error: the outbox is then waiting to try again) is not probed.
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import type { Connection } from './connection';
import { RequestTimeoutError } from './errors';
import { RequestTypes } from './wire';

/** A message pending and the server silent this long starts a check… */
export const PENDING_CHECK_MS = 2000;
/** …which the server must answer this fast. */
export const PENDING_PROBE_MS = 2000;

export interface SendLivenessDeps {
  connection: Connection;
  store: ChatStore;
  clock: Clock;
  isOnline: () => boolean;
}

export function createSendLiveness({ connection, store, clock, isOnline }: SendLivenessDeps) {
  let timer: unknown;
  let probing = false;
  const pending = () => store.getSnapshot().chat.timeline.some((r) => r.kind === 'message' && r.receipt === 'pending');
  const probe = () => {
    timer = undefined;
    if (!isOnline() || !pending() || probing) return;
    const quietFor = clock.now() - connection.lastHeardAt;
    const awaitingAnswer = connection.lastSentAt > connection.lastHeardAt;
    if (!awaitingAnswer) {
      timer = clock.setTimeout(probe, PENDING_CHECK_MS);
      return;
    }
    if (quietFor < PENDING_CHECK_MS) {
      timer = clock.setTimeout(probe, PENDING_CHECK_MS - quietFor);
      return;
    }
    probing = true;
    connection.request(RequestTypes.GetClock, undefined, { timeoutMs: PENDING_PROBE_MS }).then(
      () => {
        probing = false;
        check(); // still pending (a slow server, not a dead socket): look again later
      },
      (error: unknown) => {
        probing = false;
        // Only silence means a dead socket; an error answer (a rate limit, a 500) is an answer.
        if (error instanceof RequestTimeoutError && isOnline()) connection.reconnect('no answer while a message was being sent');
        else check();
      },
    );
  };
  /** Call on every change: arms the check while a message is pending. */
  const check = () => {
    if (timer === undefined && isOnline() && pending()) timer = clock.setTimeout(probe, PENDING_CHECK_MS);
  };
  return {
    check,
    dispose() {
      clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
