// cqm.ExConversationChangeNotification → 'conversation' / 'conversationRemoved' events.
// Tolerates the older shape (participantsPId, no dialogs, lastUpdateTime) and the newer one.
import type { ClosedBy, ConversationSnapshot, CoreEvent, Dialog, ExpectedReply, Participant, ParticipantRole } from '../core/model';
import { asEnum, asId, asList, asObject, asSequence, asString, asTimestamp, each } from '../core/decodeValues';
import type { Obj } from '../core/decodeValues';

const ROLES: Record<string, ParticipantRole> = {
  CONSUMER: 'consumer',
  ASSIGNED_AGENT: 'agent',
  AGENT: 'assistant',
  MANAGER: 'manager',
  CONTROLLER: 'system',
  READER: 'reader',
};

const CLOSED_BY: Record<string, ClosedBy> = { CONSUMER: 'consumer', AGENT: 'agent', SYSTEM: 'system', TIMEOUT: 'system' };

export function mapRole(v: unknown): ParticipantRole | undefined {
  const r = asEnum(v);
  return r === undefined ? undefined : ROLES[r];
}

export function decodeConversationChanges(body: Obj): CoreEvent[] {
  return each<CoreEvent>(asList(body.changes), decodeChange);
}

function decodeChange(raw: unknown): CoreEvent | undefined {
  const change = asObject(raw);
  const result = asObject(change?.result);
  if (!change || !result) return undefined;
  const details = asObject(result.conversationDetails) ?? {};
  const id = asId(result.convId) ?? asId(result.conversationId) ?? asId(details.convId);
  if (id === undefined) return undefined;
  if (asEnum(change.type) === 'DELETE') return { type: 'conversationRemoved', conversationId: id };
  return { type: 'conversation', snapshot: decodeSnapshot(id, result, details) };
}

