// HS256 JSON Web Tokens with node:crypto (sign and verify; no other algorithm is accepted).
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface Claims {
  sub: string;
  aud: string;
  iss: string;
  iat: number;
  exp: number;
  /** Serial number of the token, used to expire every token issued so far. */
  jti: string;
  /** True for anonymous (unauthenticated) identities: they expire with 4407 and can be refreshed. */
  lp_anon?: boolean;
  /** An unauthenticated external token (anonymous/authorize): exchanged at the connector, never a socket token. [INF] */
  lp_ext?: boolean;
  /** When the external identity was first authorized (s): refreshes work until this plus the refresh window. [INF] */
  lp_first?: number;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

function mac(secret: Buffer, input: string): Buffer {
  return createHmac('sha256', secret).update(input).digest();
}

export function signJwt(claims: Claims, secret: Buffer): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  return `${head}.${body}.${mac(secret, `${head}.${body}`).toString('base64url')}`;
}

function isClaims(v: unknown): v is Claims {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.sub === 'string' &&
    typeof c.aud === 'string' &&
    typeof c.iat === 'number' &&
    typeof c.exp === 'number' &&
    typeof c.jti === 'string'
  );
}

/** The claims when the signature verifies (expiry is NOT checked here), otherwise undefined. */
export function verifyJwt(token: string, secret: Buffer): Claims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [head, body, sig] = parts as [string, string, string];
  try {
    const header: unknown = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || (header as { alg?: unknown }).alg !== 'HS256') return undefined;
    const expected = mac(secret, `${head}.${body}`);
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const claims: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    return isClaims(claims) ? claims : undefined;
  } catch {
    return undefined;
  }
}
