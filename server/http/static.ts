// Static files: the built demo page (dist/) at `/`, the agent console (dist/agent/) at `/agent/`.
// Paths are resolved inside the root only (no traversal); unknown types are served as bytes.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The policy of the widget's pages: `'self'` also allows same-origin ws: in CSP 3 browsers. */
export const WIDGET_PAGES_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; object-src 'none'";

const notBuilt = (what: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley stand-in</title></head>` +
  `<body><h1>Parley stand-in</h1><p>The ${what} is not built yet. Run <code>npm run build</code>, then reload.</p></body></html>`;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

async function fileAt(root: string, rel: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rel);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  let file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  try {
    let s = await stat(file);
    if (s.isDirectory()) {
      file = path.join(file, 'index.html');
      s = await stat(file);
    }
    return s.isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The policy of the embed's frame.html (and genesys.html, check.html): the widget pages' policy, and only these pages may embed it
 * (`frame-ancestors`): the stand-in's own ('self') and the configured origins, never any site.
 */
export function framePolicy(frameAncestors: readonly string[]): string {
  return `${WIDGET_PAGES_CSP}; frame-ancestors ${["'self'", ...frameAncestors].join(' ')}`;
}

/** The pages the loader puts in an iframe: the LivePerson app, the Genesys app, the connection check. */
const FRAMED_PAGES = new Set(['frame.html', 'genesys.html', 'check.html']);

export async function serveStatic(
  staticDir: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  frameAncestors: readonly string[] = [],
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
  if (pathname === '/agent') {
    res.writeHead(301, { location: '/agent/' });
    return void res.end();
  }
  const agent = pathname.startsWith('/agent/');
  const root = staticDir ? path.resolve(staticDir, agent ? 'agent' : '.') : undefined;
  const rel = agent ? pathname.slice('/agent'.length) : pathname;
  const file = root ? await fileAt(root, rel) : undefined;
  if (!file) {
    if (rel === '/' || rel === '/index.html') return send(res, 200, 'text/html; charset=utf-8', notBuilt(agent ? 'agent console' : 'demo page'));
    return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
  }
  const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  const headers: Record<string, string> = { 'content-type': type, 'x-content-type-options': 'nosniff' };
  // The widget's pages (the demo, the embed's frame, example host pages) run under a strict CSP:
  // no inline script or style, no eval; the console (/agent/) is not held to it.
  if (!agent && type.startsWith('text/html')) {
    headers['content-security-policy'] = FRAMED_PAGES.has(path.basename(file)) ? framePolicy(frameAncestors) : WIDGET_PAGES_CSP;
  }
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
