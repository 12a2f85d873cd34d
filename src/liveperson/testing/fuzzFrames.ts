// fast-check generators of hostile consumer-socket frames for the fuzz tests (not shipped code):
// plausible LivePerson frames, then mutated — fields deleted, values of the wrong type, unknown
// enums and types, single values for arrays and back, huge strings and deeply nested values; and the
// well-formed frames of a normal exchange the fuzz tests mix them with.
import fc from 'fast-check';

export type Json = unknown;

/** The cqm.ExConversationChangeNotification of one open conversation (its MAIN dialog shares its id) that `consumerId` is in. */
export function openConversationFrame(convId: string, consumerId: string, at: number): string {
  const conversationDetails = {
    state: 'OPEN',
    stage: 'OPEN',
    startTs: at,
    metaDataLastUpdateTs: at,
    participants: [{ id: consumerId, role: 'CONSUMER' }],
    dialogs: [{ dialogId: convId, dialogType: 'MAIN', channelType: 'MESSAGING', state: 'OPEN', participantsDetails: [{ id: consumerId, role: 'CONSUMER', state: 'ACTIVE' }] }],
  };
  const changes = [{ type: 'UPSERT', result: { convId, lastUpdateTime: at, conversationDetails } }];
  return JSON.stringify({ kind: 'notification', type: 'cqm.ExConversationChangeNotification', body: { subscriptionId: 'sub', changes } });
}

export interface TextMessage {
  sequence: number;
  originatorId: string;
  role: string;
  /** Left as given: fuzz tests pass hostile timestamps. */
  serverTimestamp: unknown;
  message: string;
}

/** The ms.MessagingEventNotification of one plain-text ContentEvent in the conversation's MAIN dialog. */
export function textMessageFrame(convId: string, m: TextMessage): string {
  const change = {
    sequence: m.sequence,
    originatorId: m.originatorId,
    originatorMetadata: { id: m.originatorId, role: m.role },
    serverTimestamp: m.serverTimestamp,
    dialogId: convId,
    conversationId: convId,
    event: { type: 'ContentEvent', contentType: 'text/plain', message: m.message },
  };
  return JSON.stringify({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [change] } });
}

const ME = 'consumer-me';
const ids = fc.constantFrom('c1', 'c2', 'd-survey', ME, 'agent-1', 'agent-2', 7, '', 'c1\u0000', '__proto__', 'constructor');
const time = fc.oneof(fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }), fc.constantFrom(0, -1, '1700000000000', 1e308));
const seq = fc.oneof(fc.nat(30), fc.constantFrom(-1, 1.5, '3', 2 ** 53, 'NaN'));
const roles = fc.constantFrom('CONSUMER', 'ASSIGNED_AGENT', 'AGENT', 'MANAGER', 'CONTROLLER', 'READER', 'consumer', 'NOT_A_ROLE');
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('<img src=x onerror=alert(1)>', 'javascript:alert(1)', '\u202e\u0000', '💬'.repeat(3)));

