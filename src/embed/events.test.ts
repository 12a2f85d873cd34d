import { describe, expect, it } from 'vitest';
import type { ChatView, ConnectionView } from '../core/model';
import { emptyChatView, rows } from '../ui/testing/fakeSession';
import { AGENT_NAME_WAIT_MS, createEventTracker } from './events';

const snap = (chat: Partial<ChatView>, connection: ConnectionView = { status: 'online' }) => ({ chat: { ...emptyChatView(), ...chat }, connection });

describe('createEventTracker', () => {
  it('reports each message once, receipts on change, joins and ends once, connection changes', () => {
    const track = createEventTracker();
    expect(track(snap({}, { status: 'connecting' }))).toEqual([{ name: 'connection', detail: { status: 'connecting' } }]);

    const mine = rows.consumerText('out:c1', 'hello', 'pending');
    expect(track(snap({ timeline: [mine] })).map((e) => e.name)).toEqual(['connection', 'message']);
    expect(track(snap({ timeline: [mine] }))).toEqual([]);

    const stored = rows.consumerText('out:c1', 'hello', 'sent', 4);
    const joined = rows.banner('b1', { type: 'agentJoined', participantId: 'agent-1' });
    const answer = rows.agentText(6, 'Hi!');
    const events = track(snap({ timeline: [stored, joined, answer], names: { 'agent-1': 'Dana' } }));
    expect(events).toEqual([
      { name: 'receipt', detail: { id: 'out:c1', status: 'sent', sequence: 4 } },
      { name: 'agentJoined', detail: { participantId: 'agent-1', name: 'Dana' } },
      { name: 'message', detail: { id: answer.key, originator: 'agent', text: 'Hi!', kind: 'text', sequence: 6, at: answer.at } },
    ]);

    const ended = rows.banner('b2', { type: 'conversationEnded', by: 'agent' });
    expect(track(snap({ timeline: [stored, joined, answer, ended] }))).toEqual([{ name: 'conversationEnded', detail: { by: 'agent' } }]);
    expect(track(snap({ timeline: [stored, joined, answer, ended] }, { status: 'error', error: 'No network' }))).toEqual([
      { name: 'connection', detail: { status: 'error', error: 'No network' } },
    ]);
  });

  it("agentJoined waits for the agent's name, and fires without it after AGENT_NAME_WAIT_MS", () => {
    let now = 1_000;
    const track = createEventTracker(() => now);
    const joined = rows.banner('b1', { type: 'agentJoined', participantId: 'agent-1' });
    const hi = rows.agentText(1, 'Hi');
    // The join arrives before the profile: nothing yet for it (the message is not held back).
    expect(track(snap({ timeline: [joined, hi] })).map((e) => e.name)).toEqual(['connection', 'message']);
    expect(track.nextDeadline()).toBe(1_000 + AGENT_NAME_WAIT_MS);
    now += 500;
    expect(track(snap({ timeline: [joined, hi] }))).toEqual([]);
    expect(track(snap({ timeline: [joined, hi], names: { 'agent-1': 'Dana' } }))).toEqual([{ name: 'agentJoined', detail: { participantId: 'agent-1', name: 'Dana' } }]);
    expect(track.nextDeadline()).toBeUndefined();
    expect(track(snap({ timeline: [joined, hi], names: { 'agent-1': 'Dana' } }))).toEqual([]);

    // A profile that never loads: at the deadline it fires without a name, once.
    const second = rows.banner('b2', { type: 'agentJoined', participantId: 'agent-2' });
    expect(track(snap({ timeline: [joined, hi, second] }))).toEqual([]);
    now += AGENT_NAME_WAIT_MS - 1;
    expect(track(snap({ timeline: [joined, hi, second] }))).toEqual([]);
    now += 1;
    expect(track(snap({ timeline: [joined, hi, second] }))).toEqual([{ name: 'agentJoined', detail: { participantId: 'agent-2' } }]);
    expect(track.nextDeadline()).toBeUndefined();
    expect(track(snap({ timeline: [joined, hi, second], names: { 'agent-2': 'Eli' } }))).toEqual([]);
  });

  it('forgets a waiting join whose banner left the timeline', () => {
    let now = 0;
    const track = createEventTracker(() => now);
    track(snap({ timeline: [rows.banner('b1', { type: 'agentJoined', participantId: 'a' })] }));
    expect(track.nextDeadline()).toBe(AGENT_NAME_WAIT_MS);
    now = AGENT_NAME_WAIT_MS;
    expect(track(snap({ timeline: [] }))).toEqual([]);
    expect(track.nextDeadline()).toBeUndefined();
  });

  it('gives file and rich messages their caption or fallback text', () => {
    const track = createEventTracker();
    const file = { ...rows.agentText(1, ''), key: 'f', body: { kind: 'file' as const, caption: 'invoice.pdf', fileType: 'PDF', path: '/x' } };
    const rich = { ...rows.agentText(2, ''), key: 'r', body: { kind: 'rich' as const, fallbackText: 'A card', content: {} } };
    const texts = track(snap({ timeline: [file, rich] }))
      .filter((e) => e.name === 'message')
      .map((e) => (e.detail as { text: string }).text);
    expect(texts).toEqual(['invoice.pdf', 'A card']);
  });
});
