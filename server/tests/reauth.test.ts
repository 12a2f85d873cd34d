// In-band re-authentication: a second InitConnection on an authenticated socket. A fresher token
// of the same consumer moves the expiry to the new token's; another consumer's token is refused.
import { expect, it } from 'vitest';
import { claimsOf, unauthenticatedV3 } from '../testing/http';
import { standInForTests } from '../testing/harness';

const h = standInForTests({ tokenLifetimeSec: 4 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const reinit = (jwt: string, id: string) => ({ kind: 'req', id, type: 'InitConnection', headers: [{ type: '.ams.headers.ConsumerAuthentication', jwt }] });

it('a fresher token for the same consumer resets the expiry timer from its claims', async () => {
  await sleep(1000 - (Date.now() % 1000)); // start just after a second boundary: the first token lives ~4 s
  const account = h.account();
  const v3 = await unauthenticatedV3(h.url, account);
  const first = await h.consumer(account, [], v3.token);
  await sleep(1100); // the refreshed token is issued at least one second later, so it expires later
  const fresh = (await unauthenticatedV3(h.url, account, v3.external)).token;
  expect(claimsOf(fresh).sub).toBe(claimsOf(v3.token).sub);
  const [oldExp, newExp] = [Number(claimsOf(first.jwt).exp), Number(claimsOf(fresh).exp)];
  expect(newExp).toBeGreaterThan(oldExp);
  first.client.send(reinit(fresh, 'again'));
  expect(await first.client.waitFor((f) => f.kind === 'resp' && f.reqId === 'again')).toMatchObject({ code: 200 });
  expect(Date.now(), 're-authenticated before the first token expired').toBeLessThan(oldExp * 1000 - 500);
  await sleep(oldExp * 1000 + 300 - Date.now());
  expect(first.client.ws.readyState).toBe(1);
  expect((await first.client.request('GetClock')).code).toBe(200);
  const { code } = await first.client.closed;
  expect(code).toBe(4407);
  expect(Date.now()).toBeGreaterThanOrEqual(newExp * 1000 - 50);
}, 15_000);

it('a token of another consumer is refused with 401 and the socket closes with 4401', async () => {
  const account = h.account();
  const { client } = await h.consumer(account);
  client.send(reinit(await h.signup(account), 'other'));
  expect(await client.waitFor((f) => f.kind === 'resp' && f.reqId === 'other')).toMatchObject({ code: 401 });
  expect((await client.closed).code).toBe(4401);
});
