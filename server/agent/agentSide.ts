// LivePerson's agent side on the stand-in: the agentVep login and the brand WebSocket that
// node-agent-sdk connects to (docs/stand-in.md, "Agent side"). One BrandHub per account.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer } from 'ws';
import type { StandInContext } from '../context';
import { Close, CloseReasons, Errors } from '../errors';
import { json, route, type Route } from '../http/router';
import { ACCOUNT_ID, type Account } from '../state/accounts';
import { BrandConnection } from './brandConnection';
import { BrandHub } from './hub';
import { agentLoginRoutes } from './login';
import { AgentSessions } from './sessions';

const BRAND_PATH = /^\/ws_api\/account\/([^/]+)\/messaging\/brand\/([^/]+)$/;
/** The agent API versions node-agent-sdk speaks (lib/Transport.js: 2.1 by default; 2 documented). */
const VERSIONS = new Set(['2', '2.1']);

function refuse(socket: Duplex, status: string, text = ''): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

export class AgentSide {
  readonly sessions = new AgentSessions();
  readonly connections = new Set<BrandConnection>();
  private readonly hubs = new Map<string, BrandHub>();

  constructor(private readonly ctx: StandInContext) {}

  routes(): Route[] {
    return [
      ...agentLoginRoutes(this.ctx, this.sessions),
      // The stand-in's own fault: cut every brand socket (terminated, like a network drop).
      route('POST', /^\/agent\/api\/faults\/drop-agents$/, (_req, res) => {
        const sockets = [...this.connections];
        for (const c of sockets) c.drop();
        this.ctx.faults.counters.drops += sockets.length;
        json(res, 200, { dropped: sockets.length });
      }),
    ];
  }

  hubOf(account: Account): BrandHub {
    let hub = this.hubs.get(account.id);
    if (!hub) this.hubs.set(account.id, (hub = new BrandHub(account)));
    return hub;
  }

  /** Takes the upgrade when its path is a brand socket's; returns false otherwise. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, wss: WebSocketServer): boolean {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return false;
    }
    const m = BRAND_PATH.exec(url.pathname);
    if (!m) return false;
    const [, accountId = '', token = ''] = m;
    if (!ACCOUNT_ID.test(accountId)) return refuse(socket, '400 Bad Request', Errors.badAccount), true;
    const version = url.searchParams.get('v') ?? '';
    if (!VERSIONS.has(version)) return refuse(socket, '400 Bad Request', Errors.badField('v', '2 or 2.1')), true;
    let bearer = token;
    try {
      bearer = decodeURIComponent(token);
    } catch {
      // not percent-encoded: used as it is
    }
    const session = this.sessions.byToken(accountId, bearer);
    if (!session) return refuse(socket, '401 Unauthorized', Errors.badBearer), true;
    const account = this.ctx.registry.get(accountId);
    const agent = account.agent(session.agentId);
    if (!agent) return refuse(socket, '401 Unauthorized', Errors.badBearer), true;
    wss.handleUpgrade(req, socket, head, (ws) => {
      const c = new BrandConnection(ws, agent, account, this.hubOf(account), this.ctx.options, (x) => this.connections.delete(x));
      this.connections.add(c);
    });
    return true;
  }

  stop(): void {
    for (const c of [...this.connections]) {
      c.close(Close.normal, CloseReasons.shutdown);
      c.cleanup();
    }
  }
}
