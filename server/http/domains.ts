// The Domain API (CSDS): every service of every account lives on this stand-in.
import type { StandInContext } from '../context';
import { checkedAccountId } from '../state/accounts';
import { json, route, type Route } from './router';

const SERVICES = ['asyncMessagingEnt', 'idp', 'acCdnDomain', 'swift', 'agentVep'];

export function domainRoutes(ctx: StandInContext): Route[] {
  return [
    route('GET', /^\/api\/account\/([^/]+)\/service\/baseURI\.json$/, (_req, res, [a]) => {
      const account = checkedAccountId(a);
      json(res, 200, { baseURIs: SERVICES.map((service) => ({ service, account, baseURI: ctx.host })) });
    }),
  ];
}
