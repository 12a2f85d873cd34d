// @vitest-environment jsdom
// The cues for a visitor who is not looking (attention.ts), the one-tab claim (cueClaim.ts) and the
// launcher's preview text (announce.ts). The sound and the notification themselves, across two real
// tabs, are driven in Chromium by e2e/attention.spec.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatView, TimelineRow } from '../core/model';
import { MemoryStorage, safeStore } from '../platform/storage';
import { messagePreview, PREVIEW_MAX, shorten } from './announce';
import { createAttention, type PageNotifications } from './attention';
import { createCueClaims, CUES_KEPT } from './cueClaim';

const agent = (sequence: number, text: string, participantId = 'a1'): TimelineRow => ({
  kind: 'message', key: `msg:d1:${sequence}`, originator: 'agent', participantId, dialogId: 'd1', sequence, at: 1_700_000_000_000, body: { kind: 'text', text },
});
const chat = (timeline: TimelineRow[], unread: number): ChatView => ({ stage: 'open', timeline, unread, names: { a1: 'Dana' } });

/**
 * A lock manager for Node (which has no Web Locks), with `ifAvailable`: one holder per name, and a
 * request for a held name gets no lock. `release()` ends every hold.
 */
function lockManager() {
  const held = new Set<string>();
  const holds: Array<() => void> = [];
  return {
    request(name: string, _options: { ifAvailable: true }, callback: (lock: unknown) => unknown) {
      if (held.has(name)) return Promise.resolve(callback(null));
      held.add(name);
      return Promise.resolve(callback({ name })).finally(() => held.delete(name));
    },
    hold: (done: () => void) => void holds.push(done),
    release: () => holds.splice(0).forEach((done) => done()),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  delete (document as { visibilityState?: unknown }).visibilityState;
});

describe('cue claims', () => {
  it('gives each key to one claimant of a shared store, whoever asks first', async () => {
    const storage = new MemoryStorage();
    const locks = lockManager();
    const tabA = createCueClaims(safeStore(storage), locks, locks.hold);
    const tabB = createCueClaims(safeStore(storage), locks, locks.hold);
    expect(await Promise.all([tabA('k1'), tabB('k1'), tabB('k2'), tabA('k2')])).toEqual([true, false, true, false]);
    locks.release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // After the hold, the record decides.
    expect(await tabB('k1')).toBe(false);
  });

  it('gives a key to one tab even when the other tab does not see its record yet (Chromium: localStorage per process)', async () => {
    const locks = lockManager();
    // Two copies of the record, as two renderer processes hold them before a write has crossed.
    const tabA = createCueClaims(safeStore(new MemoryStorage()), locks, locks.hold);
    const tabB = createCueClaims(safeStore(new MemoryStorage()), locks, locks.hold);
    expect(await Promise.all([tabA('sound:k1'), tabB('sound:k1'), tabB('notification:k1'), tabA('notification:k1')])).toEqual([true, false, true, false]);
  });

  it('keeps the newest keys only, and survives a broken record', async () => {
    const storage = new MemoryStorage();
    storage.setItem('parley:cued', '{not json');
    const claim = createCueClaims(safeStore(storage), undefined);
    expect(await claim('first')).toBe(true);
    for (let i = 0; i < CUES_KEPT; i++) await claim(`k${i}`);
    expect(JSON.parse(storage.getItem('parley:cued')!)).toHaveLength(CUES_KEPT);
    expect(await claim('first')).toBe(true); // forgotten long ago
  });
});

