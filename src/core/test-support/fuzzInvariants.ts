// The invariants of ChatState and ChatView that hostile input must never break (used by the fuzz
// tests; not shipped code). Returns the violations found, an empty list when the state is valid.
import type { ChatView, MessageBody } from '../model';
import { MAX_SNAPSHOTS, eventKey } from '../state';
import type { ChatState } from '../state';
import { factEntries } from '../factTable';

const STAGES = new Set(['open', 'closed']);
const VIEW_STAGES = new Set(['open', 'closed', 'none']);
const ORIGINATORS = new Set(['consumer', 'agent', 'system']);
const RECEIPT_STATES = new Set(['pending', 'sent', 'delivered', 'read', 'failed']);

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function bodyProblem(body: MessageBody): string | undefined {
  const replies = 'quickReplies' in body ? body.quickReplies : undefined;
  if (replies !== undefined && (!Array.isArray(replies) || replies.some((r) => typeof r.title !== 'string' || typeof r.text !== 'string'))) {
    return 'quick replies without string title/text';
  }
  switch (body.kind) {
    case 'text':
      return typeof body.text === 'string' ? undefined : 'text body without string text';
    case 'file':
      return [body.caption, body.fileType, body.path].every((s) => typeof s === 'string') ? undefined : 'file body with non-string fields';
    case 'rich':
      return typeof body.fallbackText === 'string' ? undefined : 'rich body without fallback text';
    case 'unsupported':
      return typeof body.description === 'string' ? undefined : 'unsupported body without description';
    default:
      return `unknown body kind ${String((body as { kind: unknown }).kind)}`;
  }
}

export function stateViolations(state: ChatState): string[] {
  const out: string[] = [];
  for (const [name, map] of Object.entries(state)) {
    // A key like "__proto__" or "constructor" would alias Object.prototype in these plain-object maps.
    if (Object.getPrototypeOf(map) !== Object.prototype) out.push(`state.${name} lost its prototype`);
    for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
      if (name === 'snapshots' && Object.getPrototypeOf(value) !== Object.prototype) out.push(`snapshots of ${key} lost their prototype`);
    }
  }
  const removedConv = (conversationId: string, dialogId: string) => {
    const owner = state.dialogConversation[dialogId];
    return state.removed[conversationId] === true || (owner !== undefined && state.removed[owner] === true);
  };
  for (const [convId, byTime] of Object.entries(state.snapshots)) {
    if (state.removed[convId]) out.push(`snapshot kept for removed conversation ${convId}`);
    const snaps = Object.entries(byTime);
    if (snaps.length > MAX_SNAPSHOTS) out.push(`${snaps.length} snapshots kept for ${convId}`);
    for (const [key, snap] of snaps) {
      if (snap.id !== convId || key !== String(snap.updatedAt) || !isTime(snap.updatedAt)) out.push(`snapshot ${convId}/${key} misfiled`);
      if (!STAGES.has(snap.stage) || typeof snap.mainOpen !== 'boolean') out.push(`snapshot ${convId} has a bad stage`);
      if (!Array.isArray(snap.dialogs) || snap.dialogs.length === 0) out.push(`snapshot ${convId} has no dialog`);
      for (const p of [...snap.participants, ...snap.dialogs.flatMap((d) => d.participants)]) {
        if (!isId(p.id)) out.push(`snapshot ${convId} has a participant without id`);
      }
      for (const d of snap.dialogs) if (!isId(d.id)) out.push(`snapshot ${convId} has a dialog without id`);
    }
  }
  for (const [key, m] of factEntries(state.messages)) {
    if (key !== eventKey(m.dialogId, m.sequence)) out.push(`message misfiled under ${key}`);
    if (!isId(m.dialogId) || !isId(m.conversationId) || !isId(m.originatorId) || !isSeq(m.sequence) || !isTime(m.at)) out.push(`message ${key} malformed`);
    if (!ORIGINATORS.has(m.originator)) out.push(`message ${key} has originator ${m.originator}`);
    const problem = bodyProblem(m.body);
    if (problem) out.push(`message ${key}: ${problem}`);
    if (removedConv(m.conversationId, m.dialogId)) out.push(`message ${key} of a removed conversation`);
  }
  for (const [key, r] of factEntries(state.receipts)) {
    if (key !== eventKey(r.dialogId, r.sequence)) out.push(`receipt misfiled under ${key}`);
    if (!isId(r.dialogId) || !isId(r.originatorId) || !isSeq(r.sequence) || !isTime(r.at) || !r.sequences.every(isSeq)) out.push(`receipt ${key} malformed`);
    if (removedConv(r.conversationId, r.dialogId)) out.push(`receipt ${key} of a removed conversation`);
  }
  for (const [key, t] of Object.entries(state.typing)) {
    if (key !== JSON.stringify([t.dialogId, t.originatorId]) || typeof t.composing !== 'boolean' || !isTime(t.receivedAt)) out.push(`typing ${key} malformed`);
  }
  for (const [key, o] of Object.entries(state.outbox)) if (o.clientId !== key) out.push(`outbox entry misfiled under ${key}`);
  for (const [key, p] of Object.entries(state.profiles)) if (p.participantId !== key || typeof p.name !== 'string') out.push(`profile ${key} malformed`);
  return out;
}

export function viewViolations(view: ChatView): string[] {
  const out: string[] = [];
  if (!VIEW_STAGES.has(view.stage)) out.push(`view stage ${view.stage}`);
  if (!Number.isInteger(view.unread) || view.unread < 0) out.push(`unread ${view.unread}`);
  const keys = new Set<string>();
  const stored = new Set<string>();
  for (const row of view.timeline) {
    if (keys.has(row.key)) out.push(`duplicate row key ${row.key}`);
    keys.add(row.key);
    if (!isTime(row.at)) out.push(`row ${row.key} without a time`);
    if (row.kind !== 'message') continue;
    if (!ORIGINATORS.has(row.originator)) out.push(`row ${row.key} originator ${row.originator}`);
    if (row.receipt !== undefined && !RECEIPT_STATES.has(row.receipt)) out.push(`row ${row.key} receipt ${row.receipt}`);
    const problem = bodyProblem(row.body);
    if (problem) out.push(`row ${row.key}: ${problem}`);
    if (row.sequence !== undefined && row.dialogId !== undefined) {
      const at = eventKey(row.dialogId, row.sequence);
      if (stored.has(at)) out.push(`stored message ${at} shown twice`);
      stored.add(at);
    }
  }
  for (const [id, name] of Object.entries(view.names)) if (typeof name !== 'string') out.push(`name of ${id} is not text`);
  return out;
}
