// The stand-in Genesys, served by the stand-in's HTTP server next to the LivePerson side:
// GMS chatV2 over CometD for visitors (/genesys/cometd) and GWS for agents (/api/v2/me…, CometD at
// /api/v2/notifications). CORS answers credentials with an explicit origin, as CometD's
// long-polling XHR (always withCredentials) and GWS's cookie + CSRF sign-in need. See docs/stand-in.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, runRoutes, type Route } from '../http/router';
import type { Timers } from '../timers';
import type { BayeuxOptions } from './bayeux';
import { GenesysChats } from './chats';
import { genesysControlRoutes } from './control';
import { GMS_PATH, GmsService } from './gms';
import { GWS_NOTIFICATIONS_PATH, GwsService } from './gws';
import { gwsRoutes } from './gwsRest';

export interface Genesys {
  chats: GenesysChats;
  gms: GmsService;
  gws: GwsService;
  /** The control routes (/agent/api/genesys/…), run by the stand-in's router. */
  controlRoutes: Route[];
  /** Serves a Genesys request; false when the path is not Genesys'. */
  handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean>;
  stop(): void;
}

const GWS_REST = /^\/api\/v2\/me(\/|$)/;

export const DEFAULT_BAYEUX: BayeuxOptions = { timeout: 20_000, maxInterval: 10_000 };

/** CORS for credentialed cross-origin clients: the origin echoed, never `*`. */
function cors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('access-control-allow-credentials', 'true');
  res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  res.setHeader('access-control-allow-headers', 'content-type, authorization, x-csrf-token');
  res.setHeader('access-control-expose-headers', 'X-CSRF-HEADER, X-CSRF-TOKEN');
  res.setHeader('access-control-max-age', '600');
  res.setHeader('vary', 'Origin');
}

export function createGenesys(timers: Timers, baseUrl: () => string, options: BayeuxOptions = DEFAULT_BAYEUX): Genesys {
  const chats = new GenesysChats();
  const gms = new GmsService(chats, options, timers);
  const gws = new GwsService(chats, options, timers, baseUrl);
  const rest = gwsRoutes(gws);
  // The cometd client appends the message type to the URL (…/handshake, …/connect).
  const under = (pathname: string, base: string) => pathname === base || pathname.startsWith(`${base}/`);
  const bayeux = (pathname: string) => (under(pathname, GMS_PATH) ? gms.endpoint : under(pathname, GWS_NOTIFICATIONS_PATH) ? gws.endpoint : undefined);

  return {
    chats,
    gms,
    gws,
    controlRoutes: genesysControlRoutes({ gms: gms.endpoint, gws: gws.endpoint }, chats),
    async handle(req, res, pathname) {
      const endpoint = bayeux(pathname);
      if (!endpoint && !GWS_REST.test(pathname)) return false;
      cors(req, res);
      if (req.method === 'OPTIONS') {
        res.writeHead(204).end();
        return true;
      }
      if (endpoint) await endpoint.handle(req, res);
      else if (!(await runRoutes(rest, req, res, pathname))) json(res, 404, { statusCode: 4, statusMessage: 'Not found' });
      return true;
    },
    stop() {
      gms.endpoint.close();
      gws.endpoint.close();
    },
  };
}
