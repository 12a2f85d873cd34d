// A GWS agent client in the browser, as Workspace Web Edition's backend expects one: sign in with
// HTTP Basic (the browser keeps the JSESSIONID cookie), send the CSRF header on every POST, listen
// to /v2/me/chats over CometD (long-polling; subscribed in the handshake callback so it survives
// re-handshakes), and read the chats and transcripts again after every handshake.
import { CometD, type Message } from 'cometd';
import { decodeGwsChat, decodeGwsNotification, type GwsChat, type GwsMessage, type GwsNotification } from '../../../../src/genesys/gwsDecode';

export type LinkStatus = 'connecting' | 'connected' | 'disconnected';

export interface GwsHandlers {
  notification(n: GwsNotification): void;
  /** After each successful handshake: what GWS lists now (the resync). */
  snapshot(chats: GwsChat[], transcripts: Record<string, GwsMessage[]>): void;
  status(s: LinkStatus): void;
  error(message: string): void;
}

export class GwsError extends Error {}

async function json(res: Response): Promise<Record<string, unknown>> {
  const text = await res.text();
  try {
    const v = text ? (JSON.parse(text) as unknown) : {};
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export class GwsClient {
  private csrf: { header: string; token: string } | undefined;
  private cometd: CometD | undefined;

  constructor(private readonly origin = window.location.origin) {}

  /** GET /api/v2/me with Basic credentials: opens the session and reads the CSRF pair. */
  async signIn(user: string, password: string): Promise<{ userName: string; firstName: string }> {
    const res = await fetch(`${this.origin}/api/v2/me`, { headers: { authorization: `Basic ${btoa(`${user}:${password}`)}` }, credentials: 'include' });
    const body = await json(res);
    if (!res.ok) throw new GwsError(`Sign-in failed: ${res.status} ${String(body.statusMessage ?? '')}`);
    const header = res.headers.get('x-csrf-header');
    const token = res.headers.get('x-csrf-token');
    if (header && token) this.csrf = { header, token };
    const u = (body.user ?? {}) as Record<string, unknown>;
    return { userName: String(u.userName ?? user), firstName: String(u.firstName ?? user) };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method === 'POST' && this.csrf) headers[this.csrf.header] = this.csrf.token;
    const res = await fetch(`${this.origin}${path}`, { method, headers, credentials: 'include', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const out = await json(res);
    if (!res.ok || (typeof out.statusCode === 'number' && out.statusCode !== 0)) {
      throw new GwsError(`${method} ${path}: ${res.status} ${String(out.statusMessage ?? '')}`.trim());
    }
    return out;
  }

  /** POST /api/v2/me/chats/{id} {operationName, …}. */
  operate(chatId: string, operationName: string, fields: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    return this.call('POST', `/api/v2/me/chats/${encodeURIComponent(chatId)}`, { operationName, ...fields });
  }

  private async readAll(): Promise<{ chats: GwsChat[]; transcripts: Record<string, GwsMessage[]> }> {
    const list = await this.call('GET', '/api/v2/me/chats');
    const chats = (Array.isArray(list.chats) ? list.chats : []).flatMap((c) => decodeGwsChat(c) ?? []);
    const transcripts: Record<string, GwsMessage[]> = {};
    for (const chat of chats) {
      const r = await this.call('GET', `/api/v2/me/chats/${encodeURIComponent(chat.id)}/messages`);
      // The transcript read has the MessageLogUpdated message shape: decode it as one.
      const n = decodeGwsNotification({ messageType: 'MessageLogUpdated', chatUri: chat.uri ?? `/chats/${chat.id}`, messages: r.messages });
      transcripts[chat.id] = n.kind === 'messageLog' ? n.messages : [];
    }
    return { chats, transcripts };
  }

  /** Connects the notifications; listeners are registered once, before the handshake. */
  connect(h: GwsHandlers): void {
    const cometd = new CometD();
    this.cometd = cometd;
    // GWS is long-polling only; headers (CSRF) only travel on long-polling anyway.
    cometd.websocketEnabled = false;
    cometd.configure({
      url: `${this.origin}/api/v2/notifications`,
      logLevel: 'warn',
      useWorkerScheduler: false,
      requestHeaders: this.csrf ? { [this.csrf.header]: this.csrf.token } : {},
    });
    cometd.addListener('/meta/connect', (m: Message) => h.status(m.successful ? 'connected' : 'connecting'));
    cometd.addListener('/meta/disconnect', () => h.status('disconnected'));
    h.status('connecting');
    cometd.handshake((m: Message) => {
      if (!m.successful) {
        h.error(`CometD handshake failed: ${m.error ?? 'no answer'}`);
        return;
      }
      cometd.subscribe('/v2/me/chats', (n: Message) => h.notification(decodeGwsNotification(n.data)));
      this.readAll().then(
        ({ chats, transcripts }) => h.snapshot(chats, transcripts),
        (e: unknown) => h.error(e instanceof Error ? e.message : String(e)),
      );
    });
  }

  disconnect(): void {
    this.cometd?.disconnect();
    this.cometd = undefined;
  }
}

/** The Genesys fault routes of the stand-in (docs/stand-in.md, "Genesys control API and faults"). */
export const genesysFaults = {
  async post(path: string, body: unknown = {}): Promise<unknown> {
    const res = await fetch(`/agent/api/genesys/faults${path}`, { method: path === '' ? 'PUT' : 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new GwsError(`fault ${path || 'delay'}: ${res.status}`);
    return res.json();
  },
  restart: () => genesysFaults.post('/restart'),
  dropLongPoll: () => genesysFaults.post('/drop-long-poll'),
  delay: (delayMs: number) => genesysFaults.post('', { delayMs }),
};
