import { describe, expect, it } from 'vitest';
import type { TimelineRow } from './model';
import { receiptKey } from './receipts';
import { storedKeysOf, unreadRowKeys } from './unread';

const at = 1_700_000_000_000;
const agent = (sequence: number, dialogId = 'd1'): TimelineRow => ({
  kind: 'message', key: `msg:${dialogId}:${sequence}`, originator: 'agent', participantId: 'a', dialogId, sequence, at, body: { kind: 'text', text: `a${sequence}` },
});
const mine = (key: string, sequence?: number): TimelineRow => ({
  kind: 'message', key, originator: 'consumer', participantId: 'me', dialogId: 'd1', ...(sequence === undefined ? {} : { sequence }), at, body: { kind: 'text', text: key }, receipt: 'sent',
});
const banner: TimelineRow = { kind: 'banner', key: 'b1', at, banner: { type: 'agentJoined', participantId: 'a' } };
const timeline = [agent(1), mine('out:x', 2), banner, agent(3), mine('out:y'), agent(4), agent(0, 's1')];

describe('storedKeysOf', () => {
  it('gives the stored agent messages among the rows seen, never the visitor’s own, banners or unknown keys', () => {
    expect(storedKeysOf(timeline, ['msg:d1:1', 'out:x', 'b1', 'out:y', 'nope', 'msg:s1:0'])).toEqual([receiptKey('d1', 1), receiptKey('s1', 0)]);
    expect(storedKeysOf(timeline, [])).toEqual([]);
  });
});

describe('unreadRowKeys', () => {
  it('gives the newest `unread` agent messages, oldest first, skipping the visitor’s rows and banners', () => {
    expect(unreadRowKeys({ timeline, unread: 0 })).toEqual([]);
    expect(unreadRowKeys({ timeline, unread: 2 })).toEqual(['msg:d1:4', 'msg:s1:0']);
    expect(unreadRowKeys({ timeline, unread: 3 })).toEqual(['msg:d1:3', 'msg:d1:4', 'msg:s1:0']);
    expect(unreadRowKeys({ timeline, unread: 99 })).toEqual(['msg:d1:1', 'msg:d1:3', 'msg:d1:4', 'msg:s1:0']);
  });
});
