// One conversation's message rows, kept incrementally: its messages' keys in display order (dialog
// order, then sequence: a sorted array patched by binary search, O(log n) comparisons per change),
// one row per message rebuilt only when that message, its receipt or its client id changed (and
// kept as the same object when equal: structural sharing), and the agent messages the visitor
// has not read. Built once from the state, then patched with the keys that changed (view.ts).
import type { ConversationSnapshot, ReceiptStatus } from './model';
import { belongsTo, compareDialogs, isConsumer } from './conversation';
import { compareStrings, sameValue } from './canonical';
import { eventKey } from './state';
import type { ChatState, MessageFact } from './state';
import type { MessageRow } from './timeline';
import type { ReceiptIndex } from './receiptIndex';
import { factAt, factsOf } from './factTable';

/** What the incremental view did (for tests that prove its work is proportional to the change). */
export interface ViewCounters {
  /** Message rows constructed. */
  rows: number;
  /** Calls of the message order's comparator. */
  comparisons: number;
  /** Times the list of earlier conversations was built (it walks every conversation and message). */
  earlierBuilt?: number;
}

/** Where the rows' receipts and client ids come from (shared by the threads and the outbox rows of one view). */
export interface RowSources {
  receipts: ReceiptIndex;
  /** The client id of the queued message stored at this key (outbox `stored`), if any. */
  storedClient(messageKey: string): string | undefined;
  /** Whether a stored message (of any conversation) carries this client id. */
  hasClient(clientId: string): boolean;
}

/** What a thread's order and membership depend on: a snapshot with the same signature keeps the index. */
export function threadSignature(snap: ConversationSnapshot): string {
  return JSON.stringify([snap.id, [...snap.dialogs].sort(compareDialogs).map((d) => [d.id, d.open])]);
}

export class ThreadIndex {
  private readonly rank = new Map<string, number>();
  private readonly openDialogs: Set<string>;
  /** Message keys of the thread, in display order. */
  private keys: string[] = [];
  private readonly facts = new Map<string, MessageFact>();
  private readonly clientOf = new Map<string, string>();
  private readonly rows = new Map<string, MessageRow>();
  /** client id → keys of the thread's messages that carry it, in display order (the first keeps `out:`). */
  private readonly byClient = new Map<string, string[]>();
  private readonly unreadKeys = new Set<string>();
  private ordered: MessageRow[] = [];

  constructor(
    public snap: ConversationSnapshot,
    private readonly consumerId: string | undefined,
    private readonly sources: RowSources,
    private readonly counters: ViewCounters,
    state: ChatState,
  ) {
    [...snap.dialogs].sort(compareDialogs).forEach((d, i) => this.rank.set(d.id, i));
    this.openDialogs = new Set(snap.dialogs.filter((d) => d.open).map((d) => d.id));
    const facts = factsOf(state.messages).filter((m) => belongsTo(snap, m));
    facts.sort((a, b) => this.compare(a, b));
    for (const m of facts) {
      const key = eventKey(m.dialogId, m.sequence);
      this.keys.push(key);
      this.facts.set(key, m);
      this.setClient(key, m.clientId ?? sources.storedClient(key), new Set());
    }
    for (const key of this.keys) this.rows.set(key, this.build(key));
    for (const key of this.keys) this.countUnread(key);
    this.ordered = this.keys.map((k) => this.rows.get(k) as MessageRow);
  }

  /** Rows in display order (the same array until something changed). */
  get messageRows(): MessageRow[] {
    return this.ordered;
  }

  get unread(): number {
    return this.unreadKeys.size;
  }

  /** Whether this participant has a message in the thread received at or after `at` (asked only while they type). */
  spokeSince(participantId: string, at: number): boolean {
    for (const m of this.facts.values()) if (m.originatorId === participantId && m.receivedAt !== undefined && m.receivedAt >= at) return true;
    return false;
  }

