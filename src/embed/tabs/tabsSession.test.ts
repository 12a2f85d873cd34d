// The tabs' session over the BroadcastChannel election (the browsers without Web Locks; Chromium's
// Web Locks path is e2e/tabs.spec.ts), around real LivePerson sessions on the in-process stand-in
// over real sockets. Each tab has its own sessionStorage and shares localStorage (the identity).
import { afterEach, describe, expect, it } from 'vitest';
import type { QuickReplyOption } from '../../core/model';
import type { ChatSession, SessionSnapshot } from '../../core/session';
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
  /** Every distinct snapshot the backend sessions had (a leader posts each once). */
  const innerSnapshots = new Set<SessionSnapshot>();
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
      offers: { earlier: true, files: true },
      create: (hooks) => {
        sockets += 1;
        const created = createLivePersonSession({ account, csds: h.standIn.url }, { WebSocket: h.WebSocket, storage: localStorage, sessionStorage, random: () => 0.5, newClientId: hooks.newClientId });
        innerSnapshots.add(created.getSnapshot());
        created.subscribe((snapshot) => innerSnapshots.add(snapshot));
        return created;
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
  const group = { open, opened, bus, sessionsCreated: () => sockets, innerSnapshots: () => innerSnapshots.size, stopAll: () => opened.forEach((t) => t.session.stop()) };
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
    await b.session.send('from b');
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
  it('a tab alone posts no snapshot: nobody would read it', async () => {
    const tabs = tabsOf(h.account());
    const alone = tabs.open();
    await online(alone.session);
    await alone.session.send('just me');
    await waitForSnapshot(alone.session, (s) => mine(s.chat.timeline, 'just me')?.receipt === 'sent');
    expect(tabs.bus.posted.filter((m) => m.t === 'snapshot')).toHaveLength(0);
    // A second tab says hello: it gets the conversation at once, and the changes from then on.
    const second = tabs.open();
    await waitForSnapshot(second.session, (s) => mine(s.chat.timeline, 'just me')?.receipt === 'sent', 1_000);
    await second.session.send('me too');
    await waitForSnapshot(second.session, (s) => mine(s.chat.timeline, 'me too')?.receipt === 'sent');
  });

  it('the leader posts each of its snapshots once: a call of its own tab that changes nothing posts nothing', async () => {
    const { tabs, leader, follower } = await leaderAndFollower();
    await waitForSnapshot(leader.session, (s) => mine(s.chat.timeline, 'first')?.receipt === 'sent');
    await delay(300);
    const posts = () => tabs.bus.posted.filter((m) => m.t === 'snapshot').length;
    const [posts0, snapshots0] = [posts(), tabs.innerSnapshots()];
    // Its own calls come and go through its pending list without changing its session's snapshot.
    await leader.session.markSeen([]);
    await leader.session.markSeen([]);
    follower.session.setComposing(true);
    await delay(300);
    expect(posts() - posts0).toBe(tabs.innerSnapshots() - snapshots0);
    // And each change of its session is posted exactly once.
    await leader.session.send('second');
    await follower.session.send('third');
    await waitForSnapshot(follower.session, (s) => ['second', 'third'].every((x) => mine(s.chat.timeline, x)?.receipt === 'sent'));
    await delay(300);
    expect(tabs.innerSnapshots() - snapshots0).toBeGreaterThan(2);
    expect(posts() - posts0).toBe(tabs.innerSnapshots() - snapshots0);
  });

  it('a quick reply chosen in a leader that leaves before it went out is sent by the next leader as a quick reply, once', async () => {
    const account = h.account();
    await h.control(account).putSettings({ welcome: { text: 'Welcome! What can we do for you?', quickReplies: ['Billing', 'Orders'] } });
    const tabs = tabsOf(account);
    const leader = tabs.open();
    await online(leader.session);
    const follower = tabs.open();
    await follower.session.send('first');
    const welcomeOf = (s: SessionSnapshot) => s.chat.timeline.find((r) => r.kind === 'message' && r.body.kind === 'text' && (r.body.quickReplies?.length ?? 0) > 0);
    const welcome = welcomeOf(await waitForSnapshot(leader.session, (s) => welcomeOf(s) !== undefined));
    const option = (welcome?.kind === 'message' && welcome.body.kind === 'text' ? welcome.body.quickReplies?.[1] : undefined) as QuickReplyOption;
    const id = leader.session.getSnapshot().chat.conversationId as string;
    // The leader's socket goes silent: its quick reply waits, unsent, when its tab closes.
    await h.faults.blackhole();
    const chosen = leader.session.chooseQuickReply(welcome?.key as string, option).catch(() => 'stopped');
    await delay(200);
    leader.close();
    const since = h.sent.length; // what the silent socket was given never reached the stand-in
    expect(await chosen).toBe('stopped');
    await waitForSnapshot(follower.session, (s) => mine(s.chat.timeline, 'Orders')?.receipt === 'sent', 10_000);
    const actions = h.sent.slice(since).filter((f) => f.type === 'ms.PublishEvent' && (f.body?.event as { status?: string } | undefined)?.status === 'ACTION');
    expect(actions.map((f) => (f.body?.event as { sequenceList?: number[] }).sequenceList)).toEqual([[welcome?.kind === 'message' ? welcome.sequence : -1]]);
    expect(await consumerTexts(account, id)).toEqual(['first', 'Orders']);
  });

  it("a follower's earlier conversation opens through the leader and stays open across a handover", async () => {
    const account = h.account();
    const tabs = tabsOf(account);
    const a = tabs.open();
    await online(a.session); // a leads: it was alone
    const b = tabs.open();
    await b.session.send('My order is late');
    const firstId = b.session.getSnapshot().chat.conversationId as string;
    await h.control(account).close(firstId);
    await waitForSnapshot(b.session, (s) => s.chat.stage === 'closed');
    await b.session.send('Another question');
    await waitForSnapshot(b.session, (s) => s.chat.stage === 'open' && s.chat.conversationId !== firstId && s.chat.earlier?.[0]?.id === firstId);
    const follower = b;
    const opened = follower.session.openEarlier?.(firstId);
    await opened?.loaded;
    const earlierTexts = (s: SessionSnapshot) => (s.chat.earlier?.[0]?.rows ?? []).flatMap((r) => (r.kind === 'message' && r.body.kind === 'text' ? [r.body.text] : []));
    await waitForSnapshot(follower.session, (s) => earlierTexts(s).join() === 'My order is late');
    const subscribes = () => h.sent.filter((f) => f.type === 'ms.SubscribeMessagingEvents' && f.body?.dialogId === firstId).length;
    expect(subscribes()).toBe(1);
    // A third tab joins; the tab that leads leaves. The new leader (b or c) opens it again for b.
    const c = tabs.open();
    await waitForSnapshot(c.session, (s) => s.chat.earlier?.[0]?.id === firstId);
    a.close();
    // (Two followers may both claim the lead for a moment: each new session subscribes it.)
    await eventually(() => subscribes() >= 2, 10_000, 'the earlier conversation subscribed again by the new leader');
    await waitForSnapshot(b.session, (s) => s.connection.status === 'online' && earlierTexts(s).join() === 'My order is late');
    opened?.close();
  });

  it('a follower sends a file through the leader: it sees the policy and the progress, and the file is published once', async () => {
    const { account, tabs, follower, id } = await leaderAndFollower();
    const files = follower.session.files;
    await eventually(() => files?.policy() !== undefined, 5_000, "the leader's file policy");
    expect(files?.policy()).toEqual({ types: ['JPG', 'PNG', 'GIF'], maxBytes: 3 * 1024 * 1024 });
    const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d6c46d0000000049454e44ae426082', 'hex');
    await h.faults.set({ delayMs: 1_000 });
    const sent = files?.send(new File([new Uint8Array(PNG)], 'dot.png', { type: 'image/png' }));
    const fileRow = (s: SessionSnapshot) => s.chat.timeline.find((r) => r.kind === 'message' && r.body.kind === 'file');
    const shown = fileRow(await waitForSnapshot(follower.session, (s) => fileRow(s) !== undefined));
    const clientId = shown?.kind === 'message' ? (shown.clientId as string) : '';
    await eventually(() => files?.progress(clientId)?.phase === 'uploading', 5_000, "the upload's progress in the follower");
    await h.faults.set({ delayMs: 0 });
    await sent;
    await waitForSnapshot(follower.session, (s) => { const r = fileRow(s); return r?.kind === 'message' && r.receipt === 'sent'; });
    const publishes = h.sent.filter((f) => f.type === 'ms.PublishEvent' && (f.body?.event as { contentType?: string }).contentType === 'hosted/file');
    expect(publishes.map((f) => f.metadata)).toEqual([[{ type: 'ExternalId', id: clientId }]]);
    const transcript = Object.values((await h.control(account).conversation(id)).transcript).flat();
    expect(transcript.filter((e) => e.role === 'CONSUMER' && (e.event as { contentType?: string }).contentType === 'hosted/file')).toHaveLength(1);
    expect(files?.progress(clientId)).toBeUndefined();
    expect(tabs.sessionsCreated()).toBe(1);
  });
});
