// A tiny scripted WebSocket server for connection tests (the full stand-in lives in server/).
// Records every frame a client sends; the test decides how to answer.
import { WebSocketServer, type WebSocket } from 'ws';

export interface ReceivedFrame {
  socket: number;
  frame: Record<string, unknown>;
}

export interface FakeSocketServer {
  url: string;
  frames: ReceivedFrame[];
  sockets: WebSocket[];
  /** Called for every frame; `socket` is the 0-based index of the connection. */
  onFrame: (frame: Record<string, unknown>, ws: WebSocket, socket: number) => void;
  /** Called when a client connects. */
  onConnect: (ws: WebSocket, socket: number) => void;
  respond(ws: WebSocket, frame: Record<string, unknown>, code?: number, body?: unknown): void;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** A minimal unsigned JWT (jwt-decode does not verify signatures). */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.sig`;
}

export async function startFakeSocketServer(): Promise<FakeSocketServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  if (address === null || typeof address === 'string') throw new Error('unexpected address');
  const server: FakeSocketServer = {
    url: `ws://127.0.0.1:${address.port}/ws_api/account/test/messaging/consumer?v=3`,
    frames: [],
    sockets: [],
    onFrame: (frame, ws) => server.respond(ws, frame),
    onConnect: () => undefined,
    respond(ws, frame, code = 200, body = 'OK') {
      ws.send(JSON.stringify({ kind: 'resp', reqId: String(frame.id), code, type: 'Resp', body }));
    },
    async waitFor(predicate, timeoutMs = 5_000) {
      const started = Date.now();
      while (!predicate()) {
        if (Date.now() - started > timeoutMs) throw new Error('waitFor: condition not met in time');
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
  wss.on('connection', (ws) => {
    const index = server.sockets.length;
    server.sockets.push(ws);
    server.onConnect(ws, index);
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as Record<string, unknown>;
      server.frames.push({ socket: index, frame });
      server.onFrame(frame, ws, index);
    });
  });
  return server;
}
