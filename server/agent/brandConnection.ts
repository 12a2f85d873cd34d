// One brand (agent) WebSocket, authenticated by the bearer token in its URL: requests handled in
// order, WebSocket pings and any frame keep it open, notifications from the account's BrandHub.
import type { RawData, WebSocket } from 'ws';
import type { Notification, Response } from '../../src/liveperson/wire';
import { Close, CloseReasons, Errors, Refusal } from '../errors';
import type { ResolvedOptions } from '../options';
import type { Account, Agent } from '../state/accounts';
import { parseFrame, response, stringResponse } from '../ws/frames';
import type { BrandHub, BrandLink } from './hub';
import { agentHandlers, type AgentRequestContext } from './requests';

const OPEN = 1;
const MAX_TIMER_MS = 2_147_483_647;

export class BrandConnection implements BrandLink {
  private closed = false;
  private idle: NodeJS.Timeout | undefined;
  private holding: Notification[] | undefined;

  constructor(
    private readonly ws: WebSocket,
    readonly agent: Agent,
    private readonly account: Account,
    private readonly hub: BrandHub,
    private readonly options: ResolvedOptions,
    private readonly onCleanup: (c: BrandConnection) => void,
  ) {
    hub.add(this);
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('ping', () => this.resetIdle());
    ws.on('error', () => undefined);
    ws.on('close', () => this.cleanup());
    this.resetIdle();
  }

  notify(frame: Notification): void {
    if (this.closed) return;
    if (this.holding) this.holding.push(frame);
    else this.send(frame);
  }

  /** Drops the socket (the drop-agents fault): terminated, like a network cut. */
  drop(): void {
    this.ws.terminate();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }

  cleanup(): void {
    this.closed = true;
    clearTimeout(this.idle);
    this.hub.remove(this);
    this.onCleanup(this);
  }

  private resetIdle(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.close(Close.normal, CloseReasons.idle), Math.min(this.options.idleTimeoutMs, MAX_TIMER_MS));
  }

  private send(frame: Response | Notification): void {
    if (this.ws.readyState !== OPEN) return;
    try {
      this.ws.send(JSON.stringify(frame));
    } catch (e) {
      console.error('stand-in: could not send a brand frame', e);
    }
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    this.resetIdle();
    if (this.closed) return;
    if (isBinary) return this.close(Close.unsupportedData, CloseReasons.binary);
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');
    const parsed = parseFrame(text);
    if (!parsed.ok) return this.send(stringResponse(parsed.reqId, 400, parsed.text));
    const req = parsed.req;
    const handler = Object.hasOwn(agentHandlers, req.type) ? agentHandlers[req.type] : undefined;
    if (!handler) return this.send(stringResponse(req.id, 400, Errors.unknownType(req.type)));
    const rc: AgentRequestContext = { link: this, agent: this.agent, account: this.account, hub: this.hub, options: this.options, later: [] };
    // Notifications the request causes (its own echo, UPSERTs) follow its response.
    this.holding = [];
    let resp: Response;
    try {
      const r = handler(rc, req);
      resp = response(req.id, r.type, r.body);
    } catch (e) {
      if (!(e instanceof Refusal)) console.error('stand-in: brand request failed', req.type, e);
      resp = e instanceof Refusal ? stringResponse(req.id, e.code, e.message) : stringResponse(req.id, 500, Errors.internal);
    }
    const held = this.holding;
    this.holding = undefined;
    this.send(resp);
    for (const n of [...rc.later, ...held]) this.send(n);
  }
}
