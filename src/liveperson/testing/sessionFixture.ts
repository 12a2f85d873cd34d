// The one lifecycle of the session tests against the in-process stand-in: a fresh harness before each
// test; after it every session stopped, the test's own cleanup, the harness stopped, and no schema
// problem in any frame either way. Plus the small helpers those tests share.
import { eventFields } from '../../../server/control-client';
import { afterEach, beforeEach, expect } from 'vitest';
import type { ChatSession } from '../../core/session';
import type { TimelineRow } from '../../core/model';
import type { ParleyConfig } from '../config';
import { outboxKey } from '../outboxStorage';
import { createLivePersonSession, type LivePersonSessionDeps } from '../session';
import { MemoryStorage } from '../../platform/storage';
import { eventually, startHarness, waitForSnapshot, type Harness, type SentFrame } from './standinHarness';

export interface SessionFixtureOptions {
  /** The deps every session of the file gets (a test's own deps win); default: one tab, random 0.5. */
  deps?: () => LivePersonSessionDeps;
  /** Runs after the sessions stopped and before the harness stops (e.g. a restarted stand-in). */
  cleanup?: () => Promise<void> | void;
  /** Options of every test's stand-in (e.g. a short swiftTtlMs). */
  standIn?: Parameters<typeof startHarness>[0];
}

export interface SessionFixture {
  /** The current test's harness (the same object in every test; it reaches the harness of the test running). */
  h: Harness;
  /** A session on the stand-in, stopped after the test, not yet started. */
  create(config: Omit<ParleyConfig, 'csds'>, deps?: LivePersonSessionDeps): ChatSession;
  /** create() and start(). */
  open(account: string, deps?: LivePersonSessionDeps): ChatSession;
  /** The ms.PublishEvent frames the client sent with this text. */
  published(text: string): SentFrame[];
  /** The receipts (AcceptStatusEvent) the client sent. */
  receiptsSent(): SentFrame[];
  /** The texts the consumer stored in a conversation, all its dialogs in order, as the control API shows them. */
  consumerTexts(account: string, conversationId: string): Promise<unknown[]>;
  /** The stand-in's agent Dana accepts the conversation; her participant id. */
  danaAccepts(account: string, conversationId: string): Promise<string>;
  /** An authenticated consumer token from the stand-in's IdP for this auth code. */
  authenticate(account: string, authCode: string): Promise<string>;
  /** The page goes away after sending `text`: the server stored it, its response never arrived (the outbox keeps it). */
  leaveUnanswered(session: ChatSession, account: string, conversationId: string, text: string): Promise<void>;
  /** In tab `t`, a conversation started with "first", then "in flight" left unanswered (the tab's outbox holds it); its id. */
  inFlightInTab(account: string, t: Tab): Promise<string>;
  /** A session whose conversation Dana accepted and closed with the survey (asked next); with its id. */
  surveyAsked(account: string): Promise<{ session: ChatSession; conversationId: string }>;
  /** A new visitor on a new account, in a tab of its own (kept for a reload), starts a conversation with `text`. */
  startInTab(text: string): Promise<{ account: string; t: Tab; session: ChatSession; conversationId: string }>;
}

/** One browser tab: its localStorage (the anonymous identity) and its sessionStorage (the outbox). */
export const tab = () => ({ storage: new MemoryStorage(), sessionStorage: new MemoryStorage() });
export type Tab = ReturnType<typeof tab>;

export type MessageRow = Extract<TimelineRow, { kind: 'message' }>;
export const texts = (timeline: TimelineRow[]) => timeline.flatMap((r) => (r.kind === 'message' && r.body.kind === 'text' ? [r.body.text] : []));
/** The visitor's own text message. */
export const mine = (timeline: TimelineRow[], text: string): MessageRow | undefined =>
  timeline.find((r): r is MessageRow => r.kind === 'message' && r.body.kind === 'text' && r.body.text === text && r.originator === 'consumer');
export const online = (s: ChatSession) => waitForSnapshot(s, (x) => x.connection.status === 'online');
/** Waits until the session is online, sends its first message and returns the conversation that started. */
export async function startConversation(session: ChatSession, text: string): Promise<string> {
  await online(session);
  await session.send(text);
  return session.getSnapshot().chat.conversationId as string;
}


