// The BroadcastChannel election (no Web Locks), with fake timers over an in-memory channel: one
// leader however the tabs start, a new one within 2 s when it leaves or goes silent, and one again
// when a silent leader comes back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChannelElection } from './channelElection';
import type { Election } from './election';
import { createBus, type Bus } from './testing/bus';

interface Tab {
  id: string;
  election: Election;
  channel: ReturnType<Bus['join']>;
  /** How often it became the leader. */
  terms: number;
}

let bus: Bus;
const tabs: Tab[] = [];

function openTab(id: string): Tab {
  const channel = bus.join();
  const tab: Tab = { id, channel, terms: 0, election: undefined as unknown as Election };
  tab.election = createChannelElection({
    name: 'test',
    tabId: id,
    channel,
    onLeading: (leading) => (tab.terms += leading ? 1 : 0),
    onLeader: () => undefined,
  });
  tabs.push(tab);
  tab.election.start();
  return tab;
}

/** The tab leaves: it says goodbye as a leaving tab does (tabsSession.ts), then stops. */
function closeTab(tab: Tab): void {
  tab.channel.post({ t: 'bye', from: tab.id, leader: tab.election.leading, pending: [] });
  tab.election.stop();
  tab.channel.close();
  tabs.splice(tabs.indexOf(tab), 1);
}

const leaders = () => tabs.filter((t) => t.election.leading).map((t) => t.id);

beforeEach(() => {
  vi.useFakeTimers();
  bus = createBus();
});
afterEach(() => {
  for (const t of tabs.splice(0)) t.election.stop();
  vi.useRealTimers();
});

describe('the BroadcastChannel election', () => {
  it('elects one leader among tabs that start together, and every tab knows it', async () => {
    const all = ['tab-c', 'tab-a', 'tab-b'].map(openTab);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(leaders()).toEqual(['tab-a']);
    for (const t of all) expect(t.election.leaderId).toBe('tab-a');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(leaders()).toEqual(['tab-a']);
    expect(all.map((t) => t.terms)).toEqual([0, 1, 0]);
  });

  it('a tab opened later follows the leader instead of claiming', async () => {
    openTab('tab-b');
    await vi.advanceTimersByTimeAsync(1_000);
    const late = openTab('tab-a'); // a smaller id, but it hears the leader's answer to its claim
    await vi.advanceTimersByTimeAsync(5_000);
    expect(leaders()).toEqual(['tab-b']);
    expect(late.election.leaderId).toBe('tab-b');
  });

  it('a new leader within 2 s when the leader leaves', async () => {
    const first = openTab('tab-a');
    openTab('tab-b');
    openTab('tab-c');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(leaders()).toEqual(['tab-a']);
    closeTab(first);
    await vi.advanceTimersByTimeAsync(500);
    expect(leaders()).toEqual(['tab-b']);
  });

  it('a new leader within 2 s when the leader goes silent (no goodbye); one leader again when it comes back', async () => {
    const first = openTab('tab-a');
    openTab('tab-b');
    openTab('tab-c');
    await vi.advanceTimersByTimeAsync(1_000);
    first.channel.mute(true);
    await vi.advanceTimersByTimeAsync(1_800); // FREEZE_MS, then a check and the claim
    expect(leaders()).toEqual(['tab-a', 'tab-b']);
    await vi.advanceTimersByTimeAsync(200);
    expect(leaders()).toEqual(['tab-a', 'tab-b']); // tab-a does not know yet
    first.channel.mute(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(leaders()).toEqual(['tab-a']); // the smaller id stays; tab-b steps down
    expect(tabs.map((t) => t.election.leaderId)).toEqual(['tab-a', 'tab-a', 'tab-a']);
  });

  it('stop() resigns', async () => {
    const only = openTab('tab-a');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(only.election.leading).toBe(true);
    only.election.stop();
    expect(only.election.leading).toBe(false);
    await expect(only.election.confirm()).resolves.toBe(false);
  });
});
