// Test clients for the stand-in Genesys: the REAL `cometd` client in Node (cometd-nodejs-client's
// adapt() gives it a window, an XHR and a cookie jar). adapt() sets a global window, so only Node
// test files may import this, never a jsdom one.
import { adapt } from 'cometd-nodejs-client';
import { CometD, type Message } from 'cometd';

let adapted = false;
const JAR_HEADER = 'x-test-cookie-jar';
/** Server cookies (BAYEUX_BROWSER) per client, so that each client is its own browser. */
const jars = new Map<string, Map<string, string>>();
let jarCounter = 0;

function jarOf(uri: { headers?: Record<string, string> }): Map<string, string> {
  const id = uri.headers?.[JAR_HEADER] ?? 'shared';
  let jar = jars.get(id);
  if (!jar) jars.set(id, (jar = new Map()));
  return jar;
}

function adaptOnce(): void {
  if (adapted) return;
  adapted = true;
  adapt({
    cookies: {
      storeCookie(uri, header, callback) {
        const [pair = ''] = header.split(';');
        const eq = pair.indexOf('=');
        if (eq > 0) jarOf(uri).set(pair.slice(0, eq).trim(), pair.trim());
        callback(null, pair);
      },
      retrieveCookies(_context, uri, callback) {
        callback(null, [...jarOf(uri).values()]);
      },
    },
  });
}

/**
 * Removes the window adapt() made (for a runner that goes on with other files in the same process,
 * such as a Playwright worker). Clients made before must be disconnected first.
 */
export function releaseWindow(): void {
  if (!adapted) return;
  delete (globalThis as { window?: unknown }).window;
  adapted = false;
}

/** A cometd client over long-polling with its own cookie jar (one "browser" each). */
export function cometdClient(url: string, headers: Record<string, string> = {}): CometD {
  adaptOnce();
  const requestHeaders = { ...headers, [JAR_HEADER]: String(++jarCounter) };
  const cometd = new CometD();
  cometd.websocketEnabled = false;
  cometd.unregisterTransport('websocket');
  cometd.configure({ url, logLevel: 'warn', requestHeaders, useWorkerScheduler: false, maxNetworkDelay: 3000, backoffIncrement: 100, maxBackoff: 500, maxSendBayeuxMessageSize: 1024 * 1024 });
  // cometd-nodejs-client keeps server cookies per transport context when one is given.
  return cometd;
}

/** Resolves when `pred` holds for a value pushed to the list (now or later). */
export class Inbox<T> {
  readonly items: T[] = [];
  private waiters: Array<{ pred: (x: T) => boolean; resolve: (x: T) => void }> = [];

  push(x: T): void {
    this.items.push(x);
    for (const w of [...this.waiters]) {
      if (w.pred(x)) {
        this.waiters = this.waiters.filter((y) => y !== w);
        w.resolve(x);
      }
    }
  }

  /** How many values arrived so far: pass it to waitFor to wait only for later ones. */
  mark(): number {
    return this.items.length;
  }

