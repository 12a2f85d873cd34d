// The tabs' session over the BroadcastChannel election (the browsers without Web Locks; Chromium's
// Web Locks path is e2e/tabs.spec.ts), around real LivePerson sessions on the in-process stand-in
// over real sockets. Each tab has its own sessionStorage and shares localStorage (the identity).
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatSession } from '../../core/session';
import { MemoryStorage, safeStore } from '../../platform/storage';
import { createLivePersonSession } from '../../liveperson/session';
import { mine, sessionFixture, texts } from '../../liveperson/testing/sessionFixture';
import { delay, eventually, waitForSnapshot } from '../../liveperson/testing/standinHarness';
import { createTabsSession } from './tabsSession';
import { createBus, type Bus } from './testing/bus';

const { h, consumerTexts } = sessionFixture();
/** Every test's tabs, stopped after it (before the fixture stops the stand-in). */
const groups: Array<{ stopAll(): void }> = [];
afterEach(() => groups.splice(0).forEach((g) => g.stopAll()));

interface TabOf {
  session: ChatSession;
  channel: ReturnType<Bus['join']>;
  /** Leaves as a closing page does: its goodbye (pagehide), then nothing more from it. */
  close(): void;
}

function tabsOf(account: string) {
  const bus = createBus();
  const localStorage = new MemoryStorage();
  const opened: TabOf[] = [];
  let sockets = 0;
  const open = (): TabOf => {
    const channel = bus.join();
    const sessionStorage = new MemoryStorage();
    let leave = () => {};
    const session = createTabsSession({
      key: account,
      channel,
      locks: null,
      storage: safeStore(sessionStorage),
      visible: () => true,
      onPageLeave: (listener) => (leave = listener),
      create: (hooks) => {
        sockets += 1;
        return createLivePersonSession({ account, csds: h.standIn.url }, { WebSocket: h.WebSocket, storage: localStorage, sessionStorage, random: () => 0.5, newClientId: hooks.newClientId });
      },
    });
    const tab: TabOf = {
      session,
      channel,
      close() {
        leave();
        channel.mute(true);
        session.stop(); // its socket closes, as the page's would
      },
    };
    opened.push(tab);
    session.start();
    return tab;
  };
  const group = { open, opened, bus, sessionsCreated: () => sockets, stopAll: () => opened.forEach((t) => t.session.stop()) };
  groups.push(group);
  return group;
}

/** Two tabs: the first leads; the second wrote "first" through it. */
async function leaderAndFollower() {
  const account = h.account();
  const tabs = tabsOf(account);
  const leader = tabs.open();
  await online(leader.session);
  const follower = tabs.open();
  await follower.session.send('first');
  return { account, tabs, leader, follower, id: follower.session.getSnapshot().chat.conversationId as string };
}

const online = (s: ChatSession) => waitForSnapshot(s, (x) => x.connection.status === 'online');

