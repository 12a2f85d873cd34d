// What a tab offers its UI (the ChatSession methods besides start, stop, getSnapshot and subscribe):
// each one a call that the tabs session (tabsSession.ts) gives to whichever tab leads, as methods.ts
// says it crosses. A message gets its client id and text here, in the tab where it was typed, so that
// it can be kept, shown as pending, and handed over; a file gets its client id here too. The earlier
// conversations this tab shows are counted here and shared as this tab's state.
import { sessionError, type ChatSession } from '../../core/session';
import type { QuickReplyOption, TimelineRow } from '../../core/model';
import type { FilePolicy, UploadProgress, VisitorFiles } from '../../core/files';
import { clientIdOfRow } from '../../core/timeline';
import { FORWARDED, type ForwardedMethod, type StateMethod } from './methods';
import type { PendingMessage } from './protocol';

/** What the methods need of the tabs session. */
export interface TabCalls {
  /** Gives the call to the leader (this tab or another) and keeps it until answered. */
  enqueue(method: ForwardedMethod, args: unknown[], message?: PendingMessage): Promise<unknown>;
  stopped(): boolean;
  /** The timeline this tab shows. */
  timeline(): readonly TimelineRow[];
  newClientId(): string;
  now(): number;
  /** This tab's latest value of a 'state' method changed. */
  setState(method: StateMethod, value: boolean): void;
  /** The earlier conversations this tab shows changed. */
  setEarlier(conversationIds: string[]): void;
  /** The leader's file sharing, as this tab knows it. */
  files: { policy(): FilePolicy | undefined; progress(clientId: string): UploadProgress | undefined; subscribe(listener: () => void): () => void };
}

export interface TabOffers {
  markUrgent?: boolean;
  earlier?: boolean;
  files?: boolean;
}

const stoppedError = () => sessionError('stopped', 'The chat session stopped');

export function tabMethods(tab: TabCalls, offers: TabOffers = {}): Partial<ChatSession> {
  const methods: Record<string, unknown> = {};
  const own = new Map<StateMethod, boolean>();
  const call = (method: ForwardedMethod, args: unknown[], message?: PendingMessage) => (tab.stopped() ? Promise.reject(stoppedError()) : tab.enqueue(method, args, message));

  for (const method of Object.keys(FORWARDED) as ForwardedMethod[]) {
    const kind = FORWARDED[method];
    if (method === 'start' || method === 'openEarlier' || method === 'cancelFile' || kind === 'file') continue;
    if (kind === 'state') {
      const state = method as StateMethod;
      methods[method] = (value: boolean) => {
        if ((own.get(state) ?? false) === value) return;
        own.set(state, value);
        tab.setState(state, value);
      };
    } else if (kind === 'message') {
      methods[method] = (...args: unknown[]) => {
        if (tab.stopped()) return Promise.reject(stoppedError());
        const clientId = method === 'retry' ? clientIdOfRow(tab.timeline(), String(args[0])) : tab.newClientId();
        const text = clientId === undefined ? '' : method === 'retry' ? rowText(tab.timeline(), clientId) : messageText(method, args);
        // Checked here as the session would (empty, too long): only a message that can go out is kept.
        if (method !== 'retry' && text.trim() === '') return Promise.reject(sessionError('empty', 'A message needs some text'));
        // A retry of a row this tab cannot see goes by its row key alone.
        if (text === '' || clientId === undefined) return tab.enqueue(method, args);
        const quickReply = method === 'chooseQuickReply' ? { rowKey: String(args[0]), option: args[1] as QuickReplyOption } : undefined;
        return tab.enqueue(method, args, { clientId, text: method === 'send' ? text.trim() : text, createdAt: tab.now(), ...(quickReply ? { quickReply } : {}) });
      };
    } else {
      methods[method] = (...args: unknown[]) => call(method, args);
    }
  }
  if (offers.markUrgent !== true) delete methods.markUrgent;

  if (offers.earlier === true) {
    /** How many times each earlier conversation is open in this tab. */
    const shown = new Map<string, number>();
    methods.openEarlier = (conversationId: string) => {
      shown.set(conversationId, (shown.get(conversationId) ?? 0) + 1);
      tab.setEarlier([...shown.keys()]);
      const loaded = call('openEarlier', [conversationId]).then(() => undefined);
      loaded.catch(() => undefined); // the caller may not wait for it
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        const left = (shown.get(conversationId) ?? 1) - 1;
        if (left > 0) shown.set(conversationId, left);
        else shown.delete(conversationId);
        tab.setEarlier([...shown.keys()]);
      };
      return { loaded, close };
    };
  }

  if (offers.files === true) {
    const files: VisitorFiles = {
      policy: () => tab.files.policy(),
      send(file, sendOptions = {}) {
        if (tab.stopped()) return Promise.reject(stoppedError());
        // The file's client id is minted here, where it was picked: a second leader publishes it once.
        const message = { clientId: tab.newClientId(), text: file.name || 'file', createdAt: tab.now() };
        return tab.enqueue('sendFile', [file, sendOptions, file.name], message).then(() => undefined);
      },
      cancel(clientId) {
        void call('cancelFile', [clientId]).catch(() => undefined);
      },
      progress: (clientId) => tab.files.progress(clientId),
      subscribe: (listener) => tab.files.subscribe(listener),
    };
    methods.files = files;
  }
  return methods as Partial<ChatSession>;
}

/** The text of the visitor's message with that client id, as the timeline shows it. */
function rowText(timeline: readonly TimelineRow[], clientId: string): string {
  const row = timeline.find((r) => r.kind === 'message' && r.clientId === clientId);
  return row?.kind === 'message' && row.body.kind === 'text' ? row.body.text : '';
}

/** The text a message call sends: send(text), chooseQuickReply(rowKey, option). */
function messageText(method: string, args: unknown[]): string {
  if (method === 'send') return typeof args[0] === 'string' ? args[0] : '';
  if (method === 'chooseQuickReply') {
    const option = args[1] as { text?: unknown } | undefined;
    return typeof option?.text === 'string' ? option.text : '';
  }
  return '';
}
