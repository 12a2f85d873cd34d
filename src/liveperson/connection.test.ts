import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnection, type Connection, type ConnectionOptions, type ConnectionState } from './connection';
import type { ClientPropertiesHeader } from './wire';
import { ConnectionClosedError, RequestFailedError, RequestTimeoutError, sessionErrorKindOf } from './errors';
import { createIdentity, type Identity } from './identity';
import { MemoryStorage, safeStore } from '../platform/storage';
import { fakeJwt, startFakeSocketServer, type FakeSocketServer } from './testing/fakeSocketServer';

const clientProperties: ClientPropertiesHeader = { type: '.ams.headers.ClientProperties', features: ['QUICK_REPLIES'] };

let server: FakeSocketServer | undefined;
let connection: Connection | undefined;

afterEach(async () => {
  connection?.close();
  connection = undefined;
  await server?.stop();
  server = undefined;
});

function staticIdentity(tokens: string[]): Identity & { renewals: number } {
  let index = 0;
  const identity = {
    anonymous: false,
    renewals: 0,
    token: async () => tokens[index] ?? tokens[tokens.length - 1] ?? '',
    renew: async () => {
      identity.renewals += 1;
      index += 1;
      return tokens[index] ?? tokens[tokens.length - 1] ?? '';
    },
  };
  return identity;
}

async function connect(srv: FakeSocketServer, overrides: Partial<ConnectionOptions> = {}) {
  const states: ConnectionState[] = [];
  const conn = createConnection({
    url: srv.url,
    identity: staticIdentity([fakeJwt({ sub: 'consumer-1' })]),
    clientProperties,
    WebSocket,
    backoff: { baseMs: 10, capMs: 100 },
    ...overrides,
  });
  conn.on('state', ({ state }) => states.push(state));
  connection = conn;
  conn.start();
  return { conn, states };
}

/** The next socket's 'open' (InitConnection sent) and then its answer (state open). */
const opened = (conn: Connection) =>
  new Promise<{ consumerId: string }>((resolve) => {
    let event: { consumerId: string } | undefined;
    conn.on('open', (e) => (event = e));
    conn.on('state', ({ state }) => {
      if (state === 'open' && event) resolve(event);
    });
  });
const typesOn = (srv: FakeSocketServer, socket: number) => srv.frames.filter((f) => f.socket === socket).map((f) => f.frame.type);

