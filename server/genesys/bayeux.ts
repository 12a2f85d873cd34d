// One real Bayeux server (cometd-nodejs-server) behind the stand-in's HTTP server, with what the
// library leaves out: a body size limit, malformed-message errors, a long poll whose client went
// away, delayed deliveries, and a restart that makes every session unknown (a node failover).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type * as CometDNode from 'cometd-nodejs-server';
import { MAX_DEPTH, nestedDeeperThan } from '../nesting';
import type { Timers } from '../timers';

// The package is CommonJS whose exports Node cannot name statically: load it with require.
const { createCometDServer } = createRequire(import.meta.url)('cometd-nodejs-server') as typeof CometDNode;

export type CometDServer = CometDNode.CometDServer;
export type ServerSession = CometDNode.ServerSession;

/** The largest Bayeux request body accepted (bytes); bigger ones get 413. */
export const MAX_BAYEUX_BYTES = 256 * 1024;
/** At most this many messages in one Bayeux request. */
const MAX_BATCH = 100;

export interface BayeuxOptions {
  /** How long a /meta/connect is held (ms). */
  timeout: number;
  /** How long a session lives without a /meta/connect (ms). */
  maxInterval: number;
}

/** Reads the body with a size limit: undefined when it was too large (413 sent). */
async function readBody(req: IncomingMessage, res: ServerResponse, what: string): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BAYEUX_BYTES) {
      console.warn(`stand-in genesys: ${what}: request body over ${MAX_BAYEUX_BYTES} bytes refused`);
      reply400(res, 413, '413::message_too_large');
      req.destroy();
      return undefined;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A Bayeux-shaped error body for a request the library never saw. [INF] the Bayeux spec leaves it open. */
function reply400(res: ServerResponse, status: number, error: string): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify([{ successful: false, error }]));
}

type Message = Record<string, unknown> & { channel: string };

/** The messages of a Bayeux request body, or why it is malformed. */
export function parseBayeux(text: string): Message[] | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'the body is not JSON';
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.length > MAX_BATCH) return `a request holds 1..${MAX_BATCH} messages`;
  if (nestedDeeperThan(list, MAX_DEPTH)) return `the request is nested deeper than ${MAX_DEPTH} levels`;
  for (const m of list) {
    if (typeof m !== 'object' || m === null || Array.isArray(m)) return 'every message must be an object';
    const { channel, clientId, id } = m as Record<string, unknown>;
    if (typeof channel !== 'string' || !channel.startsWith('/')) return 'every message needs a channel (a string starting with /)';
    if (clientId !== undefined && typeof clientId !== 'string') return 'clientId must be a string';
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') return 'id must be a string or a number';
  }
  return list as Message[];
}

type Suspendable = { _scheduler?: { cancel(): void } | null };

export class BayeuxEndpoint {
  server: CometDServer;
  private delayMs = 0;
  /** When the last delayed delivery goes out: deliveries keep their order when the delay changes. */
  private lastDue = 0;
  /** The /meta/connect each client holds now. */
  private readonly held = new Map<string, ServerResponse>();

  constructor(
    readonly name: string,
    private readonly options: BayeuxOptions,
    private readonly timers: Timers,
    /** Adds channels, listeners and policy to a (new) server. */
    private readonly install: (server: CometDServer) => void,
  ) {
    this.server = this.create();
  }

  private create(): CometDServer {
    const server = createCometDServer({ timeout: this.options.timeout, maxInterval: this.options.maxInterval });
    this.install(server);
    return server;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      console.warn(`stand-in genesys: ${this.name}: ${req.method} refused (Bayeux long-polling is POST only)`);
      return reply400(res, 400, '400::method_not_allowed');
    }
    const text = await readBody(req, res, this.name);
    if (text === undefined) return;
    const messages = parseBayeux(text);
    if (typeof messages === 'string') {
      console.warn(`stand-in genesys: ${this.name}: malformed Bayeux request: ${messages}`);
      return reply400(res, 400, `400::message_malformed: ${messages}`);
    }
    const connect = messages.find((m) => m.channel === '/meta/connect');
    if (typeof connect?.clientId === 'string') this.trackConnect(connect.clientId, res);
    (req as IncomingMessage & { body?: unknown }).body = messages;
    const server = this.server;
    try {
      server.handle(req, res);
    } catch (e) {
      console.error(`stand-in genesys: ${this.name}: the Bayeux server failed`, e);
      if (!res.headersSent) reply400(res, 500, '500::internal');
    }
  }

  /**
   * A held /meta/connect whose client went away: its suspension is cancelled, so the messages
   * queued for the session wait for the next /meta/connect instead of being written to a closed
   * socket. (cometd-nodejs-server drains the queue into whatever response is held.)
   */
  private trackConnect(clientId: string, res: ServerResponse): void {
    const server = this.server;
    this.held.set(clientId, res);
    res.once('close', () => {
      if (this.held.get(clientId) !== res) return;
      this.held.delete(clientId);
      if (res.writableFinished) return;
      const session = server.getServerSession(clientId) as unknown as Suspendable | undefined;
      session?._scheduler?.cancel();
    });
  }

  /** Closes the sockets of every held long poll (the clients retry /meta/connect). */
  dropLongPolls(): number {
    const open = [...this.held.values()].filter((res) => !res.writableFinished);
    for (const res of open) res.socket?.destroy();
    return open.length;
  }

  /** A fresh Bayeux server behind the same HTTP server: every session becomes unknown (402::session_unknown). */
  restart(): void {
    const old = this.server;
    this.server = this.create();
    this.dropLongPolls();
    this.held.clear();
    old.close();
  }

  setDelay(ms: number): void {
    this.delayMs = ms;
  }

  get delay(): number {
    return this.delayMs;
  }

  /** Sends `data` on `channel` to one session (after the injected delay); dropped if the session is unknown by then. */
  deliver(sessionId: string, channel: string, data: unknown): void {
    const send = () => {
      const session = this.server.getServerSession(sessionId);
      if (session) session.deliver(null, channel, data);
    };
    const now = Date.now();
    if (this.delayMs === 0 && this.lastDue <= now) return send();
    const due = Math.max(now + this.delayMs, this.lastDue);
    this.lastDue = due;
    this.timers.after(due - now, send);
  }

  session(id: string): ServerSession | undefined {
    return this.server.getServerSession(id) ?? undefined;
  }

  close(): void {
    this.dropLongPolls();
    this.server.close();
  }
}
