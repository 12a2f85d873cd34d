// The GWS /v2/me/chats decoders on the seed's JSON examples, verbatim (fixtures copied from
// ../shared/seeds/genesys-cometd-chat-notifications.txt, public Genesys documentation), on every
// notificationType, state and visibility, and on arbitrary input (never throws).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatIdFromUri, decodeGwsChat, decodeGwsNotification, parseGwsTimestamp, visitorMessages, type GwsNotification } from './gwsDecode';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const SEED = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seeds', 'genesys-cometd-chat-notifications.txt');

const chatState = JSON.parse(fixtureText('seed-chat-state-change.json')) as { data: Record<string, unknown> };
const messageLog = JSON.parse(fixtureText('seed-message-log-updated.json')) as { data: Record<string, unknown> };

function expectKind<K extends GwsNotification['kind']>(n: GwsNotification, kind: K): Extract<GwsNotification, { kind: K }> {
  expect(n.kind).toBe(kind);
  return n as Extract<GwsNotification, { kind: K }>;
}

describe('the seed fixtures', () => {
  it.skipIf(!existsSync(SEED))('are the seed page\'s two examples, verbatim', () => {
    const seed = readFileSync(SEED, 'utf8');
    expect(seed).toContain(fixtureText('seed-chat-state-change.json').trimEnd());
    expect(seed).toContain(fixtureText('seed-message-log-updated.json').trimEnd());
  });
});