describe('connection', () => {
  it('sends InitConnection first, with client properties and the token, and nothing before it', async () => {
    server = await startFakeSocketServer();
    const jwt = fakeJwt({ sub: 'consumer-1' });
    const { conn } = await connect(server, { identity: staticIdentity([jwt]) });
    await expect(conn.request('GetClock')).rejects.toBeInstanceOf(ConnectionClosedError);
    const { consumerId } = await opened(conn);
    expect(consumerId).toBe('consumer-1');
    await conn.request('cqm.SubscribeExConversations', { convState: ['OPEN'] });
    const first = server.frames[0]?.frame;
    expect(first).toMatchObject({ kind: 'req', id: '1', type: 'InitConnection' });
    expect(first?.headers).toEqual([clientProperties, { type: '.ams.headers.ConsumerAuthentication', jwt }]);
    expect(typesOn(server, 0)).toEqual(['InitConnection', 'cqm.SubscribeExConversations']);
    expect(server.frames[1]?.frame.id).toBe('2');
  });

  it('correlates responses by reqId when they arrive out of order', async () => {
    server = await startFakeSocketServer();
    const held: Array<Record<string, unknown>> = [];
    server.onFrame = (frame, ws) => {
      if (frame.type === 'InitConnection') return server?.respond(ws, frame);
      held.push(frame);
      if (held.length === 3) for (const f of [...held].reverse()) server?.respond(ws, f, 200, { echo: (f.body as { n: number }).n });
    };
    const { conn } = await connect(server);
    await opened(conn);
    const answers = await Promise.all([1, 2, 3].map((n) => conn.request('Echo', { n })));
    expect(answers.map((a) => a.body)).toEqual([{ echo: 1 }, { echo: 2 }, { echo: 3 }]);
  });

  it('rejects with a typed error on a timeout, an error code, and a closing socket', async () => {
    server = await startFakeSocketServer();
    server.onFrame = (frame, ws) => {
      if (frame.type === 'InitConnection') server?.respond(ws, frame);
      if (frame.type === 'Fail') server?.respond(ws, frame, 429, 'Too many requests');
    };
    const { conn } = await connect(server, { requestTimeoutMs: 80 });
    await opened(conn);
    await expect(conn.request('Silent')).rejects.toBeInstanceOf(RequestTimeoutError);
    const failed = await conn.request('Fail').catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(RequestFailedError);
    expect(failed).toMatchObject({ code: 429, body: 'Too many requests' });
    expect(sessionErrorKindOf(failed)).toBe('network');
    const cut = conn.request('Silent', undefined, { timeoutMs: 5_000 });
    server.sockets[0]?.terminate();
    await expect(cut).rejects.toBeInstanceOf(ConnectionClosedError);
  });

  it('sends GetClock as a keep-alive', async () => {
    server = await startFakeSocketServer();
    const { conn } = await connect(server, { keepAliveMs: 40 });
    await opened(conn);
    await server.waitFor(() => typesOn(server!, 0).filter((t) => t === 'GetClock').length >= 3);
  });

  it('on 4401 gets a fresh token (getJwt) and reconnects with it', async () => {
    server = await startFakeSocketServer();
    const tokens = [fakeJwt({ sub: 'c', n: 1 }), fakeJwt({ sub: 'c', n: 2 })];
    let calls = 0;
    const identity = createIdentity({ account: 'a', getJwt: async () => tokens[calls++] ?? '' }, async () => 'http://unused', {
      fetch: () => Promise.reject(new Error('no fetch expected')),
      store: safeStore(new MemoryStorage()),
      now: Date.now,
    });
    const { conn } = await connect(server, { identity });
    await opened(conn);
    const reopened = opened(conn);
    server.sockets[0]?.close(4401, 'token expired');
    await reopened;
    const inits = server.frames.filter((f) => f.frame.type === 'InitConnection');
    expect(inits.map((f) => (f.frame.headers as Array<{ jwt?: string }>)[1]?.jwt)).toEqual(tokens);
  });

  it('on 4407 with the v3 flow refreshes the external token and keeps the consumer id', async () => {
    server = await startFakeSocketServer();
    const requests: string[] = [];
    let issued = 0;
    const fetchFn = async (url: string, init?: RequestInit) => {
      requests.push(`${init?.method} ${new URL(url).pathname}`);
      return new Response(JSON.stringify({ token: fakeJwt({ sub: 'anon-1', v: (issued += 1) }) }), { status: 200 });
    };
    const identity = createIdentity({ account: 'acc', connectorId: 'app1' }, async () => 'http://idp.test/api/account/acc', { fetch: fetchFn, store: safeStore(new MemoryStorage()), now: Date.now });
    const { conn } = await connect(server, { identity });
    expect((await opened(conn)).consumerId).toBe('anon-1');
    const reopened = opened(conn);
    server.sockets[0]?.close(4407, 'identity expired');
    expect((await reopened).consumerId).toBe('anon-1');
    const [authorize, exchange] = ['POST /api/account/acc/anonymous/authorize', 'POST /api/account/acc/app/app1/authenticate'];
    expect(requests).toEqual([authorize, exchange, authorize, exchange]);
  });

  it('backs off exponentially on other closes', async () => {
    server = await startFakeSocketServer();
    const connectedAt: number[] = [];
    server.onConnect = (ws) => {
      connectedAt.push(Date.now());
      if (connectedAt.length <= 4) ws.close(1011, 'server error');
    };
    const { conn } = await connect(server, { random: () => 1, backoff: { baseMs: 40, capMs: 1_000 } });
    await opened(conn);
    const gaps = connectedAt.slice(1).map((t, i) => t - (connectedAt[i] ?? t));
    expect(gaps).toHaveLength(4);
    [40, 80, 160, 320].forEach((ceiling, i) => expect(gaps[i]).toBeGreaterThanOrEqual(ceiling - 5));
  });

  it('gives up after repeated authentication failures, then retries on demand', async () => {
    server = await startFakeSocketServer();
    let refuse = true;
    server.onFrame = (frame, ws) => {
      if (frame.type === 'InitConnection' && refuse) ws.close(4401, 'bad token');
      else server?.respond(ws, frame);
    };
    const identity = staticIdentity([fakeJwt({ sub: 'c' })]);
    const { conn, states } = await connect(server, { identity, maxAuthFailures: 2 });
    await server.waitFor(() => conn.state === 'error');
    expect(server.sockets).toHaveLength(3);
    expect(identity.renewals).toBe(2);
    expect(states).toContain('error');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.sockets).toHaveLength(3);
    refuse = false;
    const reopened = opened(conn);
    conn.retry();
    await reopened;
    expect(conn.state).toBe('open');
  });

  it('ignores frames that are not valid protocol frames', async () => {
    server = await startFakeSocketServer();
    server.onFrame = (frame, ws) => {
      ws.send('not json');
      ws.send('[1,2]');
      ws.send(JSON.stringify({ kind: 'resp', reqId: { bad: true }, code: 200 }));
      ws.send(JSON.stringify({ kind: 'resp', reqId: '999', code: 200 }));
      server?.respond(ws, frame);
    };
    const notifications: unknown[] = [];
    const { conn } = await connect(server);
    conn.on('notification', (frame) => notifications.push(frame));
    await opened(conn);
    await conn.request('GetClock');
    const sent = { kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [{ dialogId: 'd1', event: 'junk' }] } };
    server.sockets[0]?.send(JSON.stringify(sent));
    await server.waitFor(() => notifications.length === 1);
    expect(notifications).toEqual([sent]); // handed on raw: the subscriber decodes it
    expect(conn.state).toBe('open');
  });
});
