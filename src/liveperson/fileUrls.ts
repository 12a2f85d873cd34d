// Signed download URLs for shared files (protocol reference §7): ms.GenerateURLForDownloadFile
// `{relativePath}` answers `{relativePath, queryParams: {temp_url_sig, temp_url_expires}}`, and the
// file is at `{swift}{relativePath}?temp_url_sig=..&temp_url_expires=..` until it expires (1 minute
// by default). A URL is reused while it has some life left and asked again after.
import { sessionError } from '../core/session';
import type { Connection } from './connection';
import { isRecord } from './http';
import { RequestTypes } from './wire';

/** A URL with less life left than this is asked again (the image may take a moment to load). */
const MARGIN_MS = 10_000;
/** Paths LivePerson's storage answers: absolute, no query, no tricks. */
const PATH = /^\/(?!\/)[A-Za-z0-9_./-]{1,1024}$/;

export interface FileUrls {
  url(path: string): Promise<string>;
}

export function createFileUrls(deps: { connection: Pick<Connection, 'request'>; swiftBase: () => Promise<string | undefined>; now: () => number }): FileUrls {
  const cache = new Map<string, { url: string; expiresAt: number }>();
  return {
    async url(path) {
      if (!PATH.test(path) || path.includes('..')) throw sessionError('notFound', 'Not a stored file path');
      const cached = cache.get(path);
      if (cached && cached.expiresAt - MARGIN_MS > deps.now()) return cached.url;
      const base = await deps.swiftBase();
      if (!base) throw sessionError('notFound', 'The account names no file storage (swift)');
      const response = await deps.connection.request(RequestTypes.GenerateURLForDownloadFile, { relativePath: path });
      const body = isRecord(response.body) ? response.body : undefined;
      const params = isRecord(body?.queryParams) ? body.queryParams : undefined;
      const sig = params?.temp_url_sig;
      const expires = params?.temp_url_expires;
      if (response.code !== 200 || typeof sig !== 'string' || (typeof expires !== 'string' && typeof expires !== 'number')) {
        throw sessionError('refused', `The file storage refused the download URL (${response.code})`);
      }
      const url = `${base}${path}?temp_url_sig=${encodeURIComponent(sig)}&temp_url_expires=${encodeURIComponent(String(expires))}`;
      const seconds = Number(expires);
      cache.set(path, { url, expiresAt: Number.isFinite(seconds) ? seconds * 1000 : 0 });
      return url;
    },
  };
}
