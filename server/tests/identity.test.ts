// The IdP's identities: an authCode that is a JWT names its user by iss+sub (so a re-issued external
// token is the same consumer); account ids are checked on every HTTP and WebSocket route.
import { describe, expect, it } from 'vitest';
import { call, claimsOf } from '../testing/http';
import { standInForTests } from '../testing/harness';

const h = standInForTests();
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
/** An external (brand IdP) JWT; the stand-in does not check its signature. */
const external = (claims: Record<string, unknown>) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;

async function subFor(account: string, authCode: string): Promise<unknown> {
  const r = await call<{ jwt: string }>(`${h.url}/api/account/${account}/authenticate`, 'POST', { authCode });
  expect(r.status).toBe(200);
  return claimsOf(r.body.jwt).sub;
}

describe('authenticated identities', () => {
  it('derive the consumer from a JWT authCode\'s iss+sub, so a re-issued token is the same consumer', async () => {
    const account = h.account();
    const user = { sub: '+972-3-5555-555', iss: 'https://idp.brand.example', given_name: 'Eitan' };
    const first = await subFor(account, external({ ...user, iat: 1_700_000_000, exp: 1_700_003_600 }));
    expect(await subFor(account, external({ ...user, iat: 1_700_007_200, exp: 1_700_010_800 }))).toBe(first);
    expect(await subFor(account, external({ ...user, sub: '+972-3-0000-000' }))).not.toBe(first);
    expect(await subFor(account, external({ ...user, iss: 'https://other.example' }))).not.toBe(first);
    expect(await subFor(h.account(), external(user))).not.toBe(first);
  });

  it('derive it from the code itself otherwise (opaque codes, JWT-shaped codes without a sub)', async () => {
    const account = h.account();
    expect(await subFor(account, 'opaque-code')).toBe(await subFor(account, 'opaque-code'));
    const noSub = external({ iss: 'x', iat: 1 });
    expect(await subFor(account, noSub)).not.toBe(await subFor(account, external({ iss: 'x', iat: 2 })));
    expect(await subFor(account, 'a.b.c')).toBe(await subFor(account, 'a.b.c'));
  });
});

describe('account ids', () => {
  const bad = ['has%20space', 'semi%3Bcolon', 'x'.repeat(65)];

  it('are refused with 400 and a clear error on every HTTP route', async () => {
    for (const account of bad) {
      const routes: Array<[string, string, unknown?]> = [
        [`/api/account/${account}/service/baseURI.json?version=1.0`, 'GET'],
        [`/api/account/${account}/signup`, 'POST'],
        [`/api/account/${account}/authenticate`, 'POST', { authCode: 'alice' }],
        [`/api/account/${account}/signup.jsonp?callback=cb`, 'GET'],
        [`/api/account/${account}/anonymous/authorize`, 'POST'],
        [`/api/account/${account}/app/web/authenticate?v=3.0`, 'POST', { id_token: 'x.y.z' }],
        [`/api/account/${account}/configuration/le-users/users/someone`, 'GET'],
        [`/agent/api/${account}/conversations`, 'GET'],
      ];
      for (const [path, method, body] of routes) {
        const r = await call<{ error: string }>(`${h.url}${path}`, method, body);
        expect(r, `${method} ${path}`).toMatchObject({ status: 400, body: { error: 'Invalid account id' } });
      }
    }
  });

  it('are refused at the WebSocket upgrade with 400', async () => {
    for (const account of bad) await expect(h.connect(account)).rejects.toThrow('upgrade refused: 400');
  });
});
