// A shorter liveness check while the visitor waits for a send. A socket can die without the browser
// noticing (no offline event, no close): a request then waits for its own timeout (10 s), or the
// keep-alive for its period and timeout. While a visitor's message is pending and the server has
// said nothing at all for a while since a request went to it, the session asks the server the time
// (GetClock); when nothing at all comes back before that check's timeout either, the socket is dead
// and is replaced, and the message goes out on the next one (at most once: ExternalId).
//
// "A while" is measured against this server, not fixed: the longer of CHECK_MS and twice the
// slowest answer seen on this socket (InitConnection and the subscriptions give the first measures),
// for the silence and again for the check. So a socket is replaced after at least 6 s of silence
// with a question outstanding; a server that is slow from the start is never taken for a dead one,
// and one that turns slower than 6 s mid-socket looks dead to any client: this one reconnects once,
// then measures the slowness on the new socket. Any frame heard meanwhile counts as alive.
import type { ChatStore } from '../core/store';
import type { Clock } from '../core/clock';
import type { Connection } from './connection';
import { RequestTimeoutError } from './errors';
import { RequestTypes } from './wire';

/** The least quiet that starts a check, and the least time the check waits for an answer. */
export const CHECK_MS = 3_000;

export interface SendLivenessDeps {
  connection: Connection;
  store: ChatStore;
  clock: Clock;
  isOnline: () => boolean;
}

export function createSendLiveness({ connection, store, clock, isOnline }: SendLivenessDeps) {
  let timer: unknown;
  let probing = false;
  let disposed = false;
  const pending = () => store.getSnapshot().chat.timeline.some((r) => r.kind === 'message' && r.originator === 'consumer' && r.receipt === 'pending');
  const patience = () => Math.max(CHECK_MS, 2 * connection.liveness().slowestAnswerMs);

  const checkPendingSend = () => {
    clock.clearTimeout(timer);
    timer = undefined;
    if (disposed || probing || !isOnline() || !pending()) return;
    const { awaitingSince } = connection.liveness();
    const wait = patience();
    // Nothing is waiting for an answer: the message waits for something else (a backoff, the conversation).
    if (awaitingSince === undefined) return void (timer = clock.setTimeout(checkPendingSend, wait));
    const quiet = clock.now() - awaitingSince;
    if (quiet < wait) return void (timer = clock.setTimeout(checkPendingSend, wait - quiet));
    probing = true;
    const probeAt = clock.now();
    connection.request(RequestTypes.GetClock, undefined, { timeoutMs: wait }).then(
      () => {
        probing = false;
        checkPendingSend(); // a slow server, not a dead socket: check again later
      },
      (error: unknown) => {
        probing = false;
        // Only silence means a dead socket: an error answer is an answer, and so is any frame heard since.
        if (error instanceof RequestTimeoutError && isOnline() && connection.liveness().heardAt < probeAt) connection.reconnect('no answer while a message was being sent');
        else checkPendingSend();
      },
    );
  };

  return {
    /** Called after every change of the session's state: starts checking when a message is pending. */
    check() {
      if (timer === undefined && !probing) checkPendingSend();
    },
    dispose() {
      disposed = true;
      clock.clearTimeout(timer);
    },
  };
}
