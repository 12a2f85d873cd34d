// A tab's own actions that no leader has answered yet (tabsSession.ts): what the visitor did in this
// tab, kept until the leader (this tab or another) said it was done, and handed to every new leader.
// Its messages are also kept in this tab's sessionStorage, so that a reload of a follower (or a
// leader that lost the lead) during a handover loses nothing (those this tab's own session took are
// in that session's outbox storage instead, as in a single tab); and shown as pending bubbles for as long
// as the leader's snapshot does not have them. A file the tab picked is kept in memory only (its
// bytes), and shown by the leader's session as soon as that has it.
import type { MessageRow } from '../../core/timeline';
import type { TimelineRow } from '../../core/model';
import type { KeyValueStore } from '../../platform/storage';
import { decodePendingMessage, type PendingMessage } from './protocol';
import { FORWARDED, type ForwardedMethod } from './methods';

export interface PendingCall {
  id: string;
  method: ForwardedMethod;
  args: unknown[];
  /** For messages: the client id and when it was typed. */
  message?: PendingMessage;
  resolve(value: unknown): void;
  reject(error: Error): void;
  /** How many leaders it was given to (an end answered "nothing to end" by the second one was done by the first). */
  deliveries: number;
  /** This tab's own session has it (and keeps it in its own outbox storage): not saved here twice. */
  local?: boolean;
}

/** A visitor's text message or quick reply (a file's bytes stay in memory: never saved, never shown as text). */
const isMessage = (c: PendingCall): c is PendingCall & { message: PendingMessage } => c.message !== undefined && FORWARDED[c.method] === 'message';

export const pendingKey = (key: string) => `parley:${key}:tabs-pending`;
const MAX_KEPT = 200;

export function createPendingCalls(store: KeyValueStore, key: string, onChange: () => void) {
  const calls = new Map<string, PendingCall>();
  const storageKey = pendingKey(key);
  const save = () => {
    // A retry is kept as the message it sends again (a new leader may not know it failed).
    const messages = [...calls.values()].flatMap((c) => (isMessage(c) && !c.local ? [{ ...c.message, ...(c.method === 'retry' ? { method: 'send', args: [c.message.text] } : { method: c.method, args: c.args }) }] : []));
    if (messages.length === 0) store.remove(storageKey);
    else store.set(storageKey, JSON.stringify(messages.slice(0, MAX_KEPT)));
  };
  const changed = () => {
    save();
    onChange();
  };
  return {
    values: () => [...calls.values()],
    add(call: PendingCall) {
      calls.set(call.id, call);
      // Only a message is saved and shown: another call (markSeen, typing) changes nothing to see.
      if (isMessage(call)) changed();
    },
    /** This tab's own session took the call (true), or stopped (false: the call is this tab's to keep again). */
    setLocal(call: PendingCall, local: boolean) {
      if (call.local === local || !calls.has(call.id)) return;
      call.local = local;
      save();
    },
    has: (clientId: string) => [...calls.values()].some((c) => c.message?.clientId === clientId),
    /** Removes the call (it was answered); returns it, or undefined when it was not pending. */
    take(id: string): PendingCall | undefined {
      const call = calls.get(id);
      if (call) {
        calls.delete(id);
        if (isMessage(call)) changed();
      }
      return call;
    },
    /** What an earlier page of this tab left: its messages, as (clientId, method, args) to add again. */
    restore(): Array<{ message: PendingMessage; method: 'send' | 'chooseQuickReply'; args: unknown[] }> {
      let parsed: unknown;
      try {
        parsed = JSON.parse(store.get(storageKey) ?? '[]');
      } catch {
        parsed = [];
      }
      if (!Array.isArray(parsed)) return [];
      return parsed.slice(0, MAX_KEPT).flatMap((item: unknown) => {
        const o = item as Record<string, unknown> | null;
        if (typeof o !== 'object' || o === null) return [];
        const message = decodePendingMessage(o);
        const { method, args } = o;
        if (!message || (method !== 'send' && method !== 'chooseQuickReply') || !Array.isArray(args)) return [];
        return [{ message, method, args }];
      });
    },
    /** Pending bubbles for this tab's messages that `timeline` does not have yet (this tab's own session shows those it took). */
    overlay(timeline: readonly TimelineRow[], participantId: string): MessageRow[] {
      // Asked on every change: nothing to look for (nearly always) costs nothing, however long the timeline.
      if (![...calls.values()].some((c) => isMessage(c) && !c.local)) return [];
      const shown = new Set<string>();
      for (const row of timeline) if (row.kind === 'message' && row.clientId !== undefined) shown.add(row.clientId);
      return [...calls.values()].flatMap((c) =>
        isMessage(c) && !c.local && !shown.has(c.message.clientId)
          ? [{ kind: 'message' as const, key: `out:${c.message.clientId}`, originator: 'consumer' as const, participantId, at: c.message.createdAt, body: { kind: 'text' as const, text: c.message.text }, receipt: 'pending' as const, clientId: c.message.clientId }]
          : [],
      );
    },
  };
}
