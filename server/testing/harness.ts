// Vitest harness: one in-process stand-in per test file (port 0), fresh accounts per test, and
// every test client's schema violations turned into a test failure.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Response } from '../../src/liveperson/wire';
import { schemasAvailable, SCHEMA_DIR } from '../../test/lp-schemas';
import { startStandIn, type StandIn, type StandInOptions } from '../standin';
import { TestClient, type ConnectOptions } from './client';
import { claimsOf, Control, signup } from './http';

export interface Consumer {
  client: TestClient;
  jwt: string;
  consumerId: string;
  /** The InitConnection response. */
  init: Response;
}

export function standInForTests(options: StandInOptions = {}) {
  let standIn: StandIn | undefined;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    standIn = await startStandIn({ ...options, port: 0, staticDir: options.staticDir ?? '/nonexistent-parley-dist' });
    if (!schemasAvailable()) console.warn(`LivePerson schemas not found at ${SCHEMA_DIR}: frames are NOT schema-checked in this run.`);
  });

  afterEach(() => {
    const errors = clients.flatMap((c) => c.schemaErrors);
    for (const c of clients) c.close();
    clients.length = 0;
    if (errors.length) throw new Error(`schema violations:\n${errors.join('\n')}`);
  });

  afterAll(async () => {
    await standIn?.stop();
  });

  const s = () => {
    if (!standIn) throw new Error('stand-in not started');
    return standIn;
  };

  const h = {
    get url() {
      return s().url;
    },
    get host() {
      return s().host;
    },
    account: () => `t-${randomUUID().slice(0, 8)}`,
    wsUrl: (account: string) => `ws://${s().host}/ws_api/account/${account}/messaging/consumer?v=3`,
    control: (account: string) => new Control(s().url, account),
    signup: (account: string) => signup(s().url, account),
    async connect(account: string, opts: ConnectOptions = {}): Promise<TestClient> {
      const c = await TestClient.connect(h.wsUrl(account), opts);
      clients.push(c);
      return c;
    },
    /** A signed-up consumer, authenticated through InitConnection (as browsers do). */
    async consumer(account: string, features: string[] = ['MULTI_DIALOG', 'QUICK_REPLIES', 'RICH_CONTENT'], jwt?: string): Promise<Consumer> {
      const token = jwt ?? (await h.signup(account));
      const client = await h.connect(account, { init: { jwt: token, features } });
      const init = (await client.waitFor((f) => f.kind === 'resp' && f.reqId === 'init')) as Response;
      return { client, jwt: token, consumerId: String(claimsOf(token).sub), init };
    },
  };
  return h;
}

export type Harness = ReturnType<typeof standInForTests>;

/** Subscribes to conversation metadata, requests a conversation, returns its id. */
export async function openConversation(client: TestClient): Promise<string> {
  const resp = await client.request('cm.ConsumerRequestConversation');
  if (resp.code !== 200) throw new Error(`request conversation failed: ${JSON.stringify(resp)}`);
  return (resp.body as { conversationId: string }).conversationId;
}
