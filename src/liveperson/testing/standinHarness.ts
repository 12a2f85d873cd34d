// Session tests against the real in-process stand-in over real sockets: control API calls, a
// WebSocket that records every frame the client sends and checks it, and every frame it receives,
// against LivePerson's schemas,
// and helpers to wait for a session snapshot.
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { accountControl, faultControl, type AccountControl, type FaultControl } from '../../../server/control-client';
import { startStandIn, type StandIn } from '../../../server/standin';
import { schemasAvailable, validateClientFrame, validateServerFrame } from '../../../test/lp-schemas';
import type { ChatSession, SessionSnapshot } from '../../core/session';
import type { WebSocketClass } from '../connection';

export type SentFrame = Record<string, unknown> & { type?: string; body?: Record<string, unknown> };

/** What went over the client sockets, in the order the client saw it: requests out, frames in. */
export type WireLogEntry = { dir: 'out'; frame: SentFrame } | { dir: 'in'; frame: Record<string, unknown> };

export interface Harness {
  standIn: StandIn;
  sent: SentFrame[];
  /** Every frame sent and received, interleaved (for round-trip counts: roundTrips()). */
  log: WireLogEntry[];
  schemaProblems: string[];
  WebSocket: WebSocketClass;
  account(): string;
  /** The control API of one account (server/control-client.ts); a non-2xx answer throws. */
  control(account: string): AccountControl;
  /** The stand-in's server-wide faults. */
  faults: FaultControl;
  /** Delivers `text` to the newest open client socket as if the server had sent it (not schema-checked: it may be hostile). */
  inject(text: string): void;
  stop(): Promise<void>;
}

export async function startHarness(options: Parameters<typeof startStandIn>[0] = {}): Promise<Harness> {
  const standIn = await startStandIn({ port: 0, ...options });
  const sent: SentFrame[] = [];
  const log: WireLogEntry[] = [];
  const schemaProblems: string[] = [];
  // LivePerson's schemas are read from ../shared at run time; without them the check is skipped (and says so).
  const checking = schemasAvailable();
  if (!checking) console.warn('lp-schemas not found next to the repository: frames are not schema-checked');
  const sockets: WebSocket[] = [];
  let injecting = false;
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
      // every frame the stand-in sends is checked too (a server frame that breaks the schema is a stand-in bug)
      this.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        if (!isBinary && !injecting) {
          try {
            log.push({ dir: 'in', frame: JSON.parse((Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8')) as Record<string, unknown> });
          } catch {
            // not JSON: checked below
          }
        }
        if (!checking || injecting) return;
        if (isBinary) return void schemaProblems.push('received a binary frame');
        let frame: unknown;
        try {
          frame = JSON.parse((Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8'));
        } catch {
          return void schemaProblems.push(`received malformed JSON: ${String(data).slice(0, 200)}`);
        }
        const problems = validateServerFrame(frame);
        if (problems.length > 0) schemaProblems.push(`received ${JSON.stringify(frame).slice(0, 300)}: ${problems.join('; ')}`);
      });
    }

    override send(data: unknown, ...rest: unknown[]): void {
      const frame = JSON.parse(String(data)) as SentFrame;
      sent.push(frame);
      log.push({ dir: 'out', frame });
      const problems = checking ? validateClientFrame(frame) : [];
      if (problems.length > 0) schemaProblems.push(`${String(frame.type)}: ${problems.join('; ')}`);
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  return {
    standIn,
    sent,
    log,
    schemaProblems,
    WebSocket: RecordingWebSocket,
    account: () => `t${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    control: (account) => accountControl(standIn.url, account),
    faults: faultControl(standIn.url),
    inject(text) {
      const socket = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).at(-1);
      if (!socket) throw new Error('inject: no open client socket');
      injecting = true;
      try {
        socket.emit('message', Buffer.from(text, 'utf8'), false);
      } finally {
        injecting = false;
      }
    },
    stop: () => standIn.stop(),
  };
}

/** Resolves with the first snapshot (current or later) that satisfies `predicate`. */
export function waitForSnapshot(session: ChatSession, predicate: (s: SessionSnapshot) => boolean, timeoutMs = 8_000): Promise<SessionSnapshot> {
  return new Promise((resolve, reject) => {
    const current = session.getSnapshot();
    if (predicate(current)) return resolve(current);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`waitForSnapshot timed out; last: ${JSON.stringify(session.getSnapshot()).slice(0, 1500)}`));
    }, timeoutMs);
    const unsubscribe = session.subscribe((snapshot) => {
      if (!predicate(snapshot)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(snapshot);
    });
  });
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 8_000, what = 'condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`eventually: ${what} not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The sequential round trips among the requests of `log` whose type is in `types`: a request sent
 * before any answer to an earlier request had arrived is in the same flight as that one; one sent
 * after an answer arrived is at least one flight later. Returns the number of flights.
 */
export function roundTrips(log: readonly WireLogEntry[], types: readonly string[]): number {
  const flightOf = new Map<string, number>();
  let answered = 0;
  let flights = 0;
  for (const entry of log) {
    const id = String(entry.frame.dir === undefined && entry.dir === 'out' ? entry.frame.id : entry.frame.reqId);
    if (entry.dir === 'out') {
      if (!types.includes(String(entry.frame.type))) continue;
      const flight = answered + 1;
      flightOf.set(id, flight);
      flights = Math.max(flights, flight);
    } else if (entry.frame.kind === 'resp' && flightOf.has(id)) {
      answered = Math.max(answered, flightOf.get(id) ?? 0);
    }
  }
  return flights;
}
