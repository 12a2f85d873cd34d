// Tokens that expire during a session close the socket: 4407 (anonymous) / 4401 (authenticated).
import { expect, it } from 'vitest';
import { call } from '../testing/http';
import { standInForTests } from '../testing/harness';

const h = standInForTests({ tokenLifetimeSec: 2 });

it('closes with 4407 / 4401 when the token expires mid-session', async () => {
  const account = h.account();
  const anon = await h.connect(account, { init: { jwt: await h.signup(account) } });
  const code = await call<{ jwt: string }>(`${h.url}/api/account/${account}/authenticate`, 'POST', { authCode: 'carol' });
  const authd = await h.connect(account, { jwt: code.body.jwt });
  const opened = Date.now();
  const [a, b] = await Promise.all([anon.closed, authd.closed]);
  expect(anon.frames[0]).toMatchObject({ kind: 'resp', reqId: 'init', code: 200 });
  expect(a.code).toBe(4407);
  expect(b.code).toBe(4401);
  expect(Date.now() - opened).toBeGreaterThan(100);
});
