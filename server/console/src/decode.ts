// Tolerant decoders for the control API's JSON. Malformed items are skipped, never thrown on,
// so a surprising server answer shows less rather than crashing the console.
import type {
  Agent, ConversationDetail, ConversationSummary, Dialog, LastMessage, Participant, Queue, ReceiptState,
  Settings, TranscriptEntry, TranscriptEvent,
} from './types';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const QUEUES: readonly Queue[] = ['waiting', 'open', 'closed'];
const RECEIPTS: readonly ReceiptState[] = ['sent', 'delivered', 'read'];

export function decodeAgents(v: unknown): Agent[] {
  return list(v).flatMap((a) => {
    if (!isObj(a)) return [];
    const id = str(a.id);
    if (!id) return [];
    return [{ id, nickname: str(a.nickname) ?? id, role: a.role === 'manager' ? 'manager' : 'agent' } satisfies Agent];
  });
}

function decodeParticipant(p: unknown): Participant[] {
  if (!isObj(p)) return [];
  const id = str(p.id);
  if (!id) return [];
  const state = str(p.state);
  return [{ id, role: str(p.role) ?? 'UNKNOWN', ...(state ? { state } : {}) }];
}

function decodeDialog(d: unknown): Dialog[] {
  if (!isObj(d)) return [];
  const dialogId = str(d.dialogId);
  if (!dialogId) return [];
  return [{
    dialogId,
    dialogType: str(d.dialogType) ?? 'MAIN',
    state: str(d.state) ?? 'OPEN',
    participants: list(d.participantsDetails).flatMap(decodeParticipant),
  }];
}

function decodeLastMessage(v: unknown): LastMessage | undefined {
  if (!isObj(v)) return undefined;
  const sequence = num(v.sequence);
  const text = str(v.text);
  if (sequence === undefined || text === undefined) return undefined;
  return { sequence, text, role: str(v.role) ?? 'UNKNOWN', serverTimestamp: num(v.serverTimestamp) ?? 0 };
}

function decodeSummaryFields(c: Obj): ConversationSummary | undefined {
  const id = str(c.id);
  const queue = QUEUES.find((q) => q === c.queue);
  if (!id || !queue) return undefined;
  const endTs = num(c.endTs);
  const lastMessage = decodeLastMessage(c.lastMessage);
  const rating = isObj(c.csat) ? num(c.csat.csatRate) : undefined;
  const chatState = isObj(c.visitorChatState) ? str(c.visitorChatState.chatState) : undefined;
  const chatStateAt = isObj(c.visitorChatState) ? num(c.visitorChatState.at) : undefined;
  return {
    id,
    queue,
    consumerId: str(c.consumerId) ?? '',
    stage: str(c.stage) ?? '',
    state: str(c.state) ?? '',
    skillId: str(c.skillId) ?? '',
    participants: list(c.participants).flatMap(decodeParticipant),
    dialogs: list(c.dialogs).flatMap(decodeDialog),
    startTs: num(c.startTs) ?? 0,
    ...(endTs !== undefined ? { endTs } : {}),
    ...(lastMessage ? { lastMessage } : {}),
    ...(rating !== undefined && Number.isInteger(rating) && rating >= 1 && rating <= 5 ? { rating } : {}),
    ...(chatState && chatStateAt !== undefined ? { visitorChatState: { chatState, at: chatStateAt } } : {}),
  };
}

export function decodeConversations(v: unknown): ConversationSummary[] {
  return list(v).flatMap((c) => {
    const s = isObj(c) ? decodeSummaryFields(c) : undefined;
    return s ? [s] : [];
  });
}

