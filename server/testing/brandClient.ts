// A test client for the brand (agent) socket over TLS: requests awaited by reqId, frames collected,
// every frame checked against LivePerson's agent schemas, and every server frame run through
// node-agent-sdk 1.2.0's own Transformer (a frame it cannot transform, it would drop silently).
import { createRequire } from 'node:module';
import { request } from 'node:https';
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { Notification, Response } from '../../src/liveperson/wire';
import { validateAgentClientFrame, validateAgentServerFrame } from '../../test/lp-agent-schemas';
import { schemasAvailable } from '../../test/lp-schemas';

type Frame = Response | Notification;
type Transform = (msg: unknown, agent: unknown) => unknown;

const transformer = createRequire(import.meta.url)('node-agent-sdk/lib/Transformer.js') as Record<string, Transform>;
const checking = schemasAvailable();

export interface AgentLogin {
  bearer: string;
  csrf: string;
  cookie: string;
  config: { userId: string; userPid: string };
}

/** An https request trusting `ca` (the stand-in's certificate); the JSON answer and the raw headers. */
export function httpsJson(url: string, ca: string | undefined, method = 'GET', body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: unknown; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, ...(ca ? { ca } : {}), headers: { ...headers, ...(data ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function agentLogin(tlsUrl: string, ca: string, account: string, username: string, password = 'parley'): Promise<AgentLogin> {
  const r = await httpsJson(`${tlsUrl}/api/account/${account}/login?v=1.3`, ca, 'POST', { username, password });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
  const cookie = String((r.headers['set-cookie'] as string[] | undefined)?.[0] ?? '').split(';')[0] ?? '';
  return { ...(r.body as Omit<AgentLogin, 'cookie'>), cookie };
}

export class BrandClient {
  readonly frames: Frame[] = [];
  readonly errors: string[] = [];
  private nextId = 1;
  private readonly sdkAgent: EventEmitter;

  private constructor(
    readonly ws: WebSocket,
    account: string,
    login: AgentLogin,
  ) {
    // What the SDK's Transformer reads from its Agent (lib/AgentSDK.js), and where it re-emits the QueryMessages history.
    this.sdkAgent = Object.assign(new EventEmitter(), {
      accountId: account,
      agentId: login.config.userPid,
      userId: login.config.userId,
      __oldAgentId: `${account}.${login.config.userId}`,
      _handleNotification: () => undefined,
    });
    ws.on('message', (data) => {
      let frame: Frame;
      try {
        frame = JSON.parse((data as Buffer).toString('utf8')) as Frame;
      } catch {
        return void this.errors.push(`malformed JSON: ${String(data)}`);
      }
      const text = JSON.stringify(frame).slice(0, 500);
      if (checking) for (const e of validateAgentServerFrame(frame)) this.errors.push(`${e} in ${text}`);
      const t = transformer[frame.type];
      if (t) {
        try {
          t(structuredClone(frame), this.sdkAgent);
        } catch (e) {
          this.errors.push(`node-agent-sdk's Transformer cannot transform (it would drop) ${text}: ${(e as Error).message}`);
        }
      }
      this.frames.push(frame);
    });
    ws.on('error', () => undefined);
  }

  static async connect(tlsHost: string, ca: string, account: string, login: AgentLogin, version = '2.1'): Promise<BrandClient> {
    const ws = new WebSocket(`wss://${tlsHost}/ws_api/account/${account}/messaging/brand/${login.bearer}?v=${version}`, { ca });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      ws.once('error', reject);
    });
    return new BrandClient(ws, account, login);
  }

  /**
   * Sends a request as the SDK does (lib/AgentSDK.js _createAndSendRequest: its Transformer first, so
   * `ms.SubscribeMessagingEvents` goes out as `.ams.ms.QueryMessages`) and resolves with the response.
   */
  async request(sdkType: string, sdkBody: unknown = {}): Promise<Response> {
    const id = `a${this.nextId++}`;
    const t = transformer[sdkType];
    const { type, body } = (t ? t({ type: sdkType, body: sdkBody }, this.sdkAgent) : { type: sdkType, body: sdkBody }) as { type: string; body: unknown };
    const frame = { kind: 'req', id, type, body: body || {} };
    if (checking) for (const e of validateAgentClientFrame(frame)) this.errors.push(`request ${e} in ${JSON.stringify(frame).slice(0, 400)}`);
    this.ws.send(JSON.stringify(frame));
    return (await this.waitFor((f) => f.kind === 'resp' && f.reqId === id)) as Response;
  }

  async waitFor(pred: (f: Frame) => boolean, since = 0, timeoutMs = 3000): Promise<Frame> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const f = this.frames.slice(since).find(pred);
      if (f) return f;
      if (Date.now() > end) throw new Error(`timed out; frames: ${JSON.stringify(this.frames.slice(since)).slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  notifications(type: string, since = 0): Notification[] {
    return this.frames.slice(since).filter((f): f is Notification => f.kind === 'notification' && f.type === type);
  }

  mark(): number {
    return this.frames.length;
  }

  close(): void {
    this.ws.terminate();
  }
}
