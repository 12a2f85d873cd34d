// The agentVep login service as node-agent-sdk calls it (lib/ExternalServices.js): login with username
// and password, and the session refresh with the csrf token and the session cookie.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { StandInContext } from '../context';
import { Errors, Refusal } from '../errors';
import { json, readJson, route, type Route } from '../http/router';
import { checkedAccountId } from '../state/accounts';
import { agentByLogin, legacyUserId } from './ids';
import { SESSION_COOKIE, SESSION_TTL_SEC, type AgentSessions } from './sessions';

/** Every agent's password on the stand-in. */
export const AGENT_PASSWORD = 'parley';

const isTls = (req: IncomingMessage) => (req.socket as TLSSocket).encrypted === true;

function stringField(body: unknown, key: string): string | undefined {
  const v = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function agentLoginRoutes(ctx: StandInContext, sessions: AgentSessions): Route[] {
  const base = '^\\/api\\/account\\/([^/]+)';
  return [
    route('POST', new RegExp(`${base}\\/login$`), async (req, res, [a]) => {
      const accountId = checkedAccountId(a);
      const body = await readJson(req);
      const account = ctx.registry.get(accountId);
      const agent = agentByLogin(account, stringField(body, 'username') ?? '');
      if (!agent || stringField(body, 'password') !== AGENT_PASSWORD) throw new Refusal(401, Errors.loginFailed);
      const s = sessions.create(accountId, agent.id);
      const secure = isTls(req) ? '; Secure' : '';
      res.setHeader('set-cookie', `${SESSION_COOKIE}=${s.cookie}; Path=/api/account/${accountId}; HttpOnly${secure}`);
      // The fields node-agent-sdk reads (bearer, csrf, config.userId, config.userPid) and a few that
      // LivePerson's login answer carries beside them [INF: a subset of that answer].
      json(res, 200, {
        csrf: s.csrf,
        wasSessionCreated: true,
        sessionTTl: String(SESSION_TTL_SEC),
        bearer: s.bearer,
        config: {
          loginName: agent.username,
          userId: legacyUserId(agent),
          userPid: agent.id,
          userTypeId: agent.role === 'bot' ? 2 : 1,
          isLPA: false,
          serverCurrentTime: Date.now(),
        },
      });
    }),
    // Only requests with the agent session cookie reach the agents' refresh; anything else here is
    // not found (404): LivePerson has no consumer-token refresh at this path, and neither does the stand-in.
    route('POST', new RegExp(`${base}\\/refresh$`), async (req, res, [a]) => {
      const accountId = checkedAccountId(a);
      const csrf = stringField(await readJson(req), 'csrf');
      if (!csrf || !sessions.refresh(accountId, csrf, cookieOf(req, SESSION_COOKIE))) throw new Refusal(401, Errors.sessionUnauthorized);
      json(res, 200, {}); // [INF] the SDK reads only the status; LivePerson's body is not documented
    }, (req) => cookieOf(req, SESSION_COOKIE) !== undefined),
  ];
}
