// Fault injection routes (/agent/api/faults…): drop or silence sockets, expire tokens, fail/delay/shuffle frames.
import type { StandInContext } from '../context';
import { Errors, Refusal } from '../errors';
import type { FaultSettings } from '../faults';
import { int, type Obj } from '../ws/fields';
import { bodyObj } from './params';
import { json, readJson, route, type Route } from './router';

/** Close codes `ws` can send (RFC 6455 §7.4 minus the reserved ones). */
const validCloseCode = (c: number) => (c >= 1000 && c <= 1014 && c !== 1004 && c !== 1005 && c !== 1006) || (c >= 3000 && c <= 4999);

function probability(b: Obj, key: string): number | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new Refusal(400, Errors.badField(key, 'a number 0..1'));
  return v;
}

function decodeFaults(b: Obj): Partial<FaultSettings> {
  const out: Partial<FaultSettings> = {};
  if (b.failNext !== undefined) {
    const f = bodyObj(b.failNext);
    const count = int(f.count, 'failNext.count');
    if (count < 1 || (f.code !== 429 && f.code !== 500)) throw new Refusal(400, Errors.badField('failNext', '{count >= 1, code: 429|500}'));
    out.failNext = { count, code: f.code };
  }
  if (b.delayMs !== undefined) {
    const d = int(b.delayMs, 'delayMs');
    if (d < 0 || d > 60_000) throw new Refusal(400, Errors.badField('delayMs', 'an integer 0..60000'));
    out.delayMs = d;
  }
  for (const key of ['notifyBeforeResponse', 'refuseSockets', 'refuseAuth'] as const) {
    const v = b[key];
    if (v === undefined) continue;
    if (typeof v !== 'boolean') throw new Refusal(400, Errors.badField(key, 'a boolean'));
    out[key] = v;
  }
  const duplicate = probability(b, 'duplicate');
  const reorder = probability(b, 'reorder');
  if (duplicate !== undefined) out.duplicate = duplicate;
  if (reorder !== undefined) out.reorder = reorder;
  if (b.seed !== undefined) out.seed = int(b.seed, 'seed');
  return out;
}

export function faultRoutes(ctx: StandInContext): Route[] {
  return [
    route('POST', /^\/agent\/api\/faults\/drop$/, async (req, res) => {
      const code = bodyObj(await readJson(req)).code;
      if (code !== undefined && (typeof code !== 'number' || !validCloseCode(code))) throw new Refusal(400, Errors.badCloseCode);
      const sockets = [...ctx.connections];
      for (const c of sockets) c.drop(code);
      ctx.faults.counters.drops += sockets.length;
      json(res, 200, { dropped: sockets.length });
    }),
    route('POST', /^\/agent\/api\/faults\/blackhole$/, (_req, res) => {
      const sockets = [...ctx.connections].filter((c) => !c.isSilent);
      for (const c of sockets) c.blackhole();
      json(res, 200, { silenced: sockets.length });
    }),
    route('POST', /^\/agent\/api\/faults\/expire-tokens$/, (_req, res) => {
      ctx.tokens.expireAll();
      const open = [...ctx.connections].filter((c) => c.isAuthenticated);
      for (const c of open) c.expireNow();
      json(res, 200, { closed: open.length });
    }),
    route('PUT', /^\/agent\/api\/faults$/, async (req, res) => {
      ctx.faults.update(decodeFaults(bodyObj(await readJson(req))));
      json(res, 200, ctx.faults.snapshot());
    }),
    route('DELETE', /^\/agent\/api\/faults$/, (_req, res) => {
      ctx.faults.reset();
      json(res, 200, ctx.faults.snapshot());
    }),
    route('GET', /^\/agent\/api\/faults$/, (_req, res) => json(res, 200, ctx.faults.snapshot())),
  ];
}
