// The tabs' channel protocol: every well-formed message decodes to itself; junk decodes to nothing
// and reaches no listener; a listener that throws or a post that cannot be cloned breaks nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionSnapshot } from '../../core/session';
import { channelName, decodeTabMessage, tabChannel, type TabMessage } from './protocol';

const snapshot: SessionSnapshot = {
  chat: {
    stage: 'open',
    conversationId: 'c1',
    timeline: [{ kind: 'message', key: 'out:a', originator: 'consumer', participantId: 'me', at: 1, body: { kind: 'text', text: 'hi' }, receipt: 'pending', clientId: 'a' }],
    unread: 0,
    names: {},
  },
  connection: { status: 'online' },
};

const valid: TabMessage[] = [
  { t: 'beat', from: 'tab-1' },
  { t: 'hello', from: 'tab-1' },
  { t: 'claim', from: 'tab-1' },
  { t: 'snapshot', from: 'tab-1', snapshot },
  { t: 'snapshot', from: 'tab-1', snapshot, files: { policy: { types: ['PNG', 'JPG'], maxBytes: 1000 }, progress: { a: { phase: 'uploading', loaded: 10, total: 100 } } } },
  { t: 'call', from: 'tab-2', to: 'tab-1', id: 'tab-2:3', method: 'chooseQuickReply', args: ['k', { title: 'Yes', text: 'yes' }], message: { clientId: 'b', text: 'yes', createdAt: 6, quickReply: { rowKey: 'k', option: { title: 'Yes', text: 'yes', metadata: [{ id: 1 }] } } } },
  { t: 'state', from: 'tab-2', states: { setComposing: true }, earlier: ['c0', 'c1'] },
  { t: 'call', from: 'tab-2', to: 'tab-1', id: 'tab-2:1', method: 'send', args: ['hi'], message: { clientId: 'a', text: 'hi', createdAt: 5 } },
  { t: 'call', from: 'tab-2', to: 'tab-1', id: 'tab-2:2', method: 'endConversation', args: [] },
  { t: 'result', from: 'tab-1', to: 'tab-2', id: 'tab-2:1', ok: true, value: 'https://files.example/x' },
  { t: 'result', from: 'tab-1', to: 'tab-2', id: 'tab-2:2', ok: false, error: { kind: 'nothingToEnd', message: 'nothing' } },
  { t: 'state', from: 'tab-2', states: { setViewing: true, setComposing: false } },
  { t: 'bye', from: 'tab-1', leader: true, pending: [{ clientId: 'a', text: 'hi', createdAt: 5 }] },
];

