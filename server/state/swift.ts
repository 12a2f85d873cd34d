// The stand-in's "swift": an in-memory file store behind signed, expiring temp URLs, as LivePerson's
// file sharing uses (protocol reference §7). A temp URL is `{relativePath}?temp_url_sig=..&temp_url_expires=..`;
// the signature is an HMAC of method, expiry and path, as OpenStack Swift's TempURL middleware makes
// it (HMAC-SHA1 over "METHOD\nEXPIRES\nPATH") [INF: LivePerson's key and digest are not public].
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Account } from './accounts';

/** LivePerson's documented limit for shared images. */
export const MAX_FILE_BYTES = 3 * 1024 * 1024;
/** The file types `ms.GenerateURLForUploadFile` takes (its schema's enum). */
export const UPLOAD_TYPES = ['JPG', 'PNG', 'GIF', 'JPEG'] as const;
/**
 * The wider file sharing's types, for a consumer that announced FILE_SHARING on an account that
 * allows them (settings.fileTypes) [INF: LivePerson's schema lists only the images].
 */
export const DOCUMENT_TYPES = ['PDF', 'DOCX', 'XLSX', 'PPTX'] as const;
export type UploadType = (typeof UPLOAD_TYPES)[number] | (typeof DOCUMENT_TYPES)[number];

export const CONTENT_TYPES: Record<string, string> = {
  JPG: 'image/jpeg', JPEG: 'image/jpeg', PNG: 'image/png', GIF: 'image/gif', PDF: 'application/pdf', TXT: 'text/plain',
  DOCX: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  PPTX: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

export interface TempUrl {
  relativePath: string;
  queryParams: { temp_url_sig: string; temp_url_expires: string };
}

interface Stored {
  bytes: Buffer;
  contentType: string;
}

/** Why a signed request was refused, as swift answers: 401 for a bad or expired signature, 413 for a file too large. */
export type SwiftRefusal = 401 | 404 | 413;

export class SwiftStore {
  private readonly key = randomBytes(32);
  private readonly files = new Map<string, Stored>();
  /** Sizes announced when each upload URL was made: the PUT may not exceed them (nor the limit). */
  private readonly announced = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private sign(method: 'GET' | 'PUT', path: string, expires: string): string {
    return createHmac('sha1', this.key).update(`${method}\n${expires}\n${path}`).digest('hex');
  }

  private tempUrl(method: 'GET' | 'PUT', relativePath: string): TempUrl {
    const expires = String(Math.floor((this.now() + this.ttlMs) / 1000));
    return { relativePath, queryParams: { temp_url_sig: this.sign(method, relativePath, expires), temp_url_expires: expires } };
  }

  /** A new path for an account's upload, and its signed PUT URL. */
  uploadUrl(accountId: string, fileType: UploadType, fileSize: number): TempUrl {
    const relativePath = `/v1/AUTH_async-images/${accountId}/${randomUUID()}.${fileType}`;
    this.announced.set(relativePath, fileSize);
    return this.tempUrl('PUT', relativePath);
  }

  /** A signed GET URL for a stored file; undefined when there is no such file. */
  downloadUrl(relativePath: string): TempUrl | undefined {
    return this.files.has(relativePath) ? this.tempUrl('GET', relativePath) : undefined;
  }

  /** Whether the signature is this store's for this method, path and expiry, and not expired. */
  private valid(method: 'GET' | 'PUT', path: string, sig: string | null, expires: string | null): boolean {
    if (!sig || !expires || !/^\d{1,12}$/.test(expires) || Number(expires) * 1000 < this.now()) return false;
    const expected = Buffer.from(this.sign(method, path, expires));
    const given = Buffer.from(sig);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Checks a PUT before its body is read: the signature, then the announced size. */
  checkPut(path: string, sig: string | null, expires: string | null, length: number | undefined): SwiftRefusal | undefined {
    if (!this.valid('PUT', path, sig, expires)) return 401;
    if (length !== undefined && length > this.limitOf(path)) return 413;
    return undefined;
  }

  /** The most bytes a PUT to this path may carry. */
  limitOf(path: string): number {
    return Math.min(MAX_FILE_BYTES, this.announced.get(path) ?? MAX_FILE_BYTES);
  }

  put(path: string, bytes: Buffer): void {
    const type = path.slice(path.lastIndexOf('.') + 1).toUpperCase();
    this.files.set(path, { bytes, contentType: CONTENT_TYPES[type] ?? 'application/octet-stream' });
  }

  get(path: string, sig: string | null, expires: string | null): Stored | SwiftRefusal {
    if (!this.valid('GET', path, sig, expires)) return 401;
    return this.files.get(path) ?? 404;
  }

  /** Stores a file directly (the agent's side, which has its own access to the store). */
  putFromAgent(accountId: string, fileType: string, bytes: Buffer): string {
    const relativePath = `/v1/AUTH_async-images/${accountId}/${randomUUID()}.${fileType}`;
    this.put(relativePath, bytes);
    return relativePath;
  }
}

const stores = new WeakMap<Account, SwiftStore>();

/** Gives an account its swift store (the stand-in does, as each account appears). */
export function openSwift(account: Account, ttlMs: number): void {
  if (!stores.has(account)) stores.set(account, new SwiftStore(ttlMs));
}

/** The account's swift store. */
export function swiftOf(account: Account): SwiftStore {
  const store = stores.get(account);
  if (!store) throw new Error(`stand-in: account ${account.id} has no swift store`);
  return store;
}
