// Control API actions for content beyond plain text (docs/stand-in.md): a hosted file with a caption,
// structured (rich) content, a bulk send of many messages, and an agent's nickname.
import type { ContentEvent, RichContentEvent } from '../../src/liveperson/wire';
import type { StandInContext } from '../context';
import { Errors, Refusal } from '../errors';
import type { Account } from '../state/accounts';
import { publish } from '../state/events';
import { MAX_FILE_BYTES, swiftOf } from '../state/swift';
import type { Conversation } from '../state/model';
import { isObj, oneOf, type Obj } from '../ws/fields';
import type { Timers } from '../timers';
import { openMain, roleIn } from './agentRole';
import { accountOf, agentOf, bodyObj } from './params';
import { json, readJson, route, type Route } from './router';
import { agentView } from './views';

/** An action of `POST …/conversations/{id}/{action}`; `timers` are the server's (cancelled when it stops). */
export type ControlAction = (account: Account, conv: Conversation, b: Obj, now: number, timers: Timers) => unknown;

/** The most messages one bulk request may add. */
export const MAX_BULK = 20_000;

/** The longest pause between two paced bulk messages, and the longest a paced bulk may last. */
const MAX_BULK_EVERY_MS = 1_000;
const MAX_BULK_SPAN_MS = 60_000;

function boundedText(v: unknown, name: string, max: number, allowEmpty = false): string {
  if (typeof v !== 'string' || v.length > max || (!allowEmpty && v.trim() === '')) {
    throw new Refusal(400, Errors.badField(name, `a ${allowEmpty ? '' : 'non-empty '}string of at most ${max} characters`));
  }
  return v;
}

function fileBytes(v: unknown): Buffer {
  const bytes = typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? Buffer.from(v, 'base64') : undefined;
  if (!bytes || bytes.length === 0 || bytes.length > MAX_FILE_BYTES) throw new Refusal(400, Errors.badField('data', `the file's bytes in base64, at most ${MAX_FILE_BYTES} bytes`));
  return bytes;
}

