// One consumer WebSocket: authentication, in-order request handling, idle/expiry timers, and
// notification delivery (with the injected faults: delay, notify-before-response, duplicate, reorder).
import type { RawData, WebSocket } from 'ws';
import type { Notification, Response } from '../../src/liveperson/wire';
import { RequestTypes } from '../../src/liveperson/wire';
import type { Claims } from '../jwt';
import { Close, CloseReasons, Errors, Refusal, Texts } from '../errors';
import type { StandInContext } from '../context';
import type { Account } from '../state/accounts';
import type { ConsumerLink } from '../state/subscriptions';
import { closeCodeFor, fromInitConnection, type ConnectionHeaders } from './auth';
import type { RequestContext } from './context';
import { dispatch, isKnownType } from './dispatch';
import { parseFrame, response, stringResponse, type ParsedRequest } from './frames';
import { responseTypeFor } from '../state/variants';

const MAX_TIMER_MS = 2_147_483_647;
const REORDER_FLUSH_MS = 50;
const OPEN = 1;

/** A refused token: the 401 response text, then the close code and reason. */
interface Refused {
  text: string;
  close: number;
  reason: string;
}

export class ConsumerConnection implements ConsumerLink {
  consumerId = '';
  features = new Set<string>();
  private anonymous = false;
  private authed = false;
  private closed = false;
  private silent = false;
  private queue: Promise<void> = Promise.resolve();
  private holding: Notification[] | undefined;
  private reorderHeld: Notification | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private wake: (() => void) | undefined;

  constructor(
    private readonly ctx: StandInContext,
    private readonly ws: WebSocket,
    private readonly account: Account,
    upgrade: ConnectionHeaders,
  ) {
    ctx.connections.add(this);
    ctx.faults.counters.sockets += 1;
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('ping', () => this.resetIdle());
    ws.on('error', () => undefined); // e.g. a frame over maxPayload: ws closes with 1009 itself
    ws.on('close', () => this.cleanup());
    if (upgrade.features) this.features = new Set(upgrade.features);
    this.resetIdle();
    if (upgrade.jwt) {
      const check = ctx.tokens.check(upgrade.jwt, account.id);
      if (check.ok) this.authenticate(check.claims);
      else this.close(closeCodeFor(check), CloseReasons.badToken);
    } else {
      this.timer('auth', ctx.options.authTimeoutMs, () => this.close(Close.tokenExpired, CloseReasons.authTimeout));
    }
  }

  get isAuthenticated(): boolean {
    return this.authed;
  }

  notify(frame: Notification): void {
    if (this.closed) return;
    if (this.holding) this.holding.push(frame);
    else this.emit(frame);
  }

  /** Fault: the token expired now (closes authenticated sockets with 4401, or 4407 for anonymous ones). */
  expireNow(): void {
    if (this.authed) this.close(this.anonymous ? Close.anonymousExpired : Close.tokenExpired, CloseReasons.expired);
  }

  /** Fault: drop the socket (terminated like a crash, or closed with the given code). */
  drop(code?: number): void {
    if (code === undefined) this.ws.terminate();
    else this.close(code, 'Dropped');
  }

  /**
   * Fault: the socket goes silent, as when the network path dies without the browser noticing (no
   * offline event, no close): nothing it sends is read any more, nothing is sent to it, and the
   * stand-in never closes it; only the idle timeout still ends it, without a word (terminated).
   */
  blackhole(): void {
    if (this.closed) return;
    this.silent = true;
    this.ws.pause();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.wake?.();
    this.ctx.subscriptionsOf(this.account.id).remove(this);
    this.timer('idle', this.ctx.options.idleTimeoutMs, () => this.ws.terminate());
  }

  get isSilent(): boolean {
    return this.silent;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.ws.close(code, reason);
  }

  cleanup(): void {
    if (this.ctx.connections.has(this)) this.ctx.faults.counters.socketsClosed += 1;
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.wake?.();
    this.ctx.connections.delete(this);
    this.ctx.subscriptionsOf(this.account.id).remove(this);
  }

  private timer(name: string, ms: number, fn: () => void): void {
    clearTimeout(this.timers.get(name));
    this.timers.set(name, setTimeout(() => (this.timers.delete(name), fn()), Math.min(ms, MAX_TIMER_MS)));
  }

  private resetIdle(): void {
    if (this.silent) return;
    this.timer('idle', this.ctx.options.idleTimeoutMs, () => this.close(Close.normal, CloseReasons.idle));
  }

