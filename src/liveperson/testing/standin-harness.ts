// Session tests against the real in-process stand-in over real sockets: control API calls, a
// WebSocket that records (and schema-checks, when the checker is available) every frame the
// client sends, and helpers to wait for a session snapshot.
import WebSocket from 'ws';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startStandIn, type StandIn } from '../../../server/standin';
import type { ChatSession, SessionSnapshot } from '../../core/session';
import type { WebSocketClass } from '../connection';

export type SentFrame = Record<string, unknown> & { type?: string; body?: Record<string, unknown> };

type FrameCheck = (frame: unknown) => string[] | undefined;

/** The LivePerson schema check (test/lp-schemas.ts), when both it and the schemas are present. */
export async function loadFrameCheck(): Promise<FrameCheck | undefined> {
  const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');
  const module = path.join(repoRoot, 'test', 'lp-schemas.ts');
  if (!existsSync(module) || !existsSync(path.resolve(repoRoot, '..', 'shared', 'lp-schemas'))) return undefined;
  const loaded = (await import(/* @vite-ignore */ module)) as { validateClientFrame?: (frame: unknown) => unknown };
  const validate = loaded.validateClientFrame;
  if (typeof validate !== 'function') return undefined;
  return (frame) => {
    const result = validate(frame) as { ok?: boolean; valid?: boolean; errors?: unknown[] } | boolean | string[] | undefined;
    if (result === true || result === undefined) return undefined;
    if (Array.isArray(result)) return result.length ? result.map(String) : undefined;
    if (typeof result === 'object' && (result.ok === true || result.valid === true)) return undefined;
    if (typeof result === 'object' && (result.ok === false || result.valid === false)) return (result.errors ?? ['invalid']).map((e) => JSON.stringify(e));
    return undefined;
  };
}

export interface Harness {
  standIn: StandIn;
  sent: SentFrame[];
  schemaProblems: string[];
  WebSocket: WebSocketClass;
  account(): string;
  control<T = unknown>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

export async function startHarness(options: Parameters<typeof startStandIn>[0] = {}): Promise<Harness> {
  const standIn = await startStandIn({ port: 0, ...options });
  const sent: SentFrame[] = [];
  const schemaProblems: string[] = [];
  const check = await loadFrameCheck();
  class RecordingWebSocket extends WebSocket {
    override send(data: unknown, ...rest: unknown[]): void {
      const frame = JSON.parse(String(data)) as SentFrame;
      sent.push(frame);
      const problems = check?.(frame);
      if (problems) schemaProblems.push(`${String(frame.type)}: ${problems.join('; ')}`);
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  return {
    standIn,
    sent,
    schemaProblems,
    WebSocket: RecordingWebSocket,
    account: () => `t${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    async control<T>(method: string, route: string, body?: unknown): Promise<T> {
      const response = await fetch(`${standIn.url}/agent/api/${route}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
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
