// A tiny router for node:http: routes by method and path pattern, JSON helpers, errors as {"error"}.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Errors, Refusal } from '../errors';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: string[]) => unknown;

export interface Route {
  method: string;
  path: RegExp;
  handler: RouteHandler;
  /** Only requests it holds for reach this route (others go on to the next one). */
  when?: (req: IncomingMessage) => boolean;
}

export const route = (method: string, path: RegExp, handler: RouteHandler, when?: Route['when']): Route => ({ method, path, handler, ...(when ? { when } : {}) });

const BODY_LIMIT = 64 * 1024;

export function json(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** The JSON body (undefined when empty); 400 when it is not JSON, 413 when too large. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new Refusal(413, Errors.bodyTooLarge);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(400, Errors.badJson);
  }
}

function decodeParams(m: RegExpExecArray): string[] | undefined {
  try {
    return m.slice(1).map((p) => decodeURIComponent(p ?? ''));
  } catch {
    return undefined;
  }
}

/** Runs the first matching route. Returns false when no route matches the path. */
export async function runRoutes(routes: Route[], req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.path.exec(pathname);
    if (!m || (r.when && !r.when(req))) continue;
    pathMatched = true;
    if (r.method !== req.method) continue;
    const params = decodeParams(m);
    try {
      if (!params) throw new Refusal(400, Errors.notFound);
      await r.handler(req, res, params);
    } catch (e) {
      if (e instanceof Refusal) json(res, e.code, { error: e.message });
      else {
        console.error('stand-in: route failed', req.method, pathname, e);
        json(res, 500, { error: Errors.internal });
      }
    }
    return true;
  }
  if (pathMatched) json(res, 405, { error: Errors.methodNotAllowed });
  return pathMatched;
}
