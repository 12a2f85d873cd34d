// GWS REST for agents (/api/v2/me…): the user, its chats, a chat's transcript and the chat
// operations. Every route needs the Basic/JSESSIONID sign-in; writes need the CSRF token.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Refusal } from '../errors';
import { json, readJson, route, type Route } from '../http/router';
import type { GwsSession } from './gwsAuth';
import { gwsMessage } from './gwsRender';
import { GwsRefusal, type GwsService } from './gws';

type Handler = (req: IncomingMessage, res: ServerResponse, session: GwsSession, params: string[]) => unknown;

const failure = (res: ServerResponse, http: number, statusCode: number, statusMessage: string) => json(res, http, { statusCode, statusMessage });

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  const b = await readJson(req);
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw new GwsRefusal(400, 1, 'The request body must be a JSON object');
  return b as Record<string, unknown>;
}

export function gwsRoutes(gws: GwsService): Route[] {
  const authed = (handler: Handler) => async (req: IncomingMessage, res: ServerResponse, params: string[]) => {
    const auth = gws.auth.authenticate(req, res);
    if ('status' in auth) {
      console.warn(`stand-in genesys: GWS ${req.method} ${req.url}: ${auth.status} ${auth.message}`);
      // [INF] No WWW-Authenticate challenge: browsers would open their own sign-in dialog over the console's.
      return failure(res, auth.status, auth.status === 401 ? 2 : 3, auth.message);
    }
    try {
      await handler(req, res, auth.session, params);
    } catch (e) {
      if (e instanceof GwsRefusal) return failure(res, e.http, e.statusCode, e.message);
      if (e instanceof Refusal) return failure(res, e.code, 1, e.message);
      throw e;
    }
  };

  const chatOf = (session: GwsSession, id: string | undefined) => {
    const chat = id === undefined ? undefined : gws.chatsOf(session.agent.id).find((c) => c.id === id);
    if (!chat) throw new GwsRefusal(404, 4, `Chat not found: ${String(id).slice(0, 64)}`);
    return chat;
  };

  const me = (s: GwsSession) => ({ id: s.agent.id, userName: s.agent.userName, firstName: s.agent.firstName, lastName: s.agent.lastName });

  return [
    route('GET', /^\/api\/v2\/me$/, authed((_req, res, s) => json(res, 200, { statusCode: 0, user: me(s) }))),
    // [D] StartContactCenterSession (and its end) are accepted; the stand-in needs neither.
    route('POST', /^\/api\/v2\/me$/, authed(async (req, res) => {
      const op = (await body(req)).operationName;
      if (op !== 'StartContactCenterSession' && op !== 'EndContactCenterSession') throw new GwsRefusal(400, 1, `Unsupported operationName: ${String(op).slice(0, 64)}`);
      json(res, 200, { statusCode: 0 });
    })),
    route('GET', /^\/api\/v2\/me\/chats$/, authed((_req, res, s) => {
      json(res, 200, { statusCode: 0, chats: gws.chatsOf(s.agent.id).map((c) => gws.view(c, s.agent.id)) });
    })),
    route('GET', /^\/api\/v2\/me\/chats\/([^/]+)$/, authed((_req, res, s, [id]) => {
      json(res, 200, { statusCode: 0, chat: gws.view(chatOf(s, id), s.agent.id) });
    })),
    route('GET', /^\/api\/v2\/me\/chats\/([^/]+)\/messages$/, authed((req, res, s, [id]) => {
      const chat = chatOf(s, id);
      const q = new URL(req.url ?? '/', 'http://x').searchParams;
      const startIndex = Number(q.get('startIndex') ?? 0);
      const count = q.has('count') ? Number(q.get('count')) : Infinity;
      if (!Number.isInteger(startIndex) || startIndex < 0 || !(count >= 0)) throw new GwsRefusal(400, 1, 'startIndex and count must be integers >= 0');
      const messages = chat.transcript.filter((e) => e.index >= startIndex).slice(0, count).map(gwsMessage);
      json(res, 200, { statusCode: 0, messages });
    })),
    route('POST', /^\/api\/v2\/me\/chats\/([^/]+)$/, authed(async (req, res, s, [id]) => {
      const b = await body(req);
      gws.operate(s.agent, chatOf(s, id), b);
      json(res, 200, { statusCode: 0 });
    })),
  ];
}
