// The Genesys console's chat state: a function of the decoded notifications and resync reads,
// deduplicated by index whatever the order or repetition.
import { describe, expect, it } from 'vitest';
import { decodeGwsNotification, type GwsChat, type GwsMessage } from '../../../../src/genesys/gwsDecode';
import { applyNotification, applySnapshot, can, emptyChats } from './chatStore';

const chat = (state: string, capabilities: string[] = []) => ({ messageType: 'ChatStateChangeMessage', notificationType: 'StatusChange', chat: { id: 'C1', state, capabilities, participants: [] } });
const log = (...messages: Array<[number, string, string?]>) => ({
  messageType: 'MessageLogUpdated',
  notificationType: 'NewMessages',
  chatUri: 'http://h/api/v2/chats/C1',
  messages: messages.map(([index, type, text]) => ({ index, type, text, visibility: 'All', from: { nickname: 'Ann', type: 'Customer', participantId: 'A1' } })),
});
const run = (...raw: unknown[]) => raw.map(decodeGwsNotification).reduce(applyNotification, emptyChats);

describe('Genesys console chat state', () => {
  it('keeps each message once, sorted by index, whatever the order and repetition', () => {
    const s = run(chat('Chatting', ['SendMessage']), log([3, 'Text', 'c']), log([1, 'Text', 'a'], [3, 'Text', 'c']), log([2, 'Text', 'b']));
    expect(s.C1?.messages.map((m) => m.text)).toEqual(['a', 'b', 'c']);
    expect(can(s.C1, 'SendMessage')).toBe(true);
    expect(can(s.C1, 'Accept')).toBe(false);
  });

  it('follows the state and capabilities of the last ChatStateChangeMessage', () => {
    const s = run(chat('Ringing', ['Accept']), chat('Chatting', ['Complete']));
    expect(s.C1?.chat.state).toBe('Chatting');
    expect(can(s.C1, 'Accept')).toBe(false);
  });

  it('shows customer typing until it stops, writes or leaves', () => {
    expect(run(chat('Chatting'), log([1, 'TypingStarted'])).C1?.customerTyping).toBe(true);
    expect(run(chat('Chatting'), log([1, 'TypingStarted'], [2, 'Text', 'x'])).C1?.customerTyping).toBe(false);
    expect(run(chat('Chatting'), log([1, 'TypingStarted'], [2, 'TypingStopped'])).C1?.customerTyping).toBe(false);
  });

  it('ignores a log for an unknown chat; a snapshot brings the chat and its transcript, merged with what was there', () => {
    const before = run(log([1, 'Text', 'lost?']));
    expect(before).toEqual({});
    const live = run(chat('Chatting'), log([2, 'Text', 'b']));
    const decoded = decodeGwsNotification(log([1, 'Text', 'a'], [2, 'Text', 'b']));
    const transcript = decoded.kind === 'messageLog' ? decoded.messages : [];
    const c = (decodeGwsNotification(chat('Chatting')) as { chat: GwsChat }).chat;
    const s = applySnapshot(live, [c], { C1: transcript as GwsMessage[] });
    expect(s.C1?.messages.map((m) => m.text)).toEqual(['a', 'b']);
  });
});
