// startStandIn: the stand-in LivePerson (HTTP + consumer WebSocket) on 127.0.0.1. See docs/stand-in.md.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { AgentSide } from './agent/agentSide';
import { StandInContext } from './context';
import { Close, CloseReasons, Errors } from './errors';
import { createGenesys } from './genesys';
import { controlRoutes } from './http/control';
import { domainRoutes } from './http/domains';
import { faultRoutes } from './http/faults';
import { identityRoutes } from './http/identity';
import { json, runRoutes } from './http/router';
import { serveStatic } from './http/static';
import { handleSwift } from './http/swift';
import { streamRoutes } from './http/stream';
import { resolveOptions, type StandInOptions } from './options';
import { ACCOUNT_ID } from './state/accounts';
import { makeCertificate } from './tls';
import { fromUpgrade } from './ws/auth';
import { ConsumerConnection } from './ws/connection';

export type { StandInOptions } from './options';

export interface StandIn {
  /** http://127.0.0.1:PORT */
  url: string;
  /** 127.0.0.1:PORT */
  host: string;
  port: number;
  /** The TLS listener, when started with the `tls` option. */
  tls?: { url: string; host: string; port: number; certFile: string; cert: string };
  stop(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
  'access-control-max-age': '600',
};

const WS_PATH = /^\/ws_api\/account\/([^/]+)\/messaging\/consumer$/;

function pathnameOf(req: IncomingMessage): string {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return '/';
  }
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const opts = resolveOptions(options);
  const ctx = new StandInContext(opts);
  const agentSide = new AgentSide(ctx);
  const genesys = createGenesys(ctx.timers, () => ctx.baseUrl);
  const routes = [...domainRoutes(ctx), ...agentSide.routes(), ...identityRoutes(ctx), ...faultRoutes(ctx), ...streamRoutes(ctx), ...genesys.controlRoutes, ...controlRoutes(ctx)];

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = pathnameOf(req);
    if (await genesys.handle(req, res, pathname)) return;
    if (await handleSwift(ctx, req, res, pathname)) return;
    const api = pathname.startsWith('/api/');
    if (api) for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
    if (api && req.method === 'OPTIONS') return void res.writeHead(204).end();
    if (await runRoutes(routes, req, res, pathname)) return;
    if (api || pathname.startsWith('/agent/api/')) return json(res, 404, { error: Errors.notFound });
    await serveStatic(opts.staticDir, req, res, pathname, opts.frameAncestors);
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((e: unknown) => {
      console.error('stand-in: request failed', e);
      if (!res.headersSent) json(res, 500, { error: Errors.internal });
      else res.destroy();
    });
  };
  const server = createServer(handle);
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxFrameBytes });

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (agentSide.upgrade(req, socket, head, wss)) return;
    const account = WS_PATH.exec(pathnameOf(req))?.[1];
    if (account === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!ACCOUNT_ID.test(account)) {
      const text = Errors.badAccount;
      socket.end(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
      return;
    }
    if (ctx.faults.settings.refuseSockets) {
      ctx.faults.counters.refused += 1;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => new ConsumerConnection(ctx, ws, ctx.registry.get(account), fromUpgrade(req)));
  };
  server.on('upgrade', onUpgrade);

  const listen = (s: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
    });
  const port = await listen(server, opts.port);
  ctx.baseUrl = `http://127.0.0.1:${port}`;

  // The same stand-in over TLS (https and wss), for clients such as node-agent-sdk that speak nothing else.
  let tls: StandIn['tls'];
  let tlsServer: Server | undefined;
  let disposeCert: (() => Promise<void>) | undefined;
  if (options.tls) {
    const { certFile, port: wanted = 0 } = options.tls === true ? {} : options.tls;
    const pem = await makeCertificate(certFile);
    disposeCert = pem.dispose;
    tlsServer = createTlsServer({ key: pem.key, cert: pem.cert }, handle);
    tlsServer.on('upgrade', onUpgrade);
    const tlsPort = await listen(tlsServer, wanted);
    ctx.tlsHost = `127.0.0.1:${tlsPort}`;
    tls = { url: `https://${ctx.tlsHost}`, host: ctx.tlsHost, port: tlsPort, certFile: pem.certFile, cert: pem.cert };
  }

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      for (const c of [...ctx.connections]) {
        c.close(Close.normal, CloseReasons.shutdown);
        c.cleanup();
      }
      agentSide.stop();
      for (const ws of wss.clients) ws.terminate();
      genesys.stop();
      ctx.timers.clearAll();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const s of tlsServer ? [server, tlsServer] : [server]) {
        s.closeAllConnections();
        await new Promise<void>((resolve) => s.close(() => resolve()));
      }
      await disposeCert?.();
    })());

  return { url: ctx.baseUrl, host: ctx.host, port, ...(tls ? { tls } : {}), stop };
}