export const contentActions = {
  /**
   * `{agentId, caption, fileType?, relativePath?, data?}` → a hosted/file ContentEvent. With `data` (the
   * file's bytes in base64, at most 3 MB) the file is stored in the swift store, where the visitor can
   * download it (ms.GenerateURLForDownloadFile).
   */
  file: (account, conv, b, now) => {
    const agent = agentOf(account, b.agentId);
    const caption = boundedText(b.caption ?? '', 'caption', 5000, true);
    const fileType = b.fileType === undefined ? 'PNG' : oneOf(b.fileType, ['IMG', 'JPG', 'PNG', 'GIF', 'TXT', 'PDF'], 'fileType');
    const relativePath =
      b.data !== undefined
        ? swiftOf(account).putFromAgent(account.id, fileType, fileBytes(b.data))
        : b.relativePath === undefined
          ? `/v1/files/${account.id}/${now}.${fileType.toLowerCase()}`
          : boundedText(b.relativePath, 'relativePath', 2048);
    const event: ContentEvent = { type: 'ContentEvent', contentType: 'hosted/file', message: { caption, relativePath, fileType } };
    const stored = publish(account, conv, openMain(conv), { originatorId: agent.id, role: roleIn(conv, agent), event }, now);
    return { sequence: stored?.sequence, relativePath };
  },
  /**
   * `{relativePath}` → a signed GET URL `{relativePath, queryParams}` for a file shared in this
   * conversation: the agent's view of the files (the console shows the visitor's). [INF] LivePerson's
   * agent workspace reads its storage in ways not public; this is the stand-in's own control path,
   * answering what ms.GenerateURLForDownloadFile answers.
   */
  'file-url': (account, conv, b) => {
    const relativePath = boundedText(b.relativePath, 'relativePath', 2048);
    const shared = conv.dialogs.some((d) => d.events.some((e) => isObj(e.event) && e.event.contentType === 'hosted/file' && isObj(e.event.message) && e.event.message.relativePath === relativePath));
    const url = shared ? swiftOf(account).downloadUrl(relativePath) : undefined;
    if (!url) throw new Refusal(404, Errors.badField('relativePath', 'the path of a file stored in this conversation'));
    return url;
  },
  /** `{agentId, content}` → a RichContentEvent with that structured content (a JSON object). */
  rich: (account, conv, b, now) => {
    const agent = agentOf(account, b.agentId);
    if (!isObj(b.content)) throw new Refusal(400, Errors.badField('content', 'a JSON object'));
    const event: RichContentEvent = { type: 'RichContentEvent', content: b.content };
    const stored = publish(account, conv, openMain(conv), { originatorId: agent.id, role: roleIn(conv, agent), event }, now);
    return { sequence: stored?.sequence };
  },
  /** `{agentId, count, text?}` → `count` text messages "<text> 1" … "<text> N", delivered in batches. */
  /**
   * `{agentId, count, text?, everyMs?}`: `count` text messages. At once (everyMs 0, the default): in
   * notifications of at most 500 changes. Paced (everyMs > 0): message i is stored and notified on
   * its own at i × everyMs ms from now, as a live burst of agent messages arrives (late timers catch
   * up, still one notification each); the answer comes when the last is stored.
   */
  bulk: (account, conv, b, now, timers) => {
    const agent = agentOf(account, b.agentId);
    const count = b.count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_BULK) {
      throw new Refusal(400, Errors.badField('count', `an integer from 1 to ${MAX_BULK}`));
    }
    const prefix = b.text === undefined ? 'Message' : boundedText(b.text, 'text', 1000);
    const everyMs = b.everyMs ?? 0;
    if (typeof everyMs !== 'number' || !Number.isFinite(everyMs) || everyMs < 0 || everyMs > MAX_BULK_EVERY_MS || everyMs * count > MAX_BULK_SPAN_MS) {
      throw new Refusal(400, Errors.badField('everyMs', `a number from 0 to ${MAX_BULK_EVERY_MS}, with everyMs × count at most ${MAX_BULK_SPAN_MS}`));
    }
    const dialog = openMain(conv);
    const role = roleIn(conv, agent);
    const sequences: number[] = [];
    const store = (i: number, at: number) => {
      const event: ContentEvent = { type: 'ContentEvent', contentType: 'text/plain', message: `${prefix} ${i}` };
      const stored = publish(account, conv, dialog, { originatorId: agent.id, role, event }, at);
      if (stored) sequences.push(stored.sequence);
    };
    const answer = () => ({ first: sequences[0], last: sequences.at(-1), count: sequences.length });
    if (everyMs === 0) {
      account.batch(() => {
        for (let i = 1; i <= count; i++) store(i, now);
      });
      return answer();
    }
    return new Promise<ReturnType<typeof answer>>((resolve) => {
      const start = performance.now();
      let next = 1;
      const tick = () => {
        const due = Math.floor((performance.now() - start) / everyMs) + 1;
        while (next <= count && next <= due && conv.stage === 'OPEN') store(next++, Date.now());
        if (next > count || conv.stage !== 'OPEN') resolve(answer());
        else timers.after(Math.max(0, (next - 1) * everyMs - (performance.now() - start)), tick);
      };
      tick();
    });
  },
} satisfies Record<string, ControlAction>;

/** `PUT /agent/api/{account}/agents/{agentId}` `{nickname}`: what the profile API returns from then on. */
export function agentProfileRoute(ctx: StandInContext): Route {
  return route('PUT', /^\/agent\/api\/([^/]+)\/agents\/([^/]+)$/, async (req, res, [a, agentId]) => {
    const account = accountOf(ctx, a);
    const agent = agentOf(account, agentId);
    const b = bodyObj(await readJson(req));
    agent.nickname = boundedText(b.nickname, 'nickname', 200);
    json(res, 200, agentView(agent));
  });
}