describe('decodeTabMessage', () => {
  it('reads every message kind back as it was posted (after a structured clone)', () => {
    for (const message of valid) expect(decodeTabMessage(structuredClone(message))).toEqual(message);
  });

  it('returns undefined for junk, never throws', () => {
    const junk: unknown[] = [
      null, undefined, 0, 'beat', [], [{ t: 'beat', from: 'x' }], { t: 'beat' }, { t: 'beat', from: '' }, { t: 'beat', from: 7 },
      { t: 'beat', from: 'x'.repeat(129) }, { t: 'nope', from: 'x' }, { t: '__proto__', from: 'x' },
      { t: 'snapshot', from: 'x' }, { t: 'snapshot', from: 'x', snapshot: { chat: {}, connection: {} } },
      { t: 'snapshot', from: 'x', snapshot: { ...snapshot, chat: { ...snapshot.chat, timeline: [null] } } },
      { t: 'snapshot', from: 'x', snapshot: { ...snapshot, chat: { ...snapshot.chat, timeline: 'rows' } } },
      { t: 'call', from: 'x', to: 'y', id: 'z', method: 'send' }, { t: 'call', from: 'x', to: 'y', method: 'send', args: [] },
      { t: 'call', from: 'x', id: 'z', method: 'send', args: [] }, { t: 'result', from: 'x', id: 'z', ok: true }, { t: 'state', from: 'x' },
      Object.create(null), new Date(), new Map([['t', 'beat']]),
    ];
    for (const data of junk) expect(decodeTabMessage(structuredClone(data)), JSON.stringify(data) ?? String(data)).toBeUndefined();
  });

  it('keeps only the well-formed parts of a goodbye, a state and a failed result', () => {
    expect(decodeTabMessage({ t: 'state', from: 'x', states: { setViewing: true, setComposing: 'yes', '': true } })).toEqual({ t: 'state', from: 'x', states: { setViewing: true } });
    expect(decodeTabMessage({ t: 'bye', from: 'x', leader: 'yes', pending: [{ clientId: 'a', text: ' ', createdAt: 1 }, { clientId: 'b', text: 'ok', createdAt: 2 }, 'junk'] })).toEqual({
      t: 'bye', from: 'x', leader: false, pending: [{ clientId: 'b', text: 'ok', createdAt: 2 }],
    });
    expect(decodeTabMessage({ t: 'result', from: 'x', to: 'y', id: 'z', ok: 'no', error: 42 })).toEqual({
      t: 'result', from: 'x', to: 'y', id: 'z', ok: false, error: { message: 'The other tab could not do it' },
    });
    expect(decodeTabMessage({ t: 'state', from: 'x', states: {}, earlier: ['c1', '', 3, 'x'.repeat(200)] })).toEqual({ t: 'state', from: 'x', states: {}, earlier: ['c1'] });
    // A quick reply without its option is kept as the text it sends.
    expect(decodeTabMessage({ t: 'bye', from: 'x', leader: false, pending: [{ clientId: 'b', text: 'ok', createdAt: 2, quickReply: { rowKey: 'k' } }] })).toEqual({
      t: 'bye', from: 'x', leader: false, pending: [{ clientId: 'b', text: 'ok', createdAt: 2 }],
    });
    // Files: junk types, progress and policy are left out; the snapshot still counts.
    const files = { policy: { types: ['PNG', 'EXE', 7], maxBytes: -1 }, progress: { a: { phase: 'done', loaded: 1, total: 1 }, b: { phase: 'failed', loaded: 0, total: 5 }, __proto__: { phase: 'failed', loaded: 0, total: 0 } } };
    expect(decodeTabMessage({ t: 'snapshot', from: 'x', snapshot, files })).toEqual({ t: 'snapshot', from: 'x', snapshot, files: { progress: { b: { phase: 'failed', loaded: 0, total: 5 } } } });
    expect(decodeTabMessage({ t: 'snapshot', from: 'x', snapshot, files: 'all' })).toEqual({ t: 'snapshot', from: 'x', snapshot });
    const many = Array.from({ length: 500 }, (_, i) => ({ clientId: `c${i}`, text: 't', createdAt: i }));
    const bye = decodeTabMessage({ t: 'bye', from: 'x', leader: true, pending: many });
    expect(bye?.t === 'bye' ? bye.pending.length : 0).toBe(200);
  });
});

describe('tabChannel over a real BroadcastChannel', () => {
  const opened: Array<{ close(): void }> = [];
  afterEach(() => {
    for (const c of opened.splice(0)) c.close();
    vi.restoreAllMocks();
  });

  it('delivers decoded messages of other tabs only; junk, a throwing listener and an uncloneable post break nothing', async () => {
    const name = channelName(`protocol-test-${Math.random()}`);
    const a = tabChannel(new BroadcastChannel(name));
    const b = tabChannel(new BroadcastChannel(name));
    const raw = new BroadcastChannel(name);
    opened.push(a, b, raw);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const got: TabMessage[] = [];
    b.listen(() => {
      throw new Error('a listener that throws');
    });
    b.listen((m) => got.push(m));
    raw.postMessage({ t: 'beat' });
    raw.postMessage('junk');
    a.post({ t: 'hello', from: 'tab-a', fn: () => 1 } as unknown as TabMessage); // cannot be cloned: dropped, logged
    a.post({ t: 'beat', from: 'tab-a' });
    await vi.waitFor(() => expect(got).toEqual([{ t: 'beat', from: 'tab-a' }]));
    expect(errors).toHaveBeenCalled();
    a.close();
    a.post({ t: 'beat', from: 'tab-a' }); // after close: nothing, no throw
  });
});