describe('one session for all tabs, over the BroadcastChannel election', () => {
  it('three tabs: one backend session; each tab sends through it, and every tab shows the conversation', async () => {
    const account = h.account();
    const tabs = tabsOf(account);
    const [a, b, c] = [tabs.open(), tabs.open(), tabs.open()];
    await online(a!.session);
    await a!.session.send('from a');
    await b!.session.send('from b');
    await c!.session.send('from c');
    for (const t of [a, b, c]) await waitForSnapshot(t!.session, (s) => ['from a', 'from b', 'from c'].every((x) => mine(s.chat.timeline, x)?.receipt === 'sent'));
    expect(tabs.sessionsCreated()).toBe(1);
    const { sockets, socketsClosed } = (await h.faults.get()).counters;
    expect({ sockets, socketsClosed }).toEqual({ sockets: 1, socketsClosed: 0 });
    const id = a!.session.getSnapshot().chat.conversationId as string;
    expect(await consumerTexts(account, id)).toEqual(['from a', 'from b', 'from c']);
    // Typing in a follower goes out through the leader's socket.
    const chatStates = () => h.sent.filter((f) => f.type === 'ms.PublishEvent' && (f.body?.event as { type?: string } | undefined)?.type === 'ChatStateEvent').map((f) => (f.body?.event as { chatState?: string }).chatState);
    const before = chatStates().length;
    c!.session.setComposing(true);
    await eventually(() => chatStates().slice(before).includes('COMPOSING'), 5_000, 'COMPOSING from the follower');
  });

  it('the leader leaves while a follower sends: a new leader sends everything once', async () => {
    const { account, tabs, leader, follower, id } = await leaderAndFollower();
    const sent = [follower.session.send('during 1')];
    leader.close();
    sent.push(follower.session.send('during 2'));
    await Promise.all(sent);
    await follower.session.send('after');
    expect(await consumerTexts(account, id)).toEqual(['first', 'during 1', 'during 2', 'after']);
    expect(texts(follower.session.getSnapshot().chat.timeline)).toEqual(['first', 'during 1', 'during 2', 'after']);
    expect(tabs.sessionsCreated()).toBe(2);
  });

  it('a leader that goes silent is replaced; heard again, it steps down and nothing was doubled', async () => {
    const { account, tabs, leader, follower, id } = await leaderAndFollower();
    // The leader stops hearing the other tabs (and they it): the follower's message waits for a new leader.
    leader.channel.mute(true);
    const during = follower.session.send('while the leader is silent');
    await during;
    expect(tabs.sessionsCreated()).toBe(2);
    // Back: two leaders for a moment; the larger id steps down, and nothing is doubled.
    leader.channel.mute(false);
    await delay(1_000);
    await eventually(async () => {
      const { sockets, socketsClosed } = (await h.faults.get()).counters;
      return sockets - socketsClosed === 1;
    }, 8_000, 'one socket open again');
    expect(await consumerTexts(account, id)).toEqual(['first', 'while the leader is silent']);
  });

  it("a follower's Retry names the row: the leader sends that message again, once", async () => {
    const { account, leader, follower, id } = await leaderAndFollower();
    await h.faults.set({ failNext: { count: 4, code: 500 } });
    await expect(follower.session.send('unlucky')).rejects.toMatchObject({ kind: 'network' });
    await waitForSnapshot(follower.session, (s) => mine(s.chat.timeline, 'unlucky')?.receipt === 'failed');
    const row = mine(follower.session.getSnapshot().chat.timeline, 'unlucky');
    const publishes = () => h.sent.filter((f) => f.type === 'ms.PublishEvent' && JSON.stringify(f).includes(row?.clientId as string)).length;
    expect(publishes()).toBe(4);
    await follower.session.retry(row?.key as string);
    for (const t of [leader, follower]) await waitForSnapshot(t.session, (s) => mine(s.chat.timeline, 'unlucky')?.receipt === 'sent');
    expect(publishes()).toBe(5);
    expect(await consumerTexts(account, id)).toEqual(['first', 'unlucky']);
  });

  it('a message handed over to every tab, twice, is published once', async () => {
    const account = h.account();
    const tabs = tabsOf(account);
    const leader = tabs.open();
    const follower = tabs.open();
    await online(leader.session);
    await follower.session.send('first');
    const id = leader.session.getSnapshot().chat.conversationId as string;
    // A tab that leaves hands its unsent message to everyone: both tabs take it, and it comes twice.
    const leaving = tabs.bus.join();
    const bye = { t: 'bye' as const, from: 'tab-leaving', leader: false, pending: [{ clientId: 'handed-over-1', text: 'handed over', createdAt: Date.now() }] };
    leaving.post(bye);
    leaving.post(bye);
    for (const t of [leader, follower]) await waitForSnapshot(t.session, (s) => mine(s.chat.timeline, 'handed over')?.receipt === 'sent');
    await delay(500);
    expect(await consumerTexts(account, id)).toEqual(['first', 'handed over']);
    expect(h.sent.filter((f) => f.type === 'ms.PublishEvent' && JSON.stringify(f).includes('handed-over-1'))).toHaveLength(1);
  });

  it('a follower opened later shows the conversation at once; junk on the channel changes nothing', async () => {
    const account = h.account();
    const tabs = tabsOf(account);
    const first = tabs.open();
    await online(first.session);
    await first.session.send('hello');
    const stranger = tabs.bus.join();
    for (const junk of [{ t: 'snapshot', from: 'x', snapshot: 'no' }, { t: 'call', from: 'x', to: 'y' }, null, 'beat', { t: 'bye', from: 'x', pending: 'all' }]) {
      stranger.post(junk as never);
    }
    const started = Date.now();
    const later = tabs.open();
    await waitForSnapshot(later.session, (s) => mine(s.chat.timeline, 'hello')?.receipt === 'sent', 1_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(tabs.sessionsCreated()).toBe(1);
  });
});
