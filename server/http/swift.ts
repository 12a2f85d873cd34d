// The swift store over HTTP (protocol reference §7): `PUT {relativePath}?temp_url_sig=..&temp_url_expires=..`
// with the raw bytes answers 201, `GET` the same way answers the file; a bad or expired signature
// answers 401 and a file over the limit 413, as swift does. CORS lets the widget's frame PUT and GET.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StandInContext } from '../context';
import { swiftOf } from '../state/swift';
import { accountOf } from './params';

const PATH = /^\/v1\/AUTH_async-images\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9-]{1,64}\.[A-Za-z]{3,4})$/;

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, PUT, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
}

/** Reads at most `limit` bytes; undefined (and the request drained) when the body is longer. */
function readBytes(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Handles a swift request; false when the path is not the store's. */
export async function handleSwift(ctx: StandInContext, req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
  if (!PATH.test(pathname)) return false;
  for (const [k, v] of Object.entries(CORS)) res.setHeader(k, v);
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return true;
  }
  const store = swiftOf(accountOf(ctx, PATH.exec(pathname)?.[1]));
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
  const sig = query.get('temp_url_sig');
  const expires = query.get('temp_url_expires');
  if (req.method === 'PUT') {
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    const refusal = store.checkPut(pathname, sig, expires, declared);
    if (refusal) {
      req.resume();
      text(res, refusal, refusal === 401 ? 'Temp URL invalid' : 'Request Entity Too Large');
      return true;
    }
    const bytes = await readBytes(req, store.limitOf(pathname));
    if (!bytes) text(res, 413, 'Request Entity Too Large');
    else {
      store.put(pathname, bytes);
      text(res, 201, '');
    }
    return true;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    const found = store.get(pathname, sig, expires);
    if (typeof found === 'number') text(res, found, found === 401 ? 'Temp URL invalid' : 'Not Found');
    else {
      res.writeHead(200, { 'content-type': found.contentType, 'content-length': found.bytes.length, 'cache-control': 'private, max-age=60', 'x-content-type-options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : found.bytes);
    }
    return true;
  }
  res.setHeader('allow', 'GET, PUT, OPTIONS');
  text(res, 405, 'Method Not Allowed');
  return true;
}
