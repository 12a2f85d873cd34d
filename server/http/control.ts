// The agent control API (/agent/api/{account}/…): what an agent workspace would do, over HTTP.
import type { ContentEvent } from '../../src/liveperson/wire';
import type { Welcome } from '../state/accounts';
import { quickReplies } from '../state/quickReplies';
import type { StandInContext } from '../context';
import { Errors, Refusal } from '../errors';
import { missingSequence, publish } from '../state/events';
import { accept, addManager, backToQueue, closeConversation, seedClosedHistory, transferToAgent, transferToSkill } from '../state/lifecycle';
import { openMain, roleIn } from './agentRole';
import { DOCUMENT_TYPES, UPLOAD_TYPES } from '../state/swift';
import { agentProfileRoute, contentActions, type ControlAction } from './controlContent';
import { canSurvey, startSurvey } from '../state/survey';
import { PARTICIPANTS_FORMATS, RESPONSE_TYPES } from '../state/variants';
import { int, list, oneOf, optList } from '../ws/fields';
import { accountOf, agentOf, bodyObj, conversationOf } from './params';
import { json, readJson, route, type Route } from './router';
import { agentView, conversationList, detail, summary } from './views';

/** The welcome setting: null, or `{text, quickReplies?}` (1–5,000 characters; up to 8 titles of 1–128). */
function welcomeSetting(x: unknown): Welcome | null {
  if (x === null) return null;
  if (typeof x !== 'object' || Array.isArray(x)) throw new Refusal(400, Errors.badField('welcome', 'null or {text, quickReplies?}'));
  const w = x as Record<string, unknown>;
  const t = text(w.text, 'welcome.text');
  if (t.length > 5_000) throw new Refusal(400, Errors.badField('welcome.text', 'at most 5,000 characters'));
  const titles = optList(w.quickReplies, 'welcome.quickReplies', (q, name) => text(q, name));
  if (titles && (titles.length > 8 || titles.some((q) => q.length > 128))) throw new Refusal(400, Errors.badField('welcome.quickReplies', 'up to 8 titles of at most 128 characters'));
  return titles && titles.length > 0 ? { text: t, quickReplies: titles } : { text: t };
}

const text = (x: unknown, name: string): string => {
  if (typeof x !== 'string' || x.trim().length === 0) throw new Refusal(400, Errors.badField(name, 'a non-empty string'));
  return x;
};

const actions = {
  ...contentActions,
  accept: (account, conv, b, now) => (accept(account, conv, agentOf(account, b.agentId).id, now), summary(conv)),
  typing: (account, conv, b, now) => {
    const agent = agentOf(account, b.agentId);
    const chatState = oneOf(b.state, ['COMPOSING', 'ACTIVE', 'PAUSE'], 'state');
    publish(account, conv, openMain(conv), { originatorId: agent.id, role: roleIn(conv, agent), event: { type: 'ChatStateEvent', chatState } }, now);
    return { ok: true };
  },
  messages: (account, conv, b, now) => {
    const agent = agentOf(account, b.agentId);
    const replies = optList(b.quickReplies, 'quickReplies', text);
    const audience = b.audience === undefined ? 'ALL' : oneOf(b.audience, ['ALL', 'AGENTS_AND_MANAGERS'], 'audience');
    const event: ContentEvent = { type: 'ContentEvent', contentType: 'text/plain', message: text(b.text, 'text') };
    if (replies?.length) event.quickReplies = quickReplies(replies.slice(0, 24));
    const stored = publish(account, conv, openMain(conv), { originatorId: agent.id, role: roleIn(conv, agent), event, audience }, now);
    return { sequence: stored?.sequence };
  },
  receipts: (account, conv, b, now) => {
    const agent = agentOf(account, b.agentId);
    const status = oneOf(b.status, ['ACCEPT', 'READ'], 'status');
    const sequenceList = list(b.sequences, 'sequences', int);
    const dialog = openMain(conv);
    const missing = missingSequence(dialog, sequenceList);
    if (missing !== undefined) throw new Refusal(400, Errors.unknownSequence(missing));
    const event = { type: 'AcceptStatusEvent' as const, status, sequenceList };
    const stored = publish(account, conv, dialog, { originatorId: agent.id, role: roleIn(conv, agent), event }, now);
    return { sequence: stored?.sequence };
  },
  transfer: (account, conv, b, now) => {
    if (typeof b.skillId === 'string' && b.skillId.length > 0) transferToSkill(account, conv, b.skillId, now);
    else if (b.agentId !== undefined) transferToAgent(account, conv, agentOf(account, b.agentId).id, now);
    else throw new Refusal(400, Errors.badField('body', '{skillId} or {agentId}'));
    return summary(conv);
  },
  'back-to-queue': (account, conv, _b, now) => (backToQueue(account, conv, now), summary(conv)),
  manager: (account, conv, b, now) => {
    const agent = agentOf(account, b.agentId);
    if (agent.role !== 'manager') throw new Refusal(400, Errors.notManager(agent.nickname));
    addManager(account, conv, agent.id, now);
    return summary(conv);
  },
  close: (account, conv, b, now) => {
    if (b.survey !== undefined && typeof b.survey !== 'boolean') throw new Refusal(400, Errors.badField('survey', 'a boolean'));
    if (conv.stage === 'CLOSE') throw new Refusal(409, Errors.alreadyClosed);
    if (b.survey === true && canSurvey(account, conv)) startSurvey(account, conv, 'AGENT', now);
    else closeConversation(account, conv, 'AGENT', now);
    return summary(conv);
  },
} satisfies Record<string, ControlAction>;