  /** The first value (from index `from` on) for which `pred` holds, typed as the caller reads it. */
  waitFor<U extends T = T>(pred: (x: T) => boolean, what = 'a message', timeoutMs = 5000, from = 0): Promise<U> {
    const found = this.items.slice(from).find(pred);
    if (found !== undefined) return Promise.resolve(found as U);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve: resolve as (x: T) => void };
      this.waiters.push(w);
      setTimeout(() => {
        if (!this.waiters.includes(w)) return;
        this.waiters = this.waiters.filter((y) => y !== w);
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.items).slice(-1500)}`));
      }, timeoutMs);
    });
  }
}

/** Handshakes; resolves with the first successful handshake reply. `onHandshake` runs on every one. */
export function handshake(cometd: CometD, onHandshake: (m: Message) => void = () => {}): Promise<Message> {
  return new Promise((resolve, reject) => {
    let done = false;
    cometd.handshake((m) => {
      onHandshake(m);
      if (done) return;
      done = true;
      if (m.successful) resolve(m);
      else reject(new Error(`handshake failed: ${m.error}`));
    });
  });
}

export function publish(cometd: CometD, channel: string, data: unknown): Promise<Message> {
  return new Promise((resolve) => cometd.publish(channel, data, resolve));
}

export function disconnect(cometd: CometD): Promise<void> {
  if (cometd.isDisconnected()) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(resolve, 1000);
    cometd.disconnect(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

export interface GmsVisitor {
  cometd: CometD;
  channel: string;
  deliveries: Inbox<Record<string, unknown>>;
  handshakes: Message[];
  /** Publishes an operation (the secureKey added once the chat exists). */
  op(operation: string, fields?: Record<string, unknown>): Promise<Message>;
  secureKey?: string;
}

/**
 * A GMS visitor: the service listener registered once, before the handshake. With `resync`, it
 * behaves like a widget after a re-handshake (reestablish): requestNotifications from its nextPosition.
 */
export async function gmsVisitor(baseUrl: string, service = 'customer-support', { resync = false } = {}): Promise<GmsVisitor> {
  const cometd = cometdClient(`${baseUrl}/genesys/cometd`);
  const channel = `/service/chatV2/${service}`;
  const deliveries = new Inbox<Record<string, unknown>>();
  const v: GmsVisitor = {
    cometd,
    channel,
    deliveries,
    handshakes: [],
    op: (operation, fields = {}) => publish(cometd, channel, { operation, ...(v.secureKey ? { secureKey: v.secureKey } : {}), ...fields }),
  };
  let next = 0;
  cometd.addListener(channel, (m) => {
    const data = m.data as Record<string, unknown>;
    if (typeof data.secureKey === 'string' && v.secureKey === undefined) v.secureKey = data.secureKey;
    if (typeof data.nextPosition === 'number') next = Math.max(next, data.nextPosition);
    deliveries.push(data);
  });
  if (resync) {
    cometd.addListener('/meta/handshake', (m) => {
      if (m.successful && m.reestablish && v.secureKey) void v.op('requestNotifications', { transcriptPosition: next });
    });
  }
  await handshake(cometd, (m) => v.handshakes.push(m));
  return v;
}

export interface GwsLogin {
  cookie: string;
  csrf: string;
  /** A REST call with the session cookie and the CSRF header. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Signs in as GWS does: GET /api/v2/me with Basic credentials; keeps JSESSIONID and the CSRF pair. */
export async function gwsLogin(baseUrl: string, user: string, password = 'parley'): Promise<GwsLogin> {
  const res = await fetch(`${baseUrl}/api/v2/me`, { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } });
  if (res.status !== 200) throw new Error(`GWS sign-in as ${user}: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const header = res.headers.get('x-csrf-header') ?? '';
  const csrf = res.headers.get('x-csrf-token') ?? '';
  return {
    cookie,
    csrf,
    async call(method, path, body) {
      const r = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, [header]: csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
    },
  };
}

export interface GwsAgentClient extends GwsLogin {
  cometd: CometD;
  notifications: Inbox<Record<string, unknown>>;
  handshakes: Message[];
  op(chatId: string, operationName: string, fields?: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** A signed-in agent subscribed to /v2/me/chats (inside the handshake callback, so it survives re-handshakes). */
export async function gwsAgent(baseUrl: string, user: string): Promise<GwsAgentClient> {
  const login = await gwsLogin(baseUrl, user);
  const cometd = cometdClient(`${baseUrl}/api/v2/notifications`, { Cookie: login.cookie });
  const notifications = new Inbox<Record<string, unknown>>();
  const handshakes: Message[] = [];
  const subscribed = new Promise<void>((resolve) => {
    void handshake(cometd, (m) => {
      handshakes.push(m);
      if (m.successful) cometd.subscribe('/v2/me/chats', (n) => notifications.push(n.data as Record<string, unknown>), () => resolve());
    });
  });
  await subscribed;
  return {
    ...login,
    cometd,
    notifications,
    handshakes,
    op: (chatId, operationName, fields = {}) => login.call('POST', `/api/v2/me/chats/${chatId}`, { operationName, ...fields }),
  };
}
