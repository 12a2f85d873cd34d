// Tokens against the in-process stand-in: a close 4401 with a host getJwt gets a fresh token and the
// same conversation resumes. (4407, refusals and the bounded attempts: session-resilience and
// session-outbox tests; the same in Chromium: e2e/tokens.spec.ts.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatSession } from '../core/session';
import { consumerIdOf } from './identity';
import { createLivePersonSession } from './session';
import { MemoryStorage } from './storage';
import { startHarness, waitForSnapshot, type Harness } from './testing/standin-harness';

let h: Harness;
const sessions: ChatSession[] = [];

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  for (const s of sessions.splice(0)) s.stop();
  await h.stop();
  expect(h.schemaProblems).toEqual([]);
});

describe('LivePerson session: tokens', () => {
  it('on 4401 asks the host getJwt for a fresh token and resumes the same conversation', async () => {
    const account = h.account();
    const tokens: string[] = [];
    const getJwt = async () => {
      const response = await fetch(`${h.standIn.url}/api/account/${account}/authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authCode: 'alice' }),
      });
      const { jwt } = (await response.json()) as { jwt: string };
      tokens.push(jwt);
      return jwt;
    };
    const storage = new MemoryStorage();
    const session = createLivePersonSession({ account, csds: h.standIn.url, getJwt }, { WebSocket: h.WebSocket, storage, sessionStorage: new MemoryStorage() });
    sessions.push(session);
    session.start();
    await waitForSnapshot(session, (x) => x.connection.status === 'online');
    await session.send('before');
    const c = session.getSnapshot().chat.conversationId as string;
    h.sent.length = 0;

    await h.control('POST', 'faults/expire-tokens');
    await waitForSnapshot(session, (x) => x.connection.status !== 'online');
    await waitForSnapshot(session, (x) => x.connection.status === 'online');
    expect(tokens).toHaveLength(2);
    expect(consumerIdOf(tokens[1] as string)).toBe(consumerIdOf(tokens[0] as string));
    const init = h.sent.find((f) => f.type === 'InitConnection') as { headers?: Array<{ jwt?: string }> };
    expect(init.headers?.some((header) => header.jwt === tokens[1])).toBe(true);
    await session.send('after');
    const snapshot = session.getSnapshot();
    expect(snapshot.chat.conversationId).toBe(c);
    expect(snapshot.chat.timeline.flatMap((r) => (r.kind === 'message' && r.body.kind === 'text' ? [r.body.text] : []))).toEqual(['before', 'after']);
    expect(storage.length).toBe(0); // an authenticated token is never stored
    const conversations = await h.control<Array<{ id: string }>>('GET', `${account}/conversations`);
    expect(conversations.map((x) => x.id)).toEqual([c]);
  });
});
