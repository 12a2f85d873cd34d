// The liveness check while a message is pending, on a manual clock over a connection double: when it
// probes (exact times, measured against this server's slowest answer), and when a probe that gets no
// answer replaces the socket (only when nothing at all was heard since it went out).
import { describe, expect, it } from 'vitest';
import type { ChatStore } from '../core/store';
import { manualClock } from '../core/test-support/manualClock';
import type { Connection, Liveness } from './connection';
import { RequestFailedError, RequestTimeoutError } from './errors';
import { CHECK_MS, createSendLiveness } from './sendLiveness';

function setup(slowestAnswerMs: number, pending = true) {
  const { clock, advanceTo } = manualClock();
  const health: Liveness = { heardAt: 0, awaitingSince: 0, slowestAnswerMs };
  const probes: Array<{ at: number; timeoutMs: number; answer(error?: Error): void }> = [];
  const reconnects: string[] = [];
  const connection = {
    liveness: () => ({ ...health }),
    request: (_type: string, _body: unknown, options: { timeoutMs: number }) =>
      new Promise((resolve, reject) => probes.push({ at: clock.now(), timeoutMs: options.timeoutMs, answer: (error) => (error ? reject(error) : resolve({ code: 200, body: {} })) })),
    reconnect: (reason: string) => void reconnects.push(reason),
  } as unknown as Connection;
  const row = { kind: 'message', key: 'out:a', originator: 'consumer', participantId: 'me', at: 0, body: { kind: 'text', text: 'hi' }, receipt: pending ? 'pending' : 'sent', clientId: 'a' };
  const store = { getSnapshot: () => ({ chat: { stage: 'open', timeline: [row], unread: 0, names: {} }, connection: { status: 'online' } }) } as unknown as ChatStore;
  const liveness = createSendLiveness({ connection, store, clock, isOnline: () => true });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { health, probes, reconnects, liveness, advanceTo, flush };
}

describe('send liveness', () => {
  it('a fast server silent for CHECK_MS after a request is probed; no answer to the probe replaces the socket, once', async () => {
    const t = setup(40);
    t.liveness.check();
    t.advanceTo(CHECK_MS - 1);
    expect(t.probes).toHaveLength(0);
    t.advanceTo(CHECK_MS);
    expect(t.probes.map((p) => [p.at, p.timeoutMs])).toEqual([[CHECK_MS, CHECK_MS]]);
    t.probes[0]?.answer(new RequestTimeoutError('GetClock', CHECK_MS));
    await t.flush();
    expect(t.reconnects).toEqual(['no answer while a message was being sent']);
  });

  it('a server slow from the start (4.5 s answers) is given twice its slowness before a probe', () => {
    const t = setup(4_500);
    t.liveness.check();
    t.advanceTo(8_999);
    expect(t.probes).toHaveLength(0);
    t.advanceTo(9_000);
    expect(t.probes.map((p) => p.timeoutMs)).toEqual([9_000]);
  });

  it('anything heard while the probe waits, or an error answer, is life: the socket stays', async () => {
    const t = setup(40);
    t.liveness.check();
    t.advanceTo(CHECK_MS);
    t.health.heardAt = CHECK_MS + 500; // a notification, or the late answer to the publish
    t.health.awaitingSince = CHECK_MS + 500; // the next request, then silence again…
    t.probes[0]?.answer(new RequestTimeoutError('GetClock', CHECK_MS));
    await t.flush();
    t.advanceTo(CHECK_MS + 500 + CHECK_MS);
    expect(t.probes).toHaveLength(2);
    t.probes[1]?.answer(new RequestFailedError('GetClock', 429, {})); // …answered with an error
    await t.flush();
    expect(t.reconnects).toEqual([]);
  });

  it('nothing is probed while no message is pending, or no request waits for its answer', () => {
    const idle = setup(40, false);
    idle.liveness.check();
    idle.advanceTo(60_000);
    expect(idle.probes).toHaveLength(0);
    const answered = setup(40);
    answered.health.awaitingSince = undefined; // the last request was answered
    answered.liveness.check();
    answered.advanceTo(60_000);
    expect(answered.probes).toHaveLength(0);
  });
});
