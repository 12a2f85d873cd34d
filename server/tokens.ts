// Consumer identity tokens: issue, verify, expire them all (fault). HS256 with a per-process secret.
import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt, type Claims } from './jwt';

export type TokenCheck = { ok: true; claims: Claims } | { ok: false; anonymous: boolean; expired: boolean };

export class Tokens {
  private readonly secret = randomBytes(32);
  private serial = 0;
  private minValidSerial = 0;

  constructor(
    private readonly lifetimeSec: number,
    private readonly issuer: () => string,
  ) {}

  issue(account: string, sub: string, anonymous: boolean): string {
    const iat = Math.floor(Date.now() / 1000);
    const claims: Claims = { sub, aud: `acc:${account}`, iss: this.issuer(), iat, exp: iat + this.lifetimeSec, jti: String(this.serial++) };
    if (anonymous) claims.lp_anon = true;
    return signJwt(claims, this.secret);
  }

  /** Signature only (expiry ignored): for refreshing an expired anonymous identity. */
  decode(token: string): Claims | undefined {
    return verifyJwt(token, this.secret);
  }

  check(token: string, account: string, now = Date.now()): TokenCheck {
    const claims = verifyJwt(token, this.secret);
    if (!claims || claims.aud !== `acc:${account}`) return { ok: false, anonymous: false, expired: false };
    const expired = claims.exp * 1000 <= now || Number(claims.jti) < this.minValidSerial;
    return expired ? { ok: false, anonymous: claims.lp_anon === true, expired: true } : { ok: true, claims };
  }

  /** Milliseconds until the token expires (by its exp claim). */
  remainingMs(claims: Claims, now = Date.now()): number {
    return claims.exp * 1000 - now;
  }

  /** Every token issued so far is expired from now on. */
  expireAll(): void {
    this.minValidSerial = this.serial;
  }
}