export type ControlActionName = keyof typeof actions;
/** What each `POST …/conversations/{id}/{action}` answers. */
export type ControlActionResults = { [K in ControlActionName]: Awaited<ReturnType<(typeof actions)[K]>> };

/** The longest closed-conversation retention (a day); 0 keeps them for ever. */
const MAX_RETENTION_MS = 86_400_000;

/** The most closed conversations one closed-history request may create. */
const MAX_SEEDED = 5_000;

export function controlRoutes(ctx: StandInContext): Route[] {
  const base = '^\\/agent\\/api\\/([^/]+)';
  return [
    agentProfileRoute(ctx),
    route('GET', new RegExp(`${base}\\/agents$`), (_req, res, [a]) => {
      json(res, 200, accountOf(ctx, a).agents.map(agentView));
    }),
    route('GET', new RegExp(`${base}\\/conversations$`), (_req, res, [a]) => json(res, 200, conversationList(accountOf(ctx, a)))),
    route('GET', new RegExp(`${base}\\/conversations\\/([^/]+)$`), (_req, res, [a, c]) => {
      json(res, 200, detail(conversationOf(accountOf(ctx, a), c)));
    }),
    route('POST', new RegExp(`${base}\\/conversations\\/([^/]+)\\/([a-z-]+)$`), async (req, res, [a, c, name = '']) => {
      const action = Object.hasOwn(actions, name) ? actions[name as ControlActionName] : undefined;
      if (!action) throw new Refusal(404, Errors.notFound);
      const account = accountOf(ctx, a);
      const conv = conversationOf(account, c);
      json(res, 200, await action(account, conv, bodyObj(await readJson(req)), Date.now(), ctx.timers));
    }),
    // Test data: `{count}` (1–5,000) closed conversations of the consumer, older than any open one.
    route('POST', new RegExp(`${base}\\/consumers\\/([^/]+)\\/closed-history$`), async (req, res, [a, consumerId = '']) => {
      const count = int(bodyObj(await readJson(req)).count, 'count');
      if (count < 1 || count > MAX_SEEDED) throw new Refusal(400, Errors.badField('count', `a whole number from 1 to ${MAX_SEEDED}`));
      json(res, 200, { created: seedClosedHistory(accountOf(ctx, a), consumerId, count, Date.now()) });
    }),
    route('GET', new RegExp(`${base}\\/settings$`), (_req, res, [a]) => json(res, 200, accountOf(ctx, a).settings)),
    route('PUT', new RegExp(`${base}\\/settings$`), async (req, res, [a]) => {
      const account = accountOf(ctx, a);
      const b = bodyObj(await readJson(req));
      // Checked whole before any is applied: a refused request changes nothing.
      const next = { ...account.settings };
      if (b.welcome !== undefined) next.welcome = welcomeSetting(b.welcome);
      for (const key of ['autoReceipts', 'survey', 'urgent', 'notificationsFirst', 'fileSharing'] as const) {
        if (b[key] === undefined) continue;
        if (typeof b[key] !== 'boolean') throw new Refusal(400, Errors.badField(key, 'a boolean'));
        next[key] = b[key];
      }
      if (b.fileTypes !== undefined) {
        const known: readonly string[] = [...UPLOAD_TYPES, ...DOCUMENT_TYPES];
        if (!Array.isArray(b.fileTypes) || !b.fileTypes.every((t) => typeof t === 'string' && known.includes(t))) {
          throw new Refusal(400, Errors.badField('fileTypes', `a list of ${known.join(', ')}`));
        }
        next.fileTypes = [...new Set(b.fileTypes as string[])];
      }
      if (b.participantsFormat !== undefined) next.participantsFormat = oneOf(b.participantsFormat, PARTICIPANTS_FORMATS, 'participantsFormat');
      if (b.responseTypes !== undefined) next.responseTypes = oneOf(b.responseTypes, RESPONSE_TYPES, 'responseTypes');
      if (b.closedRetentionMs !== undefined) {
        const ms = int(b.closedRetentionMs, 'closedRetentionMs');
        if (ms < 0 || ms > MAX_RETENTION_MS) throw new Refusal(400, Errors.badField('closedRetentionMs', `a whole number of ms from 0 to ${MAX_RETENTION_MS}`));
        next.closedRetentionMs = ms;
      }
      Object.assign(account.settings, next);
      json(res, 200, account.settings);
    }),
  ];
}
