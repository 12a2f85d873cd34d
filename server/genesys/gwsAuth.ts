// GWS agent sign-in as Genesys Web Services does it: HTTP Basic, then the JSESSIONID session
// cookie, plus the CSRF header pair (X-CSRF-HEADER names the header, X-CSRF-TOKEN is its value)
// that every POST/PUT/DELETE must send back ([D] GWS 8.5.2 CSRFProtection, see
// ../shared/reference/genesys-cometd.md §1.1). The agents are the LivePerson side's people.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Account, type Agent } from '../state/accounts';

/** Every stand-in agent's password. */
export const GWS_PASSWORD = 'parley';
export const CSRF_HEADER = 'X-CSRF-TOKEN';
const COOKIE = 'JSESSIONID';

export interface GwsAgent {
  /** The GWS user id (hex). */
  id: string;
  /** The sign-in name: the nickname in lower case (`dana`). */
  userName: string;
  nickname: string;
  firstName: string;
  lastName: string;
  role: Agent['role'];
}

export interface GwsSession {
  id: string;
  agent: GwsAgent;
  csrf: string;
}

/** The agents of the LivePerson side (Dana, Sam, Morgan), as GWS users. */
export function gwsAgents(): GwsAgent[] {
  return new Account('genesys').agents.map((a) => {
    const [firstName = a.nickname, ...rest] = a.fullName.split(' ');
    return { id: a.id.replace(/-/g, '').toUpperCase(), userName: a.nickname.toLowerCase(), nickname: a.nickname, firstName, lastName: rest.join(' '), role: a.role };
  });
}

export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export type AuthResult = { session: GwsSession } | { status: 401 | 403; message: string };

export class GwsAuth {
  readonly agents = gwsAgents();
  private readonly sessions = new Map<string, GwsSession>();

  /** The session of a request's JSESSIONID cookie (what the Bayeux handshake relies on). */
  fromCookie(req: IncomingMessage): GwsSession | undefined {
    const id = cookieOf(req, COOKIE);
    return id === undefined ? undefined : this.sessions.get(id);
  }

  private basic(req: IncomingMessage): GwsAgent | 'bad' | undefined {
    const header = req.headers.authorization;
    if (header === undefined) return undefined;
    const m = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
    if (!m?.[1]) return 'bad';
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'bad';
    const user = decoded.slice(0, colon).toLowerCase();
    const agent = this.agents.find((a) => a.userName === user);
    return agent && same(decoded.slice(colon + 1), GWS_PASSWORD) ? agent : 'bad';
  }

  /**
   * Authenticates a REST request: Basic credentials (which open a session and set its cookie) or
   * the session cookie. Writes the session cookie and, on GET, the CSRF header pair. A write
   * (POST/PUT/DELETE) without the session's CSRF token is refused with 403.
   */
  authenticate(req: IncomingMessage, res: ServerResponse): AuthResult {
    const basic = this.basic(req);
    if (basic === 'bad') return { status: 401, message: 'Invalid user name or password' };
    let session = this.fromCookie(req);
    if (basic && session?.agent !== basic) session = undefined;
    if (!session && !basic) return { status: 401, message: 'Authentication required' };
    if (!session && basic) {
      session = { id: randomBytes(16).toString('hex').toUpperCase(), agent: basic, csrf: randomBytes(16).toString('hex') };
      this.sessions.set(session.id, session);
      res.setHeader('set-cookie', `${COOKIE}=${session.id}; Path=/; HttpOnly; SameSite=Lax`);
    }
    const s = session as GwsSession;
    if (req.method === 'GET') {
      res.setHeader('X-CSRF-HEADER', CSRF_HEADER);
      res.setHeader('X-CSRF-TOKEN', s.csrf);
    } else {
      const token = req.headers[CSRF_HEADER.toLowerCase()];
      if (typeof token !== 'string' || !same(token, s.csrf)) return { status: 403, message: 'Missing or invalid Csrf token' };
    }
    return { session: s };
  }
}