  /** Also re-authentication with a fresher token of the same consumer: the expiry follows the new claims. */
  private authenticate(claims: Claims): void {
    this.authed = true;
    this.consumerId = claims.sub;
    this.anonymous = claims.lp_anon === true;
    clearTimeout(this.timers.get('auth'));
    this.account.consumerFeatures.set(this.consumerId, this.features);
    this.ctx.subscriptionsOf(this.account.id).add(this);
    this.timer('expiry', Math.max(0, this.ctx.tokens.remainingMs(claims)), () => this.expireNow());
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.silent) return;
    this.ctx.faults.counters.framesIn += 1;
    this.resetIdle();
    if (isBinary) return this.close(Close.unsupportedData, CloseReasons.binary);
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');
    // One failing request never poisons the queue (nor, as an unhandled rejection, the process).
    this.queue = this.queue
      .then(() => this.handle(text))
      .catch((e: unknown) => console.error('stand-in: request handling failed', e));
  }

  private send(frame: Response | Notification): void {
    if (this.silent || this.ws.readyState !== OPEN) return;
    try {
      this.ws.send(JSON.stringify(frame));
      this.ctx.faults.counters.framesOut += 1;
    } catch (e) {
      console.error('stand-in: could not send a frame', e);
      if (frame.kind === 'resp' && frame.code < 500) this.send(stringResponse(frame.reqId, 500, Errors.internal));
    }
  }

  private emit(n: Notification): void {
    const f = this.ctx.faults;
    const held = this.reorderHeld;
    if (held) {
      this.reorderHeld = undefined;
      clearTimeout(this.timers.get('reorder'));
      this.send(n);
      this.send(held);
      f.counters.reordered += 1;
      return;
    }
    if (f.roll(f.settings.reorder)) {
      this.reorderHeld = n;
      this.timer('reorder', REORDER_FLUSH_MS, () => {
        const h = this.reorderHeld;
        this.reorderHeld = undefined;
        if (h) this.send(h);
      });
      return;
    }
    this.send(n);
    if (f.roll(f.settings.duplicate)) {
      this.send(n);
      f.counters.duplicated += 1;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer('delay', ms, resolve);
    });
  }

  /**
   * InitConnection: ClientProperties and/or ConsumerAuthentication. A token on an authenticated
   * socket re-authenticates it (the expiry follows the new token). Returns how to refuse a bad token.
   */
  private initConnection(req: ParsedRequest): Refused | undefined {
    const h = fromInitConnection(req.headers);
    if (h.features) {
      this.features = new Set(h.features);
      if (this.authed) this.account.consumerFeatures.set(this.consumerId, this.features);
    }
    if (!h.jwt) {
      if (!this.authed) throw new Refusal(401, Errors.notAuthenticated);
      return undefined;
    }
    const check = this.ctx.tokens.check(h.jwt, this.account.id);
    if (!check.ok) return { text: Errors.badToken, close: closeCodeFor(check), reason: CloseReasons.badToken };
    if (this.authed && check.claims.sub !== this.consumerId) return { text: Errors.otherConsumer, close: Close.tokenExpired, reason: CloseReasons.otherConsumer };
    this.authenticate(check.claims);
    return undefined;
  }

  private reply(req: ParsedRequest): { resp: Response; closeWith?: Refused } {
    const failure = req.type === RequestTypes.InitConnection ? undefined : this.ctx.faults.takeFailure();
    if (failure !== undefined) return { resp: stringResponse(req.id, failure, Errors.injected(failure)) };
    try {
      if (req.type === RequestTypes.InitConnection) {
        const refused = this.initConnection(req);
        if (refused) return { resp: stringResponse(req.id, 401, refused.text), closeWith: refused };
        return { resp: stringResponse(req.id, 200, Texts.connectionInitialized) };
      }
      const open = req.type === RequestTypes.GetClock || req.type === RequestTypes.KeepAlive;
      if (!this.authed && !open) throw new Refusal(401, Errors.notAuthenticated);
      const rc: RequestContext = { link: this, account: this.account, subs: this.ctx.subscriptionsOf(this.account.id), options: this.ctx.options };
      const r = dispatch(rc, req);
      return { resp: response(req.id, responseTypeFor(r.type, req.type, this.account.settings.responseTypes), r.body) };
    } catch (e) {
      if (e instanceof Refusal) return { resp: stringResponse(req.id, e.code, e.message) };
      console.error('stand-in: request failed', req.type, e);
      return { resp: stringResponse(req.id, 500, Errors.internal) };
    }
  }

  private async handle(text: string): Promise<void> {
    if (this.closed) return;
    const parsed = parseFrame(text);
    if (!parsed.ok) return this.send(stringResponse(parsed.reqId, 400, parsed.text));
    if (!isKnownType(parsed.req.type)) return this.send(stringResponse(parsed.req.id, 400, Errors.unknownType(parsed.req.type)));
    this.holding = [];
    const { resp, closeWith } = this.reply(parsed.req);
    const { delayMs } = this.ctx.faults.settings;
    const notifyBeforeResponse = this.ctx.faults.settings.notifyBeforeResponse || this.account.settings.notificationsFirst;
    if (delayMs > 0) await this.sleep(delayMs);
    const held = this.holding;
    this.holding = undefined;
    if (this.closed) return;
    if (notifyBeforeResponse) held.forEach((n) => this.emit(n));
    this.send(resp);
    if (!notifyBeforeResponse) held.forEach((n) => this.emit(n));
    if (closeWith) this.close(closeWith.close, closeWith.reason);
  }
}