function decodeEvent(e: unknown): TranscriptEvent {
  if (!isObj(e)) return { kind: 'other', label: 'Unreadable event' };
  if (e.type === 'ContentEvent' && e.contentType === 'hosted/file' && isObj(e.message) && typeof e.message.relativePath === 'string') {
    const { caption, fileType, relativePath } = e.message;
    return { kind: 'file', caption: str(caption) ?? '', fileType: str(fileType) ?? '', relativePath };
  }
  if (e.type === 'ContentEvent') {
    const text = typeof e.message === 'string' ? e.message : `[${str(e.contentType) ?? 'content'}]`;
    const replies = isObj(e.quickReplies) ? list(e.quickReplies.replies) : [];
    const quickReplies = replies.flatMap((r) => (isObj(r) && typeof r.title === 'string' ? [r.title] : []));
    return { kind: 'text', text, quickReplies };
  }
  if (e.type === 'AcceptStatusEvent') {
    const sequences = list(e.sequenceList).flatMap((s) => {
      const n = typeof s === 'string' ? Number(s) : s;
      return typeof n === 'number' && Number.isInteger(n) ? [n] : [];
    });
    return { kind: 'receipt', status: str(e.status) ?? '', sequences };
  }
  if (e.type === 'RichContentEvent') return { kind: 'other', label: '[structured content]' };
  return { kind: 'other', label: `[${str(e.type) ?? 'unknown event'}]` };
}

function decodeEntries(dialogId: string, v: unknown): TranscriptEntry[] {
  const entries = list(v).flatMap((x): TranscriptEntry[] => {
    if (!isObj(x)) return [];
    const sequence = num(x.sequence);
    if (sequence === undefined) return [];
    return [{
      dialogId,
      sequence,
      originatorId: str(x.originatorId) ?? '',
      role: str(x.role) ?? 'UNKNOWN',
      serverTimestamp: num(x.serverTimestamp) ?? 0,
      audience: str(x.audience) ?? 'ALL',
      event: decodeEvent(x.event),
    }];
  });
  return entries.sort((a, b) => a.sequence - b.sequence);
}

/** Receipts arrive either per dialog (`{dialogId: {seq: state}}`) or flat (`{seq: state}`, key `*`). */
function decodeReceipts(v: unknown): Map<string, ReceiptState> {
  const out = new Map<string, ReceiptState>();
  if (!isObj(v)) return out;
  const put = (dialogId: string, seq: string, state: unknown) => {
    const r = RECEIPTS.find((x) => x === state);
    if (r && /^\d+$/.test(seq)) out.set(`${dialogId}:${Number(seq)}`, r);
  };
  for (const [k, val] of Object.entries(v)) {
    if (isObj(val)) for (const [seq, state] of Object.entries(val)) put(k, seq, state);
    else put('*', k, val);
  }
  return out;
}

export function receiptOf(receipts: Map<string, ReceiptState>, dialogId: string, sequence: number): ReceiptState {
  return receipts.get(`${dialogId}:${sequence}`) ?? receipts.get(`*:${sequence}`) ?? 'sent';
}

export function decodeDetail(v: unknown): ConversationDetail | undefined {
  if (!isObj(v)) return undefined;
  const summary = decodeSummaryFields(v);
  if (!summary) return undefined;
  const byDialog = isObj(v.transcript) ? v.transcript : {};
  const typeOf = (id: string) => summary.dialogs.find((d) => d.dialogId === id)?.dialogType ?? 'MAIN';
  const transcript = Object.entries(byDialog)
    .map(([dialogId, entries]) => ({ dialogId, dialogType: typeOf(dialogId), entries: decodeEntries(dialogId, entries) }))
    .sort((a, b) => (a.dialogType === 'MAIN' ? -1 : 0) - (b.dialogType === 'MAIN' ? -1 : 0));
  return { ...summary, transcript, receipts: decodeReceipts(v.receipts) };
}

function decodeWelcome(v: unknown): Settings['welcome'] {
  if (!isObj(v) || typeof v.text !== 'string') return null;
  const quickReplies = list(v.quickReplies).filter((q): q is string => typeof q === 'string');
  return quickReplies.length > 0 ? { text: v.text, quickReplies } : { text: v.text };
}

export function decodeSettings(v: unknown): Settings {
  const o = isObj(v) ? v : {};
  return { autoReceipts: o.autoReceipts === true, survey: o.survey === true, welcome: decodeWelcome(o.welcome), urgent: o.urgent !== false };
}
