// The leader side's earlier conversations, over a minimal session: one subscription however many
// tabs show a conversation, closed when the last tab stops showing it (or leaves), and opened only
// once the session lists it (a new leader's session lists them once it synced).
import { describe, expect, it } from 'vitest';
import { sessionError, type ChatSession, type SessionSnapshot } from '../../core/session';
import { createLeaderSide } from './leaderSide';

function fakeSession() {
  const log: string[] = [];
  const listeners = new Set<(s: SessionSnapshot) => void>();
  let snapshot: SessionSnapshot = { chat: { stage: 'open', timeline: [], unread: 0, names: {} }, connection: { status: 'connecting' } };
  const session = {
    getSnapshot: () => snapshot,
    subscribe(listener: (s: SessionSnapshot) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    openEarlier(id: string) {
      log.push(`open ${id}`);
      const listed = snapshot.chat.earlier?.some((e) => e.id === id) === true;
      return { loaded: listed ? Promise.resolve() : Promise.reject(sessionError('notFound', 'no such conversation')), close: () => log.push(`close ${id}`) };
    },
  } as unknown as ChatSession;
  const synced = (ids: string[]) => {
    snapshot = { connection: { status: 'online' }, chat: { ...snapshot.chat, earlier: ids.map((id) => ({ id, startedAt: 1, endedAt: 2 })) } };
    for (const l of [...listeners]) l(snapshot);
  };
  return { session, log, synced };
}

const side = (session: ChatSession) => createLeaderSide(session, () => undefined, async () => true, () => undefined);
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('leader side: earlier conversations', () => {
  it('opens each once for all the tabs that show it, and closes it when the last one stops or leaves', async () => {
    const { session, log, synced } = fakeSession();
    const leader = side(session);
    leader.setEarlier('tab-a', ['c1']);
    leader.setEarlier('tab-b', ['c1', 'c2']);
    await settled();
    expect(log).toEqual([]); // not listed yet: the session has not synced
    synced(['c1', 'c2']);
    await settled();
    expect(log).toEqual(['open c1', 'open c2']);
    await leader.run('openEarlier', ['c1']); // a tab's call finds it open
    leader.setEarlier('tab-b', ['c1']);
    leader.setEarlier('tab-a', undefined); // tab a left; tab b still shows c1
    await settled();
    expect(log).toEqual(['open c1', 'open c2', 'close c2']);
    leader.setEarlier('tab-b', []);
    expect(log).toEqual(['open c1', 'open c2', 'close c2', 'close c1']);
  });

  it("a conversation the session does not list is the session's to refuse, once synced; disposing closes what is open", async () => {
    const { session, log, synced } = fakeSession();
    const leader = side(session);
    leader.setEarlier('tab-a', ['nope', 'c1']); // a tab says what it shows before it calls
    const missing = leader.run('openEarlier', ['nope']);
    await settled();
    expect(log).toEqual([]);
    synced(['c1']);
    await expect(missing).rejects.toMatchObject({ kind: 'notFound' });
    await settled();
    expect(log).toEqual(['open nope', 'open c1']);
    leader.dispose();
    expect(log).toEqual(['open nope', 'open c1', 'close c1']);
  });
});
