// The Genesys side's control API (/agent/api/genesys/…): its faults (restart the Bayeux servers,
// delay deliveries, drop the long polls, kick a visitor) and the stand-in's transcripts.
import { Errors, Refusal } from '../errors';
import { bodyObj } from '../http/params';
import { json, readJson, route, type Route } from '../http/router';
import { int } from '../ws/fields';
import type { BayeuxEndpoint } from './bayeux';
import type { Chat, GenesysChats } from './chats';

export interface GenesysEndpoints {
  gms: BayeuxEndpoint;
  gws: BayeuxEndpoint;
}

type Which = 'gms' | 'gws' | 'both';

/** The stand-in's own record of a chat, as GET /agent/api/genesys/chats answers it: every participant and the whole transcript. */
export function standInChatView(c: Chat) {
  return {
    id: c.id,
    service: c.service,
    state: c.state,
    ended: c.ended,
    participants: c.participants.map((p) => ({ nickname: p.nickname, type: p.kind, present: p.present })),
    transcript: c.transcript.map((t) => ({ index: t.index, type: t.type, from: t.from.nickname, text: t.text, url: t.url, visibility: t.visibility })),
  };
}

export type StandInChatView = ReturnType<typeof standInChatView>;

function endpointsOf(e: GenesysEndpoints, which: unknown): BayeuxEndpoint[] {
  const w: Which = which === undefined ? 'both' : (which as Which);
  if (w !== 'gms' && w !== 'gws' && w !== 'both') throw new Refusal(400, Errors.badField('which', 'gms|gws|both'));
  return w === 'both' ? [e.gms, e.gws] : [e[w]];
}

export function genesysControlRoutes(e: GenesysEndpoints, chats: GenesysChats): Route[] {
  const snapshot = () => ({ delayMs: e.gms.delay });
  return [
    route('GET', /^\/agent\/api\/genesys\/faults$/, (_req, res) => json(res, 200, snapshot())),
    route('PUT', /^\/agent\/api\/genesys\/faults$/, async (req, res) => {
      const b = bodyObj(await readJson(req));
      if (b.delayMs !== undefined) {
        const d = int(b.delayMs, 'delayMs');
        if (d < 0 || d > 60_000) throw new Refusal(400, Errors.badField('delayMs', 'an integer 0..60000'));
        for (const x of [e.gms, e.gws]) x.setDelay(d);
      }
      json(res, 200, snapshot());
    }),
    route('DELETE', /^\/agent\/api\/genesys\/faults$/, (_req, res) => {
      for (const x of [e.gms, e.gws]) x.setDelay(0);
      json(res, 200, snapshot());
    }),
    // A node failover: a fresh Bayeux server behind the same port; every session becomes unknown.
    route('POST', /^\/agent\/api\/genesys\/faults\/restart$/, async (req, res) => {
      const targets = endpointsOf(e, bodyObj(await readJson(req)).which);
      for (const x of targets) x.restart();
      json(res, 200, { restarted: targets.map((x) => x.name) });
    }),
    route('POST', /^\/agent\/api\/genesys\/faults\/drop-long-poll$/, async (req, res) => {
      const targets = endpointsOf(e, bodyObj(await readJson(req)).which);
      json(res, 200, { dropped: targets.reduce((n, x) => n + x.dropLongPolls(), 0) });
    }),
    // The server disconnects the visitor's Bayeux session (/meta/disconnect to the client).
    route('POST', /^\/agent\/api\/genesys\/chats\/([^/]+)\/kick$/, (_req, res, [id]) => {
      const chat = id === undefined ? undefined : chats.find(id);
      if (!chat) throw new Refusal(404, Errors.notFound);
      const session = chat.visitorSession === undefined ? undefined : e.gms.session(chat.visitorSession);
      session?.disconnect();
      json(res, 200, { kicked: session !== undefined });
    }),
    // The stand-in's own record, for tests and the chaos run: every chat with its whole transcript.
    route('GET', /^\/agent\/api\/genesys\/chats$/, (req, res) => {
      const service = new URL(req.url ?? '/', 'http://x').searchParams.get('service');
      const list = chats.all().filter((c) => service === null || c.service === service);
      json(res, 200, list.map(standInChatView));
    }),
  ];
}
