// The consumer IdP: LivePerson's three consumer identity flows (the legacy anonymous signup, also as
// JSONP; the authenticated code exchange; the unauthenticated v3 flow: anonymous/authorize, then the
// connector's authenticate?v=3.0), and agent profiles. There is no consumer-token refresh: a legacy
// identity that expired is gone (4407: sign up again); a v3 one refreshes its external token.
import { randomUUID } from 'node:crypto';
import type { StandInContext } from '../context';
import { Errors, Refusal } from '../errors';
import { checkedAccountId, stableId, type Agent } from '../state/accounts';
import type { ServerResponse } from 'node:http';
import { json, readJson, route, type Route } from './router';

/** A JSONP callback name: a JavaScript identifier path (`fn`, `lp.cb_1`), nothing that could end the call. */
const CALLBACK = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const CONNECTOR_ID = /^[A-Za-z0-9_.-]{1,64}$/;

function jsonp(res: ServerResponse, callback: string, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(`${callback}(${JSON.stringify(body)});`);
}

const query = (url: string | undefined) => new URL(url ?? '/', 'http://stand-in').searchParams;

function avatar(agent: Agent): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" rx="32" fill="#3b6ea8"/><text x="32" y="41" font-family="sans-serif" font-size="26" fill="#fff" text-anchor="middle">${agent.nickname.slice(0, 1)}</text></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

function field(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[key];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * The stable consumer id for an authCode. A JWT (the brand IdP's external token) names its user by
 * `iss` + `sub`, so a re-issued token is the same consumer; its signature is NOT checked (the
 * stand-in trusts every brand). Any other code is its own identity.
 */
export function consumerIdFor(account: string, authCode: string): string {
  const parts = authCode.split('.');
  if (parts.length === 3) {
    try {
      const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
      const { iss, sub } = (typeof claims === 'object' && claims !== null ? claims : {}) as Record<string, unknown>;
      if (typeof sub === 'string' && sub.length > 0) return stableId(account, 'external-jwt', typeof iss === 'string' ? iss : '', sub);
    } catch {
      // not a JWT after all: the code itself is the identity
    }
  }
  return stableId(account, 'consumer', authCode);
}

export function identityRoutes(ctx: StandInContext): Route[] {
  const base = '^\\/api\\/account\\/([^/]+)';
  /** The refuseAuth fault: the IdP refuses every token request. */
  const refusing = () => {
    if (!ctx.faults.settings.refuseAuth) return;
    ctx.faults.counters.refused += 1;
    throw new Refusal(401, Errors.authRefused);
  };
  return [
    route('POST', new RegExp(`${base}\\/signup$`), (_req, res, [a]) => {
      const account = checkedAccountId(a);
      refusing();
      json(res, 200, { jwt: ctx.tokens.issue(account, randomUUID(), true) });
    }),
    // The same for browsers, as LivePerson's samples call it [LP-CODE]: `?callback=fn` → `fn({"jwt":…});`.
    route('GET', new RegExp(`${base}\\/signup\\.jsonp$`), (req, res, [a]) => {
      const account = checkedAccountId(a);
      const callback = query(req.url).get('callback') ?? '';
      if (callback.length > 128 || !CALLBACK.test(callback)) throw new Refusal(400, Errors.badCallback);
      refusing();
      jsonp(res, callback, { jwt: ctx.tokens.issue(account, randomUUID(), true) });
    }),
    route('POST', new RegExp(`${base}\\/authenticate$`), async (req, res, [a]) => {
      const account = checkedAccountId(a);
      refusing();
      const code = field(await readJson(req), 'authCode');
      if (!code) throw new Refusal(400, Errors.missingAuthCode);
      json(res, 200, { jwt: ctx.tokens.issue(account, consumerIdFor(account, code), false) });
    }),
    // Unauthenticated messaging v3 [DOC unauthenticated-messaging.md]: an external token, `{token}`;
    // with the old `{id_token}` the same call refreshes it (same identity) within the refresh window.
    route('POST', new RegExp(`${base}\\/anonymous\\/authorize$`), async (req, res, [a]) => {
      const account = checkedAccountId(a);
      refusing();
      const old = field(await readJson(req), 'id_token');
      if (!old) return json(res, 200, { token: ctx.tokens.issueExternal(account, randomUUID()) });
      const check = ctx.tokens.checkExternal(old, account, 'refresh');
      if (!check.ok) throw new Refusal(401, check.reason === 'windowOver' ? Errors.refreshWindowOver : Errors.notExternalToken);
      json(res, 200, { token: ctx.tokens.issueExternal(account, check.claims.sub, check.claims.lp_first) });
    }),
    // The connector's exchange: an unexpired external token for a consumer token, `{token}`. The
    // consumer id follows the external identity, so a refreshed external token is the same consumer.
    route('POST', new RegExp(`${base}\\/app\\/([^/]+)\\/authenticate$`), async (req, res, [a, connectorId = '']) => {
      const account = checkedAccountId(a);
      if (query(req.url).get('v') !== '3.0') throw new Refusal(400, Errors.badApiVersion); // [INF] the status
      if (!CONNECTOR_ID.test(connectorId)) throw new Refusal(404, Errors.badConnector); // [INF] every well-formed connector id exists
      refusing();
      const idToken = field(await readJson(req), 'id_token');
      if (!idToken) throw new Refusal(400, Errors.missingIdToken);
      const check = ctx.tokens.checkExternal(idToken, account, 'exchange');
      if (!check.ok) throw new Refusal(401, check.reason === 'expired' ? Errors.externalExpired : Errors.notExternalToken);
      json(res, 200, { token: ctx.tokens.issue(account, stableId(account, 'unauthenticated', check.claims.sub), true) });
    }),
    route('GET', new RegExp(`${base}\\/configuration\\/le-users\\/users\\/([^/]+)$`), (_req, res, [a, id = '']) => {
      const agent = ctx.registry.get(checkedAccountId(a)).agent(id);
      if (!agent) throw new Refusal(404, Errors.unknownAgent(id));
      json(res, 200, { id: agent.id, pid: agent.id, nickname: agent.nickname, fullName: agent.fullName, pictureUrl: avatar(agent) });
    }),
  ];
}
