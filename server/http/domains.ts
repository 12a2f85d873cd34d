// The Domain API (CSDS): every service of every account lives on this stand-in. Asked over TLS, it
// names the TLS listener (clients such as node-agent-sdk build https:// and wss:// URLs from it).
import type { TLSSocket } from 'node:tls';
import type { StandInContext } from '../context';
import { checkedAccountId } from '../state/accounts';
import { json, route, type Route } from './router';

const SERVICES = ['asyncMessagingEnt', 'idp', 'acCdnDomain', 'swift', 'agentVep'];

export function domainRoutes(ctx: StandInContext): Route[] {
  return [
    route('GET', /^\/api\/account\/([^/]+)\/service\/baseURI\.json$/, (req, res, [a]) => {
      const account = checkedAccountId(a);
      const baseURI = (req.socket as TLSSocket).encrypted && ctx.tlsHost ? ctx.tlsHost : ctx.host;
      json(res, 200, { baseURIs: SERVICES.map((service) => ({ service, account, baseURI })) });
    }),
  ];
}