function decodeSnapshot(id: string, result: Obj, details: Obj): ConversationSnapshot {
  const startedAt = asTimestamp(details.startTs) ?? 0;
  const endedAt = asTimestamp(details.endTs);
  const wireDialogs = asList(details.dialogs).map(asObject).filter((d): d is Obj => d !== undefined);
  const topLevel = decodeParticipants(details);
  const dialogs = each<Dialog>(wireDialogs, (d) => decodeDialog(asObject(d) ?? {}, topLevel));
  const stateRaw = asEnum(details.state);
  const stageRaw = asEnum(details.stage) ?? stateRaw;
  const closed = stageRaw === 'CLOSE';
  const mainDialog = dialogs.find((d) => d.kind === 'main');
  const mainOpen = stateRaw !== undefined ? stateRaw !== 'CLOSE' : (mainDialog?.open ?? !closed);
  if (!mainDialog) {
    dialogs.push({ id, kind: 'main', messaging: true, open: mainOpen && !closed, participants: sortParticipants(topLevel), createdAt: startedAt });
  }
  const participants = mergeDialogParticipants(topLevel, dialogs);
  const updatedAt =
    asTimestamp(details.metaDataLastUpdateTs) ??
    asTimestamp(result.lastUpdateTime) ??
    maxOf(wireDialogs.map((d) => asTimestamp(d.metaDataLastUpdateTs))) ??
    endedAt ??
    startedAt;
  const snapshot: ConversationSnapshot = {
    id,
    updatedAt,
    stage: closed ? 'closed' : 'open',
    mainOpen,
    startedAt,
    participants,
    dialogs: dialogs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
  const closedBy = closeReason(details, wireDialogs);
  if (closedBy && (closed || !mainOpen)) snapshot.closedBy = closedBy;
  if (endedAt !== undefined) snapshot.endedAt = endedAt;
  const skillId = asId(details.skillId);
  if (skillId !== undefined) snapshot.skillId = skillId;
  const expectedReply = decodeExpectedReply(result, details);
  if (expectedReply) snapshot.expectedReply = expectedReply;
  const lastContent = decodeLastContent(result);
  if (lastContent) snapshot.lastContent = lastContent;
  const rating = asSequence(asObject(details.csat)?.csatRate);
  if (rating !== undefined && rating >= 1 && rating <= 5) snapshot.rating = rating;
  return snapshot;
}

/**
 * `lastContentEventNotification` (a copy of the last content event, §3.3): LivePerson's agent side
 * has it, not always (node-agent-sdk README); on the consumer side it is unverified (§16), so it is
 * read when present and never relied on. Only text content.
 */
function decodeLastContent(result: Obj): ConversationSnapshot['lastContent'] {
  const last = asObject(result.lastContentEventNotification);
  const event = asObject(last?.event);
  const text = asString(event?.message);
  const at = asTimestamp(last?.serverTimestamp);
  if (!last || asEnum(event?.type) !== 'CONTENTEVENT' || text === undefined || text.trim() === '' || at === undefined) return undefined;
  const role = asEnum(asObject(last.originatorMetadata)?.role);
  return { text: text.slice(0, 500), at, originator: role === 'CONSUMER' ? 'consumer' : role === 'CONTROLLER' ? 'system' : 'agent' };
}

/** The longest service level taken as such (a week); beyond it `ttr.value` is ignored. */
const MAX_TTR_SECONDS = 7 * 24 * 3600;

/**
 * §3.4: `manualETTR` (the agent's "expect a reply by") overrides `ttr` and `delay`; `effectiveTTR`
 * (the result's due time, -1 for none) comes next; else `ttr.value` seconds, counted from
 * `delay.tillWhen` when the contact center is away.
 */
function decodeExpectedReply(result: Obj, details: Obj): ExpectedReply | undefined {
  const ttr = asObject(details.ttr);
  const seconds = asSequence(ttr?.value);
  const by = asTimestamp(details.manualETTR) ?? asTimestamp(result.effectiveTTR);
  const after = asTimestamp(asObject(details.delay)?.tillWhen);
  const out: ExpectedReply = { urgent: asEnum(ttr?.ttrType) === 'URGENT' };
  if (by !== undefined) out.by = by;
  else {
    if (seconds !== undefined && seconds <= MAX_TTR_SECONDS) out.withinSeconds = seconds;
    if (after !== undefined) out.after = after;
  }
  return out.by !== undefined || out.withinSeconds !== undefined || out.after !== undefined ? out : undefined;
}

function closeReason(details: Obj, dialogs: Obj[]): ClosedBy | undefined {
  const reason = asEnum(details.closeReason);
  if (reason !== undefined && CLOSED_BY[reason]) return CLOSED_BY[reason];
  const main = dialogs.find((d) => asEnum(d.dialogType) === 'MAIN') ?? dialogs[0];
  const by = asEnum(main?.closedBy);
  return by === undefined ? undefined : CLOSED_BY[by];
}

/** `participants` as an array of {id, role} or a role → ids map, plus `participantsPId` (role → ids). */
function decodeParticipants(details: Obj): Participant[] {
  const out: Participant[] = [];
  const add = (idRaw: unknown, roleRaw: unknown) => {
    const id = asId(idRaw);
    const role = mapRole(roleRaw);
    if (id !== undefined && role !== undefined && !out.some((p) => p.id === id && p.role === role)) out.push({ id, role, status: 'active' });
  };
  const fromMap = (map: Obj) => {
    for (const [role, ids] of Object.entries(map)) for (const id of asList(ids)) add(id, role);
  };
  if (Array.isArray(details.participants)) {
    for (const p of details.participants) add(asObject(p)?.id, asObject(p)?.role);
  } else {
    const single = asObject(details.participants);
    if (single && 'role' in single) add(single.id, single.role);
    else if (single) fromMap(single);
  }
  const pids = asObject(details.participantsPId);
  if (pids) fromMap(pids);
  return out;
}

function decodeDialog(d: Obj, topLevel: Participant[]): Dialog | undefined {
  const id = asId(d.dialogId);
  if (id === undefined) return undefined;
  const type = asEnum(d.dialogType);
  const channel = asEnum(d.channelType);
  const participants: Participant[] = [];
  for (const p of asList(d.participantsDetails)) {
    const o = asObject(p);
    const pid = asId(o?.id);
    const role = mapRole(o?.role);
    if (pid === undefined || role === undefined) continue;
    participants.push({ id: pid, role, status: asEnum(o?.state) === 'SUGGESTED' ? 'suggested' : 'active' });
  }
  if (participants.length === 0) {
    // Older form: a plain id list; roles come from the conversation's participants.
    for (const p of asList(d.participants)) {
      const pid = asId(p);
      for (const known of topLevel) if (known.id === pid) participants.push({ ...known });
    }
  }
  return {
    id,
    kind: type === 'MAIN' ? 'main' : type === 'POST_SURVEY' ? 'survey' : 'other',
    messaging: channel === undefined ? type !== 'OTHER' : channel === 'MESSAGING',
    open: asEnum(d.state) !== 'CLOSE',
    participants: sortParticipants(participants),
    createdAt: asTimestamp(d.creationTs) ?? 0,
  };
}

/** Adds participants only listed in dialogs (e.g. a suggested agent) and takes their state from the dialogs. */
function mergeDialogParticipants(topLevel: Participant[], dialogs: Dialog[]): Participant[] {
  const out = topLevel.map((p) => ({ ...p }));
  const ordered = [...dialogs].sort((a, b) => (a.kind === 'main' ? -1 : b.kind === 'main' ? 1 : 0));
  for (const d of ordered) {
    for (const p of d.participants) {
      const known = out.find((x) => x.id === p.id && x.role === p.role);
      if (!known) out.push({ ...p });
      else if (d.kind === 'main') known.status = p.status;
    }
  }
  return sortParticipants(out);
}

function sortParticipants(list: Participant[]): Participant[] {
  const key = (p: Participant) => `${p.role}\u0000${p.id}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function maxOf(values: Array<number | undefined>): number | undefined {
  const nums = values.filter((v): v is number => v !== undefined);
  return nums.length > 0 ? Math.max(...nums) : undefined;
}
