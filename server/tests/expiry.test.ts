// Tokens that expire during a session close the socket: 4407 (anonymous) / 4401 (authenticated).
import { expect, it } from 'vitest';
import { call } from '../testing/http';
import { standInForTests } from '../testing/harness';

const h = standInForTests({ tokenLifetimeSec: 1 });

it('closes with 4407 / 4401 when the token expires mid-session', async () => {
  const account = h.account();
  const anon = await h.consumer(account);
  const code = await call<{ jwt: string }>(`${h.url}/api/account/${account}/authenticate`, 'POST', { authCode: 'carol' });
  const authd = await h.connect(account, { jwt: code.body.jwt });
  expect((await anon.client.request('GetClock')).code).toBe(200);
  const [a, b] = await Promise.all([anon.client.closed, authd.closed]);
  expect(a.code).toBe(4407);
  expect(b.code).toBe(4401);
});