describe('the preview', () => {
  it('is the newest agent message, with the agent’s name (or "Agent"), on one line and shortened at a word', () => {
    const long = `${'word '.repeat(60)}end`;
    expect(messagePreview(chat([agent(1, 'Old'), agent(2, 'Hello\n  there')], 1), 'en')).toEqual({ from: 'Dana', text: 'Hello there' });
    expect(messagePreview(chat([agent(1, 'Hi', 'a2')], 1), 'he')).toEqual({ from: 'נציג', text: 'Hi' });
    const cut = shorten(long, PREVIEW_MAX);
    expect(cut.length).toBeLessThanOrEqual(PREVIEW_MAX);
    expect(cut).toMatch(/word…$/);
    expect(shorten('x'.repeat(500), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(messagePreview(chat([], 0), 'en')).toBeUndefined();
  });
});

describe('attention', () => {
  function setUp(settings: { sound?: unknown; notifications?: PageNotifications; stored?: string } = {}) {
    const storage = new MemoryStorage();
    if (settings.stored !== undefined) storage.setItem('parley:demo:sound', settings.stored);
    const claims: string[] = [];
    const attention = createAttention({
      widgetKey: 'demo',
      sound: settings.sound,
      notifications: settings.notifications,
      language: 'en',
      store: safeStore(storage),
      claim: (key) => {
        claims.push(key);
        return Promise.resolve(false); // another tab took it: nothing plays here
      },
    });
    return { attention, claims, storage };
  }
  const hide = () => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });

  it('is off by default; `sound: true` (or "true" from a data attribute) or the visitor’s stored choice switches it', () => {
    expect(setUp().attention.settings().sound).toBe(false);
    expect(setUp({ sound: true }).attention.settings().sound).toBe(true);
    expect(setUp({ sound: 'true' }).attention.settings().sound).toBe(true);
    expect(setUp({ sound: true, stored: '0' }).attention.settings().sound).toBe(false);
    const { attention, storage } = setUp();
    attention.settings().setSound(true);
    expect(storage.getItem('parley:demo:sound')).toBe('1');
    expect(attention.settings().sound).toBe(true);
  });

  it('cues the newest unread agent message once, only while the window is closed or the tab hidden', () => {
    const { attention, claims } = setUp({ sound: true });
    attention.update(chat([agent(1, 'History')], 0), false);
    expect(claims).toEqual([]); // read history: no cue
    attention.update(chat([agent(1, 'History'), agent(2, 'Seen at once')], 1), true);
    expect(claims).toEqual([]); // open in a visible tab: the visitor is looking
    attention.update(chat([agent(1, 'History'), agent(2, 'Seen at once'), agent(3, 'While closed'), agent(4, 'And this')], 3), false);
    expect(claims).toEqual(['sound:msg:d1:4']);
    attention.update(chat([agent(1, 'History'), agent(2, 'Seen at once'), agent(3, 'While closed'), agent(4, 'And this')], 3), false);
    hide();
    attention.update(chat([agent(1, 'History'), agent(5, 'Tab hidden, window open')], 1), true);
    expect(claims).toEqual(['sound:msg:d1:4', 'sound:msg:d1:5']);
  });

  it('notifies only when the page offers notifications and its permission is granted; never asks by itself', async () => {
    const off = setUp();
    expect(off.attention.settings().notifications).toBeUndefined();
    off.attention.update(chat([agent(1, 'x')], 1), false);
    expect(off.claims).toEqual([]);

    // The page (embed.ts) holds the permission and shows the notification.
    const permission = { value: 'default' as NotificationPermission };
    const shown: string[][] = [];
    const ask = vi.fn(() => Promise.resolve('granted' as NotificationPermission));
    const page: PageNotifications = { permission: () => permission.value, ask, show: (...args) => void shown.push(args) };
    const on = setUp({ notifications: page });
    expect(on.attention.settings().notifications?.permission).toBe('default');
    on.attention.update(chat([agent(1, 'x')], 1), false);
    expect(on.claims).toEqual([]);
    expect(ask).not.toHaveBeenCalled();
    expect(await on.attention.settings().notifications?.ask()).toBe('granted');
    permission.value = 'granted';
    on.attention.update(chat([agent(1, 'x'), agent(2, 'y')], 2), false);
    expect(on.claims).toEqual(['notification:msg:d1:2']);
    expect(shown).toEqual([]); // another tab won the claim
  });

  it('hands the page the newest unread agent message, worded with the agent’s name, once', async () => {
    const shown: string[][] = [];
    const page: PageNotifications = { permission: () => 'granted', ask: () => Promise.resolve('granted'), show: (...args) => void shown.push(args) };
    const attention = createAttention({ widgetKey: 'demo', notifications: page, language: 'en', store: safeStore(new MemoryStorage()), claim: () => Promise.resolve(true) });
    attention.update(chat([agent(1, 'History')], 0), false);
    attention.update(chat([agent(1, 'History'), agent(2, 'Are you there?')], 1), false);
    attention.update(chat([agent(1, 'History'), agent(2, 'Are you there?')], 1), false);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(shown).toEqual([['New message from Dana', 'Are you there?', 'msg:d1:2']]);
  });
});
