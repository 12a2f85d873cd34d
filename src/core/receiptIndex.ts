// The receipts as the view needs them, kept incrementally: per message (eventKey of dialog and
// sequence), the highest agent-side receipt ('read' implies delivered) and whether the visitor has
// READ it. Patched with the receipt facts that changed; says which messages that touched.
import { isConsumer } from './conversation';
import { eventKey } from './state';
import type { ChatState, ReceiptFact } from './state';
import { factAt } from './factTable';

export class ReceiptIndex {
  /** receipt key → the fact last applied. */
  private readonly facts = new Map<string, ReceiptFact>();
  /** message key → agent receipt keys that say 'read' / say 'delivered' (accept) of it. */
  private readonly agentRead = new Map<string, Set<string>>();
  private readonly agentAccept = new Map<string, Set<string>>();
  /** message key → the visitor's READ receipt keys of it. */
  private readonly consumerRead = new Map<string, Set<string>>();

  constructor(private readonly consumerId: string | undefined) {}

  /** Applies the receipt facts under `keys` as the state now has them; returns the message keys touched. */
  update(state: ChatState, keys: Iterable<string>): Set<string> {
    const touched = new Set<string>();
    for (const key of keys) {
      const old = this.facts.get(key);
      const next = factAt(state.receipts, key);
      if (old === next) continue;
      if (old) this.apply(key, old, false, touched);
      if (next) {
        this.facts.set(key, next);
        this.apply(key, next, true, touched);
      } else this.facts.delete(key);
    }
    return touched;
  }

  /** How many receipt facts it holds. */
  get size(): number {
    return this.facts.size;
  }

  /** The agent side's receipt of a message, if any. */
  agentReceipt(messageKey: string): 'delivered' | 'read' | undefined {
    if (this.agentRead.get(messageKey)?.size) return 'read';
    return this.agentAccept.get(messageKey)?.size ? 'delivered' : undefined;
  }

  readByVisitor(messageKey: string): boolean {
    return (this.consumerRead.get(messageKey)?.size ?? 0) > 0;
  }

  private apply(key: string, r: ReceiptFact, add: boolean, touched: Set<string>): void {
    const mine = isConsumer(r, this.consumerId);
    const table = mine ? (r.status === 'read' ? this.consumerRead : undefined) : r.status === 'read' ? this.agentRead : r.status === 'accept' ? this.agentAccept : undefined;
    if (!table) return;
    for (const sequence of r.sequences) {
      const messageKey = eventKey(r.dialogId, sequence);
      touched.add(messageKey);
      let set = table.get(messageKey);
      if (add) {
        if (!set) table.set(messageKey, (set = new Set()));
        set.add(key);
      } else {
        set?.delete(key);
        if (set?.size === 0) table.delete(messageKey);
      }
    }
  }
}
