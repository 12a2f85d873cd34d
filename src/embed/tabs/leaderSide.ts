// What the leading tab does with the backend's session (the only one of the visitor's tabs that has
// one): runs every tab's actions on it, at most once per message, and passes on the tabs' combined
// state (viewing, typing).
//
// A message carries the client id of the tab where it was typed. If the session has it already (this
// leader took it earlier, another page of the tab restored it from its outbox, or the history the
// new socket replayed holds it), the leader waits for that message's fate instead of sending it again;
// otherwise the session sends it under that client id (`preset`, read by the session's client-id
// source at once). So a message handed to two leaders, or twice to one, is published once.
import { sessionError, type ChatSession } from '../../core/session';
import type { TimelineRow } from '../../core/model';
import { clientIdOfRow } from '../../core/timeline';
import { FORWARDED, STATE_METHODS, type ForwardedMethod, type StateMethod } from './methods';
import type { PendingMessage } from './protocol';

export interface LeaderSide {
  run(method: ForwardedMethod, args: unknown[], message?: PendingMessage): Promise<unknown>;
  /** A tab's latest state (`undefined`: the tab left); the session gets whether any tab says true. */
  setState(tabId: string, method: StateMethod, value: boolean | undefined): void;
  /** The visitor's messages the session holds but has not had stored yet (handed over when this tab leaves). */
  unsent(): PendingMessage[];
  dispose(): void;
}

type Call = (...args: unknown[]) => Promise<unknown>;

const messageRow = (timeline: readonly TimelineRow[], clientId: string) =>
  timeline.find((r): r is Extract<TimelineRow, { kind: 'message' }> => r.kind === 'message' && r.clientId === clientId);

/**
 * `confirm`: whether this tab still leads (Election.confirm), asked before each message goes to the
 * session, so that a tab that hung and lost the lead meanwhile does not publish what the new leader
 * publishes too. When it says no, the tab follows (this side is disposed) and the call waits for the next leader.
 */
export function createLeaderSide(inner: ChatSession, preset: (clientId: string | undefined) => void, confirm: () => Promise<boolean>): LeaderSide {
  const inflight = new Map<string, Promise<unknown>>();
  const waiters = new Set<(error: Error) => void>();
  const states = new Map<StateMethod, Map<string, boolean>>(STATE_METHODS.map((m) => [m, new Map()]));
  const applied = new Map<StateMethod, boolean>();
  let disposed = false;

  /** The fate of a message the session holds: stored (resolves) or "Not sent" (rejects). */
  const fateOf = (clientId: string) =>
    new Promise<void>((resolve, reject) => {
      let unsubscribe = () => {};
      const done = (error?: Error) => {
        unsubscribe();
        waiters.delete(done);
        if (error) reject(error);
        else resolve();
      };
      const check = () => {
        const receipt = messageRow(inner.getSnapshot().chat.timeline, clientId)?.receipt;
        if (receipt === 'failed') done(sessionError('network', 'Message not sent'));
        else if (receipt !== undefined && receipt !== 'pending') done();
      };
      waiters.add(done);
      unsubscribe = inner.subscribe(check);
      check();
    });

  const call = (method: ForwardedMethod, args: unknown[]): Promise<unknown> => {
    const fn = (inner as unknown as Record<string, Call | undefined>)[method];
    if (typeof fn !== 'function') return Promise.reject(sessionError('notFound', `This chat cannot ${method}`));
    try {
      return Promise.resolve(fn.apply(inner, args));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const sendAs = async (clientId: string, method: ForwardedMethod, args: unknown[]) => {
    if (!(await confirm()) || disposed) throw sessionError('stopped', 'This tab no longer leads');
    // Another call may have brought the message meanwhile.
    if (messageRow(inner.getSnapshot().chat.timeline, clientId)) return fateOf(clientId);
    preset(clientId); // read at once by the session's client-id source, or not at all (a refused text)
    let sent: Promise<unknown>;
    try {
      sent = call(method, args);
    } finally {
      preset(undefined);
    }
    return sent;
  };

  const runMessage = (method: ForwardedMethod, args: unknown[], message: PendingMessage | undefined): Promise<unknown> => {
    const clientId = method === 'retry' ? (message?.clientId ?? clientIdOfRow(inner.getSnapshot().chat.timeline, String(args[0]))) : message?.clientId;
    if (clientId === undefined) return call(method, args);
    const running = inflight.get(clientId);
    if (running) return running;
    const row = messageRow(inner.getSnapshot().chat.timeline, clientId);
    let result: Promise<unknown>;
    if (method === 'retry') {
      // A new leader may not know the message failed (the old one did): send it again under its id.
      if (row?.receipt === 'failed') result = confirm().then((leads) => (leads && !disposed ? call('retry', [row.key]) : Promise.reject(sessionError('stopped', 'This tab no longer leads'))));
      else if (row) result = fateOf(clientId);
      else if (message) result = sendAs(clientId, 'send', [message.text]);
      else result = Promise.reject(sessionError('notFound', 'There is no failed message with that id'));
    } else result = row ? fateOf(clientId) : sendAs(clientId, method, args);
    inflight.set(clientId, result);
    result.then(
      () => inflight.delete(clientId),
      () => inflight.delete(clientId),
    );
    return result;
  };

  return {
    run(method, args, message) {
      if (disposed) return Promise.reject(sessionError('stopped', 'The chat session stopped'));
      return FORWARDED[method] === 'message' ? runMessage(method, args, message) : call(method, args);
    },
    setState(tabId, method, value) {
      const values = states.get(method);
      if (!values || disposed) return;
      if (value === undefined) values.delete(tabId);
      else values.set(tabId, value);
      const any = [...values.values()].some(Boolean);
      if (applied.get(method) === any) return;
      applied.set(method, any);
      void call(method, [any]).catch(() => undefined);
    },
    unsent() {
      return inner
        .getSnapshot()
        .chat.timeline.flatMap((r) =>
          r.kind === 'message' && r.originator === 'consumer' && r.receipt === 'pending' && r.clientId !== undefined && r.body.kind === 'text'
            ? [{ clientId: r.clientId, text: r.body.text, createdAt: r.at }]
            : [],
        );
    },
    dispose() {
      disposed = true;
      for (const done of [...waiters]) done(sessionError('stopped', 'The chat session stopped'));
    },
  };
}
