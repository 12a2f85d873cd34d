// The consumer IdP: anonymous signup, authenticated code exchange, anonymous refresh, agent profiles.
import { randomUUID } from 'node:crypto';
import type { StandInContext } from '../context';
import { Errors, Refusal } from '../errors';
import { checkedAccountId, stableId, type Agent } from '../state/accounts';
import { json, readJson, route, type Route } from './router';

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
    route('POST', new RegExp(`${base}\\/authenticate$`), async (req, res, [a]) => {
      const account = checkedAccountId(a);
      refusing();
      const code = field(await readJson(req), 'authCode');
      if (!code) throw new Refusal(400, Errors.missingAuthCode);
      json(res, 200, { jwt: ctx.tokens.issue(account, consumerIdFor(account, code), false) });
    }),
    route('POST', new RegExp(`${base}\\/refresh$`), async (req, res, [a]) => {
      const account = checkedAccountId(a);
      refusing();
      const old = field(await readJson(req), 'jwt');
      const claims = old ? ctx.tokens.decode(old) : undefined;
      if (!claims || claims.aud !== `acc:${account}`) throw new Refusal(401, Errors.badToken);
      if (claims.lp_anon !== true) throw new Refusal(400, Errors.notAnonymous);
      json(res, 200, { jwt: ctx.tokens.issue(account, claims.sub, true) });
    }),
    route('GET', new RegExp(`${base}\\/configuration\\/le-users\\/users\\/([^/]+)$`), (_req, res, [a, id = '']) => {
      const agent = ctx.registry.get(checkedAccountId(a)).agent(id);
      if (!agent) throw new Refusal(404, Errors.unknownAgent(id));
      json(res, 200, { id: agent.id, pid: agent.id, nickname: agent.nickname, fullName: agent.fullName, pictureUrl: avatar(agent) });
    }),
  ];
}
