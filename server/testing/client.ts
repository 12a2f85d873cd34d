// A typed consumer test client over a real `ws` socket: requests awaited by reqId, notifications
// collected, and every frame sent and received checked against LivePerson's schemas.
import WebSocket from 'ws';
import type { Notification, Response } from '../../src/liveperson/wire';
import { schemasAvailable, validateClientFrame, validateServerFrame } from '../../test/lp-schemas';

export type ServerFrame = Response | Notification;

export interface ConnectOptions {
  /** Sent as `Authorization: jwt …` on the upgrade. */
  jwt?: string;
  /** Sent as the `Client-Properties` header on the upgrade (JSON), as non-browser clients may. */
  clientProperties?: Record<string, unknown>;
  /** Sent as an InitConnection right after the socket opens (not awaited, like real clients). */
  init?: { jwt?: string; features?: string[] };
}

interface Waiter {
  pred: (f: ServerFrame) => boolean;
  resolve: (f: ServerFrame) => void;
}

const checking = schemasAvailable();

export class TestClient {
  readonly frames: ServerFrame[] = [];
  /** Schema violations seen so far (each with the offending frame); the harness fails the test on any. */
  readonly schemaErrors: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: Waiter[] = [];
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return void this.schemaErrors.push('server sent a binary frame');
      let frame: ServerFrame;
      try {
        frame = JSON.parse((data as Buffer).toString('utf8')) as ServerFrame;
      } catch {
        return void this.schemaErrors.push(`server sent malformed JSON: ${String(data)}`);
      }
      if (checking) for (const e of validateServerFrame(frame)) this.schemaErrors.push(`${e} in ${JSON.stringify(frame).slice(0, 400)}`);
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.pred(frame) ? (w.resolve(frame), false) : true));
    });
    ws.on('error', () => undefined);
  }

  static async connect(wsUrl: string, opts: ConnectOptions = {}): Promise<TestClient> {
    const headers: Record<string, string> = {};
    if (opts.jwt) headers.Authorization = `jwt ${opts.jwt}`;
    if (opts.clientProperties) headers['Client-Properties'] = JSON.stringify(opts.clientProperties);
    const ws = new WebSocket(wsUrl, { headers });
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    if (opts.init) {
      const headers: unknown[] = [];
      if (opts.init.features) headers.push({ type: '.ams.headers.ClientProperties', appId: 'webAsync', features: opts.init.features });
      if (opts.init.jwt) headers.push({ type: '.ams.headers.ConsumerAuthentication', jwt: opts.init.jwt });
      client.send({ kind: 'req', id: 'init', type: 'InitConnection', headers });
    }
    return client;
  }

  /** Sends a frame that must be schema-valid (throws otherwise). */
  send(frame: Record<string, unknown>): void {
    const errors = checking ? validateClientFrame(frame) : [];
    if (errors.length) throw new Error(`client frame violates the schema: ${errors.join('; ')} in ${JSON.stringify(frame)}`);
    this.ws.send(JSON.stringify(frame));
  }

  /** Sends anything, unchecked (for bad-input tests). */
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Sends a request and resolves with its response. */
  async request(type: string, body?: unknown, extra: { id?: string | number; metadata?: unknown[] } = {}): Promise<Response> {
    const id = extra.id ?? `r${this.nextId++}`;
    const frame: Record<string, unknown> = { kind: 'req', id, type };
    if (body !== undefined) frame.body = body;
    if (extra.metadata) frame.metadata = extra.metadata;
    const since = this.mark();
    this.send(frame);
    return (await this.waitFor((f) => f.kind === 'resp' && f.reqId === String(id), { since })) as Response;
  }

  /** The first frame (already received after `since`, or future) matching `pred`. */
  waitFor(pred: (f: ServerFrame) => boolean, { since = 0, timeoutMs = 3000 } = {}): Promise<ServerFrame> {
    const seen = this.frames.slice(since).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out after ${timeoutMs} ms; frames: ${JSON.stringify(this.frames.slice(since)).slice(0, 1500)}`));
      }, timeoutMs);
      const waiter: Waiter = { pred, resolve: (f) => (clearTimeout(timer), resolve(f)) };
      this.waiters.push(waiter);
    });
  }

  notifications(type?: string, since = 0): Notification[] {
    return this.frames.slice(since).filter((f): f is Notification => f.kind === 'notification' && (!type || f.type === type));
  }

  /** How many frames arrived so far (a cursor for waitFor/notifications). */
  mark(): number {
    return this.frames.length;
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
  }
}