const participant = fc.record({ id: ids, role: roles, state: fc.constantFrom('ACTIVE', 'SUGGESTED', 'GONE') }, { requiredKeys: [] });
const dialog = fc.record(
  {
    dialogId: ids,
    dialogType: fc.constantFrom('MAIN', 'POST_SURVEY', 'OTHER', 7),
    channelType: fc.constantFrom('MESSAGING', 'COBROWSE'),
    state: fc.constantFrom('OPEN', 'CLOSE', 'LOCKED'),
    creationTs: time,
    participantsDetails: fc.array(participant, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);
const conversationChange = fc.record({
  type: fc.constantFrom('UPSERT', 'DELETE', 'MERGE'),
  result: fc.record({
    convId: ids,
    lastUpdateTime: time,
    conversationDetails: fc.record(
      {
        state: fc.constantFrom('OPEN', 'CLOSE', 'PENDING'),
        stage: fc.constantFrom('OPEN', 'CLOSE', 'LIMBO'),
        closeReason: fc.constantFrom('AGENT', 'CONSUMER', 'SYSTEM', 'TIMEOUT'),
        startTs: time,
        endTs: time,
        metaDataLastUpdateTs: time,
        skillId: ids,
        participants: fc.oneof(fc.array(participant, { maxLength: 3 }), fc.dictionary(roles, fc.array(ids, { maxLength: 2 }))),
        dialogs: fc.array(dialog, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
  }),
});

const quickReplies = fc.record({
  type: fc.constant('quickReplies'),
  itemsPerRow: fc.nat(9),
  replies: fc.array(fc.record({ type: fc.constant('button'), title: text, click: fc.record({ actions: fc.array(fc.record({ type: fc.constantFrom('publishText', 'link'), text }), { maxLength: 2 }) }) }), { maxLength: 3 }),
});
const richElement: fc.Arbitrary<Json> = fc.letrec<{ el: Json }>((tie) => ({
  el: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ type: fc.constant('text'), text }),
    fc.record({ type: fc.constantFrom('button', 'image', 'carousel'), title: text }),
    fc.record({ type: fc.constantFrom('vertical', 'horizontal'), elements: fc.array(tie('el'), { maxLength: 3 }) }),
  ),
})).el;
const event = fc.oneof(
  fc.record({ type: fc.constant('ContentEvent'), contentType: fc.constant('text/plain'), message: text, quickReplies: fc.option(quickReplies, { nil: undefined }) }, { requiredKeys: ['type', 'message'] }),
  fc.record({ type: fc.constant('ContentEvent'), contentType: fc.constantFrom('hosted/file', 'HostedFile'), message: fc.record({ caption: text, relativePath: text, fileType: fc.constantFrom('PNG', 'PDF', 'EXE') }, { requiredKeys: [] }) }),
  fc.record({ type: fc.constant('RichContentEvent'), content: richElement, quickReplies: fc.option(quickReplies, { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('AcceptStatusEvent'), status: fc.constantFrom('ACCEPT', 'READ', 'ACTION', 'NACK'), sequenceList: fc.array(seq, { maxLength: 4 }) }),
  fc.record({ type: fc.constant('ChatStateEvent'), chatState: fc.constantFrom('COMPOSING', 'ACTIVE', 'PAUSE', 'GONE', 'INACTIVE') }),
  fc.record({ type: fc.constantFrom('UnknownEvent', 'ContentEventX', ''), message: text }),
);
const messagingChange = fc.record(
  {
    sequence: seq,
    originatorId: ids,
    originatorMetadata: fc.record({ id: ids, role: roles }, { requiredKeys: [] }),
    serverTimestamp: time,
    dialogId: ids,
    conversationId: ids,
    messageAudience: fc.constantFrom('ALL', 'AGENTS_AND_MANAGERS', 'NOBODY'),
    metadata: fc.array(fc.record({ type: fc.constantFrom('ExternalId', 'BotResponse'), id: ids }), { maxLength: 2 }),
    event,
  },
  { requiredKeys: ['event'] },
);

/** Frames as LivePerson would send them (some with unknown types). */
export const validFrame: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ kind: fc.constant('notification'), type: fc.constant('cqm.ExConversationChangeNotification'), body: fc.record({ subscriptionId: ids, changes: fc.array(conversationChange, { maxLength: 3 }) }) }),
  fc.record({ kind: fc.constant('notification'), type: fc.constant('ms.MessagingEventNotification'), body: fc.record({ changes: fc.array(messagingChange, { maxLength: 4 }) }) }),
  fc.record({ kind: fc.constant('resp'), reqId: ids, code: fc.constantFrom(200, 400, 429, 500, '200'), type: fc.constantFrom('ms.PublishEventResponse', '.ReqBody$StringResp'), body: fc.anything({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constantFrom('notification', 'req', 'nope'), type: fc.string({ maxLength: 30 }), body: fc.anything({ maxDepth: 2 }) }),
);

const HUGE = 'H'.repeat(64 * 1024);
const DEEP_DEPTH = 10_000;

type Mutation = { pick: number; op: 'delete' | 'replace' | 'wrap' | 'unwrap' | 'huge' | 'deep' | 'enum'; value: Json };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  pick: fc.nat(),
  op: fc.oneof(
    { arbitrary: fc.constantFrom('delete' as const, 'replace' as const, 'wrap' as const, 'unwrap' as const, 'enum' as const), weight: 150 },
    { arbitrary: fc.constantFrom('huge' as const, 'deep' as const), weight: 1 },
  ),
  value: fc.oneof(fc.anything({ maxDepth: 2, withNullPrototype: true }), fc.constantFrom(null, true, 0, -0, 1e308, '', [], {}, 'OPEN', 'UNKNOWN_ENUM')),
});

/** Every (container, key) inside the value, depth first. */
function slots(root: Json): Array<[Record<string, unknown> | unknown[], string | number]> {
  const out: Array<[Record<string, unknown> | unknown[], string | number]> = [];
  const walk = (v: Json) => {
    if (Array.isArray(v)) {
      v.forEach((item, i) => {
        out.push([v, i]);
        walk(item);
      });
    } else if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        out.push([o, k]);
        walk(o[k]);
      }
    }
  };
  walk(root);
  return out;
}

function applyMutation(frame: Json, m: Mutation): void {
  const all = slots(frame);
  const slot = all[m.pick % Math.max(1, all.length)];
  if (!slot) return;
  const [container, key] = slot;
  const c = container as Record<string | number, unknown>;
  const current = c[key];
  switch (m.op) {
    case 'delete':
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete c[key];
      return;
    case 'replace':
      c[key] = m.value;
      return;
    case 'wrap':
      c[key] = [current];
      return;
    case 'unwrap':
      c[key] = Array.isArray(current) ? current[0] : current;
      return;
    case 'huge':
      c[key] = HUGE;
      return;
    case 'deep':
      c[key] = '__DEEP__';
      return;
    case 'enum':
      c[key] = typeof current === 'string' ? `${current}_UNKNOWN` : 'UNKNOWN_ENUM';
      return;
  }
}

const deepText = (depth: number) => `${'{"elements":['.repeat(depth)}1${']}'.repeat(depth)}`;

/** A mutated frame as the text a socket would deliver (deep values spliced in as JSON text). */
export const hostileFrameText: fc.Arbitrary<string> = fc
  .tuple(validFrame, fc.array(mutation, { maxLength: 4 }))
  .map(([frame, mutations]) => {
    const copy = structuredClone(frame) as Json;
    for (const m of mutations) applyMutation(copy, m);
    return (JSON.stringify(copy) ?? 'undefined').replaceAll('"__DEEP__"', deepText(DEEP_DEPTH));
  });
