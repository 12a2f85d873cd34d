// Agent sessions of the agentVep login: a bearer token for the brand socket, a csrf token and a
// session cookie for the refresh. In memory, per stand-in; a refresh extends the session.
import { randomBytes } from 'node:crypto';

export interface AgentSession {
  accountId: string;
  agentId: string;
  bearer: string;
  csrf: string;
  cookie: string;
  expiresAt: number;
}

/** LivePerson's agent sessions last 30 minutes unless refreshed (node-agent-sdk refreshes every 10). [INF] */
export const SESSION_TTL_SEC = 1800;
export const SESSION_COOKIE = 'session_id'; // [INF] the cookie's name is not documented

const token = () => randomBytes(24).toString('base64url');

export class AgentSessions {
  private readonly byBearer = new Map<string, AgentSession>();

  create(accountId: string, agentId: string, now = Date.now()): AgentSession {
    const s: AgentSession = { accountId, agentId, bearer: token(), csrf: token(), cookie: token(), expiresAt: now + SESSION_TTL_SEC * 1000 };
    this.byBearer.set(s.bearer, s);
    return s;
  }

  /** The live session a bearer token belongs to (for the brand socket's URL). */
  byToken(accountId: string, bearer: string, now = Date.now()): AgentSession | undefined {
    const s = this.byBearer.get(bearer);
    return s && s.accountId === accountId && s.expiresAt > now ? s : undefined;
  }

  /** Extends the live session that both the csrf token and the cookie name. */
  refresh(accountId: string, csrf: string, cookie: string | undefined, now = Date.now()): AgentSession | undefined {
    for (const s of this.byBearer.values()) {
      if (s.accountId === accountId && s.csrf === csrf && s.cookie === cookie && s.expiresAt > now) {
        s.expiresAt = now + SESSION_TTL_SEC * 1000;
        return s;
      }
    }
    return undefined;
  }
}
