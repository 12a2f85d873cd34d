// Consumer identity tokens: issue, verify, expire them all (fault). HS256 with a per-process secret.
// Besides the consumer tokens (what the socket takes) it issues the unauthenticated v3 flow's
// external tokens (anonymous/authorize), which only the connector exchange accepts.
import { randomBytes } from 'node:crypto';
import { signJwt, verifyJwt, type Claims } from './jwt';

export type TokenCheck = { ok: true; claims: Claims } | { ok: false; anonymous: boolean; expired: boolean };

/** The unauthenticated v3 flow's lifetimes (LivePerson's defaults: 10 minutes, refreshable for 730 hours). */
export interface ExternalLifetimes {
  lifetimeSec: number;
  refreshWindowSec: number;
}

/** Why an external token was refused: not one of ours, expired (refresh it), or past its refresh window. */
export type ExternalCheck = { ok: true; claims: Claims } | { ok: false; reason: 'invalid' | 'expired' | 'windowOver' };

export class Tokens {
  private readonly secret = randomBytes(32);
  private serial = 0;
  private minValidSerial = 0;

  constructor(
    private readonly lifetimeSec: number,
    private readonly issuer: () => string,
    private readonly external: ExternalLifetimes = { lifetimeSec: 600, refreshWindowSec: 730 * 3600 },
  ) {}

  issue(account: string, sub: string, anonymous: boolean): string {
    const iat = Math.floor(Date.now() / 1000);
    const claims: Claims = { sub, aud: `acc:${account}`, iss: this.issuer(), iat, exp: iat + this.lifetimeSec, jti: String(this.serial++) };
    if (anonymous) claims.lp_anon = true;
    return signJwt(claims, this.secret);
  }

  /** An external unauthenticated token; `first` (s) is when its identity was first authorized. */
  issueExternal(account: string, sub: string, first?: number): string {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + this.external.lifetimeSec;
    const claims: Claims = { sub, aud: `acc:${account}`, iss: this.issuer(), iat, exp, jti: String(this.serial++), lp_ext: true, lp_first: first ?? iat };
    return signJwt(claims, this.secret);
  }

  /** An external token of this account: for the exchange it must be unexpired, for a refresh within its window. */
  checkExternal(token: string, account: string, use: 'exchange' | 'refresh', now = Date.now()): ExternalCheck {
    const claims = verifyJwt(token, this.secret);
    if (!claims || claims.lp_ext !== true || claims.aud !== `acc:${account}`) return { ok: false, reason: 'invalid' };
    if (use === 'refresh') {
      return ((claims.lp_first ?? claims.iat) + this.external.refreshWindowSec) * 1000 <= now ? { ok: false, reason: 'windowOver' } : { ok: true, claims };
    }
    const expired = claims.exp * 1000 <= now || Number(claims.jti) < this.minValidSerial;
    return expired ? { ok: false, reason: 'expired' } : { ok: true, claims };
  }

  check(token: string, account: string, now = Date.now()): TokenCheck {
    const claims = verifyJwt(token, this.secret);
    if (!claims || claims.lp_ext === true || claims.aud !== `acc:${account}`) return { ok: false, anonymous: false, expired: false };
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