/** Registers the lifecycle hooks of the calling test file and returns its fixture. */
export function sessionFixture(options: SessionFixtureOptions = {}): SessionFixture {
  const defaults = options.deps ?? (() => ({ ...tab(), random: () => 0.5 }));
  let current: Harness | undefined;
  const sessions: ChatSession[] = [];
  const live = (): Harness => {
    if (!current) throw new Error('the session fixture is used outside a test');
    return current;
  };

  beforeEach(async () => {
    current = await startHarness(options.standIn);
  });
  afterEach(async () => {
    for (const s of sessions.splice(0)) s.stop();
    await options.cleanup?.();
    await live().stop();
    expect(live().schemaProblems).toEqual([]); // every frame sent and received matches LivePerson's schemas
  });

  const h: Harness = {
    get standIn() {
      return live().standIn;
    },
    get sent() {
      return live().sent;
    },
    get log() {
      return live().log;
    },
    get schemaProblems() {
      return live().schemaProblems;
    },
    get WebSocket() {
      return live().WebSocket;
    },
    account: () => live().account(),
    control: (account) => live().control(account),
    get faults() {
      return live().faults;
    },
    inject: (text) => live().inject(text),
    stop: () => live().stop(),
  };

  const create = (config: Omit<ParleyConfig, 'csds'>, deps: LivePersonSessionDeps = {}): ChatSession => {
    const session = createLivePersonSession({ ...config, csds: h.standIn.url }, { WebSocket: h.WebSocket, ...defaults(), ...deps });
    sessions.push(session);
    return session;
  };

  const consumerTexts = async (account: string, conversationId: string) => {
    const d = await h.control(account).conversation(conversationId);
    return Object.values(d.transcript).flat().filter((e) => e.role === 'CONSUMER' && e.event.type === 'ContentEvent').map((e) => eventFields(e).message);
  };

  const open = (account: string, deps?: LivePersonSessionDeps) => {
    const session = create({ account }, deps);
    session.start();
    return session;
  };

  const danaAccepts = async (account: string, conversationId: string) => {
    const dana = (await h.control(account).agents()).find((a) => a.nickname === 'Dana');
    if (!dana) throw new Error(`no agent Dana in ${account}`);
    await h.control(account).accept(conversationId, dana.id);
    return dana.id;
  };

  const leaveUnanswered = async (session: ChatSession, account: string, conversationId: string, text: string) => {
    await h.faults.set({ delayMs: 3_000 });
    session.send(text).catch(() => undefined);
    await eventually(async () => (await consumerTexts(account, conversationId)).includes(text), 5_000, 'stored');
    session.stop(); // the response never arrives
    await h.faults.clear();
  };

  return {
    h,
    create,
    open,
    published: (text) => h.sent.filter((f) => f.type === 'ms.PublishEvent' && (f.body?.event as { message?: string }).message === text),
    receiptsSent: () => h.sent.filter((f) => (f.body?.event as { type?: string } | undefined)?.type === 'AcceptStatusEvent'),
    consumerTexts,
    danaAccepts,
    async authenticate(account, authCode) {
      const response = await fetch(`${h.standIn.url}/api/account/${account}/authenticate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ authCode }),
      });
      return ((await response.json()) as { jwt: string }).jwt;
    },
    leaveUnanswered,
    async inFlightInTab(account, t) {
      const session = open(account, t);
      const c = await startConversation(session, 'first');
      await leaveUnanswered(session, account, c, 'in flight');
      expect(JSON.parse(t.sessionStorage.getItem(outboxKey(account)) as string).messages).toHaveLength(1);
      return c;
    },
    async surveyAsked(account) {
      const session = open(account);
      const conversationId = await startConversation(session, 'Help please');
      await danaAccepts(account, conversationId);
      await h.control(account).close(conversationId, true);
      return { session, conversationId };
    },
    async startInTab(text) {
      const account = h.account();
      const t = tab();
      const session = open(account, t);
      const conversationId = await startConversation(session, text);
      return { account, t, session, conversationId };
    },
  };
}
