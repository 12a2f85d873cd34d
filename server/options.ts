// Options of startStandIn (see docs/stand-in.md) and their defaults.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface StandInOptions {
  port?: number;
  tokenLifetimeSec?: number;
  authTimeoutMs?: number;
  idleTimeoutMs?: number;
  historyCap?: number;
  maxFrameBytes?: number;
  /** The built widget demo page served at `/` (its `agent/` folder is served at `/agent/`). */
  staticDir?: string;
}

export type ResolvedOptions = Required<Omit<StandInOptions, 'staticDir'>> & { staticDir: string | undefined };

export const defaultStaticDir = path.resolve(import.meta.dirname, '..', 'dist');

export function resolveOptions(o: StandInOptions = {}): ResolvedOptions {
  return {
    port: o.port ?? 0,
    tokenLifetimeSec: o.tokenLifetimeSec ?? 3600,
    authTimeoutMs: o.authTimeoutMs ?? 5000,
    idleTimeoutMs: o.idleTimeoutMs ?? 120_000,
    historyCap: o.historyCap ?? 1000,
    maxFrameBytes: o.maxFrameBytes ?? 256 * 1024,
    staticDir: o.staticDir ?? (existsSync(defaultStaticDir) ? defaultStaticDir : undefined),
  };
}