  /** Takes the state's facts under `keys` (messages that changed, or whose receipt or client id did); true if a row changed. */
  update(state: ChatState, keys: Iterable<string>): boolean {
    const rebuild = new Set<string>();
    let reorder = false;
    for (const key of keys) {
      const fact = factAt(state.messages, key);
      const inThread = fact !== undefined && belongsTo(this.snap, fact);
      const old = this.facts.get(key);
      if (!inThread) {
        if (old) {
          this.remove(key, rebuild);
          reorder = true;
        }
        continue;
      }
      if (!old) {
        this.insert(key, fact);
        reorder = true;
      } else this.facts.set(key, fact);
      this.setClient(key, fact.clientId ?? this.sources.storedClient(key), rebuild);
      rebuild.add(key);
    }
    let changed = reorder;
    for (const key of rebuild) {
      if (!this.facts.has(key)) continue;
      const old = this.rows.get(key);
      const row = this.build(key);
      this.countUnread(key);
      if (old && sameValue(old, row)) continue;
      this.rows.set(key, row);
      changed = true;
    }
    // A new array of the same row objects (pointer work only; no row built, no comparison).
    if (changed) this.ordered = this.keys.map((k) => this.rows.get(k) as MessageRow);
    return changed;
  }

  private compare(a: MessageFact, b: MessageFact): number {
    this.counters.comparisons++;
    const rank = (id: string) => this.rank.get(id) ?? this.rank.size;
    return rank(a.dialogId) - rank(b.dialogId) || compareStrings(a.dialogId, b.dialogId) || a.sequence - b.sequence;
  }

  /** Where `fact` goes (or is) in `keys`: the first index whose message does not sort before it. */
  private position(fact: MessageFact): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.facts.get(this.keys[mid] as string) as MessageFact, fact) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insert(key: string, fact: MessageFact): void {
    // Most messages arrive newest last: one comparison with the last one, then an append.
    const last = this.keys.at(-1);
    if (last === undefined || this.compare(this.facts.get(last) as MessageFact, fact) < 0) this.keys.push(key);
    else this.keys.splice(this.position(fact), 0, key);
    this.facts.set(key, fact);
  }

  private remove(key: string, rebuild: Set<string>): void {
    this.keys.splice(this.position(this.facts.get(key) as MessageFact), 1);
    this.setClient(key, undefined, rebuild);
    this.facts.delete(key);
    this.rows.delete(key);
    this.unreadKeys.delete(key);
  }

  /** Records `key`'s client id; the other messages with the old or new id may change their row key. */
  private setClient(key: string, clientId: string | undefined, rebuild: Set<string>): void {
    const old = this.clientOf.get(key);
    if (old === clientId) return;
    if (old !== undefined) {
      const list = (this.byClient.get(old) ?? []).filter((k) => k !== key);
      if (list.length > 0) this.byClient.set(old, list);
      else this.byClient.delete(old);
      for (const k of list) rebuild.add(k);
      this.clientOf.delete(key);
    }
    if (clientId === undefined) return;
    this.clientOf.set(key, clientId);
    const list = this.byClient.get(clientId) ?? [];
    for (const k of list) rebuild.add(k);
    this.byClient.set(clientId, [...list, key].sort((a, b) => this.compare(this.facts.get(a) as MessageFact, this.facts.get(b) as MessageFact)));
  }

  private build(key: string): MessageRow {
    this.counters.rows++;
    const m = this.facts.get(key) as MessageFact;
    const clientId = this.clientOf.get(key);
    // The first stored copy of a queued message keeps the optimistic bubble's key (no remount).
    const rowKey = clientId !== undefined && this.byClient.get(clientId)?.[0] === key ? `out:${clientId}` : `msg:${key}`;
    const row: MessageRow = {
      kind: 'message',
      key: rowKey,
      originator: m.originator,
      participantId: m.originatorId,
      dialogId: m.dialogId,
      sequence: m.sequence,
      at: m.at,
      body: m.body,
    };
    if (isConsumer(m, this.consumerId)) row.receipt = this.sources.receipts.agentReceipt(key) ?? ('sent' satisfies ReceiptStatus);
    if (clientId !== undefined) row.clientId = clientId;
    return row;
  }

  /** Agent content of an open dialog that no READ from the visitor covers. */
  private countUnread(key: string): void {
    const m = this.facts.get(key) as MessageFact;
    if (this.openDialogs.has(m.dialogId) && !isConsumer(m, this.consumerId) && !this.sources.receipts.readByVisitor(key)) this.unreadKeys.add(key);
    else this.unreadKeys.delete(key);
  }
}