describe('decodeGwsNotification: ChatStateChangeMessage', () => {
  it("decodes the seed's PropertiesUpdated example", () => {
    const n = expectKind(decodeGwsNotification(chatState), 'chatState');
    expect(n).toEqual({
      kind: 'chatState',
      notificationType: 'PropertiesUpdated',
      referenceId: 83,
      chat: {
        id: '0000Wa9CAM6W00J',
        uri: 'http://localhost:8080/api/v2/chats/0000Wa9CAM6W00J',
        state: 'Chatting',
        phase: 'active',
        capabilities: ['Transfer', 'Leave', 'Invite', 'Consult', 'SetInFocus', 'SetDisposition', 'AttachUserData', 'DeleteUserData', 'UpdateUserData', 'Complete', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification'],
        participants: [
          { participantId: '007352CE982D031B', nickname: 'test_consult_clientL', type: 'Customer', role: 'customer' },
          { participantId: '007352CE984F0321', nickname: 'TestName', type: 'Agent', role: 'agent' },
        ],
        userData: { key1: 'value1', key2: 'value2' },
      },
    });
    // The Bayeux message's data object alone decodes the same.
    expect(decodeGwsNotification(chatState.data)).toEqual(n);
  });

  it('keeps every notificationType, documented or not', () => {
    for (const notificationType of ['StatusChange', 'ParticipantsUpdated', 'PropertiesUpdated', 'Error', 'SomethingNew']) {
      const n = expectKind(decodeGwsNotification({ data: { ...chatState.data, notificationType } }), 'chatState');
      expect(n.notificationType).toBe(notificationType);
      expect(n.chat?.id).toBe('0000Wa9CAM6W00J');
    }
    // An error sometimes arrives as data.errorMessage alone.
    expect(decodeGwsNotification({ data: { errorMessage: 'Operation failed' } })).toEqual({ kind: 'chatState', notificationType: 'Error', errorMessage: 'Operation failed' });
  });

  it('maps each chat state to a phase, unknown ones to other', () => {
    const phases = Object.fromEntries(
      ['Ringing', 'Invited', 'Chatting', 'Completed', 'LeftChat', 'Revoked', 'Idle', 'Frobnicated', ''].map((state) => [state, decodeGwsChat({ ...(chatState.data.chat as object), state })?.phase]),
    );
    expect(phases).toEqual({ Ringing: 'offered', Invited: 'offered', Chatting: 'active', Completed: 'ended', LeftChat: 'ended', Revoked: 'ended', Idle: 'other', Frobnicated: 'other', '': 'other' });
  });

  it('is tolerant inside the chat: a missing id falls back to the uri, bad entries are dropped', () => {
    const chat = decodeGwsChat({
      uri: 'http://h/api/v2/chats/ABC',
      capabilities: ['Accept', 7, null],
      participants: [{ nickname: 'Bot', type: 'External', participantId: 12 }, 'junk', null],
      userData: { n: 1, b: true, o: { deep: 1 }, ['__proto__']: 'x' },
    });
    expect(chat).toEqual({
      id: 'ABC',
      uri: 'http://h/api/v2/chats/ABC',
      state: '',
      phase: 'other',
      capabilities: ['Accept'],
      participants: [{ participantId: '12', nickname: 'Bot', type: 'External', role: 'bot' }],
      userData: { n: '1', b: 'true' },
    });
    expect(decodeGwsChat({ state: 'Chatting' })).toBeUndefined();
    expect(decodeGwsChat({ id: '__proto__' })).toBeUndefined();
  });
});

describe('decodeGwsNotification: MessageLogUpdated', () => {
  it("decodes the seed's NewMessages example, the chat id taken from chatUri", () => {
    const n = expectKind(decodeGwsNotification(messageLog), 'messageLog');
    const from = { participantId: '007352CE72D50290', nickname: 'TestName', type: 'Agent', role: 'agent' };
    expect(n).toEqual({
      kind: 'messageLog',
      notificationType: 'NewMessages',
      chatId: '0000Wa9CAM6W00FN',
      chatUri: 'http://localhost:8080/api/v2/chats/0000Wa9CAM6W00FN',
      messages: [
        { index: 3, type: 'Text', kind: 'text', from, text: 'How may I help you?', messageType: 'Greeting', visibility: 'All', visibleToVisitor: true, timestamp: '2014-01-09 11:58:12.035+0200', time: 1389261492035 },
        { index: 4, type: 'Text', kind: 'text', from, text: 'Are you still there?', visibility: 'All', visibleToVisitor: true, timestamp: '2014-01-09 11:58:12.047+0200', time: 1389261492047 },
      ],
    });
  });

  it('marks every message whose visibility is not All as never for a visitor', () => {
    const base = (messageLog.data.messages as object[])[1] as Record<string, unknown>;
    const messages = ['All', 'Agents', 'Supervisors', undefined, 'all', 5].map((visibility, i) => ({ ...base, index: 10 + i, visibility }));
    const n = expectKind(decodeGwsNotification({ data: { ...messageLog.data, messages } }), 'messageLog');
    expect(n.messages.map((m) => [m.visibility, m.visibleToVisitor])).toEqual([
      ['All', true],
      ['Agents', false],
      ['Supervisors', false],
      ['', false],
      ['all', false],
      ['', false],
    ]);
    expect(visitorMessages(n.messages).map((m) => m.index)).toEqual([10]);
  });

  it('reads every message type, sorts by index (which may skip) and drops messages without an index', () => {
    const types = ['Text', 'ParticipantJoined', 'ParticipantLeft', 'ParticipantRejoined', 'TypingStarted', 'TypingStopped', 'TypingStopping', 'PushUrl', 'Notice', 'CustomNotice', 'NicknameUpdated', 'TranscriptSaveDone', 'Whatever'];
    const messages = [...types.map((type, i) => ({ index: 100 - i * 3, type, visibility: 'All' })), { type: 'Text' }, { index: -1, type: 'Text' }, { index: 1.5 }, 'junk'];
    const n = expectKind(decodeGwsNotification({ data: { messageType: 'MessageLogUpdated', notificationType: 'NewMessages', chatPath: '/chats/XYZ', messages } }), 'messageLog');
    expect(n.chatId).toBe('XYZ');
    expect(n.messages.map((m) => m.index)).toEqual(types.map((_, i) => 100 - i * 3).reverse());
    expect(n.messages.map((m) => m.kind).reverse()).toEqual(['text', 'joined', 'left', 'rejoined', 'typingStarted', 'typingStopped', 'typingStopped', 'url', 'notice', 'customNotice', 'nicknameUpdated', 'transcriptSaved', 'other']);
  });

  it('takes url, noticeText and the time from timestamp when timestampSeconds is missing or has the docs\' L suffix', () => {
    const n = expectKind(
      decodeGwsNotification({
        data: {
          messageType: 'MessageLogUpdated',
          chatUri: 'http://h/api/v2/chats/C1?x=1',
          messages: [
            { index: 1, type: 'PushUrl', url: 'https://example.com', visibility: 'All', timestamp: '2014-01-09 11:58:12.035+0200' },
            { index: 2, type: 'CustomNotice', noticeText: 'n', visibility: 'All', timestampSeconds: '1389261492047L' },
            { index: 3, type: 'Text', text: 't', visibility: 'All', timestampSeconds: 1e300, timestamp: 'yesterday' },
          ],
        },
      }),
      'messageLog',
    );
    expect(n.chatId).toBe('C1');
    expect(n.messages.map((m) => [m.url ?? m.noticeText ?? m.text, m.time])).toEqual([
      ['https://example.com', 1389261492035],
      ['n', 1389261492047],
      ['t', undefined],
    ]);
  });
});

describe('tolerance', () => {
  it('ignores what is not a /v2/me/chats notification', () => {
    expect(decodeGwsNotification(null)).toEqual({ kind: 'ignored', reason: 'not an object' });
    expect(decodeGwsNotification([])).toEqual({ kind: 'ignored', reason: 'not an object' });
    expect(decodeGwsNotification({ data: { messageType: 'CallStateChangeMessage' } })).toEqual({ kind: 'ignored', reason: 'unknown messageType: CallStateChangeMessage' });
    expect(decodeGwsNotification({})).toEqual({ kind: 'ignored', reason: 'no messageType' });
  });

  it('parses GWS timestamps and chat URIs', () => {
    expect(parseGwsTimestamp('2014-01-09 11:58:12.035+0200')).toBe(1389261492035);
    expect(parseGwsTimestamp('2014-01-09 09:58:12.035Z')).toBe(1389261492035);
    expect(parseGwsTimestamp('9999-99-99 99:99:99')).toBeUndefined();
    expect(chatIdFromUri('http://localhost:8080/api/v2/chats/0000Wa9CAM6W00FN')).toBe('0000Wa9CAM6W00FN');
    expect(chatIdFromUri('http://h/api/v2/chats/%E0%A4%A')).toBeUndefined();
    expect(chatIdFromUri('http://h/api/v2/users/1')).toBeUndefined();
  });

  it('never throws, on anything and on mangled seed payloads', () => {
    const getterBomb = Object.defineProperty({ messageType: 'MessageLogUpdated' }, 'messages', {
      get() {
        throw new Error('boom');
      },
    });
    expect(decodeGwsNotification(getterBomb).kind).toBe('ignored');
    fc.assert(fc.property(fc.anything(), (x) => void decodeGwsNotification(x)), { numRuns: 500 });
    const mangled = (seed: { data: Record<string, unknown> }) =>
      fc.record({ key: fc.constantFrom(...Object.keys(seed.data)), value: fc.anything() }).map(({ key, value }) => ({ data: { ...seed.data, [key]: value } }));
    fc.assert(
      fc.property(fc.oneof(mangled(chatState), mangled(messageLog)), (x) => {
        const n = decodeGwsNotification(x);
        if (n.kind === 'messageLog') for (const m of n.messages) expect(m.visibleToVisitor).toBe(m.visibility === 'All');
      }),
      { numRuns: 500 },
    );
  });
});
