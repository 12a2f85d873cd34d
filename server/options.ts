// Options of startStandIn (see docs/stand-in.md) and their defaults.
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface StandInOptions {
  port?: number;
  tokenLifetimeSec?: number;
  /** The unauthenticated v3 flow's external token: its lifetime (default 600 s) and refresh window (default 730 h). */
  externalTokenLifetimeSec?: number;
  externalRefreshWindowSec?: number;
  authTimeoutMs?: number;
  idleTimeoutMs?: number;
  historyCap?: number;
  maxFrameBytes?: number;
  /** The built widget demo page served at `/` (its `agent/` folder is served at `/agent/`). */
  staticDir?: string;
  /**
   * Origins (CSP source expressions such as `https://shop.example` or `http://127.0.0.1:*`) allowed
   * to embed the widget's frame.html besides the stand-in's own ('self'): its `frame-ancestors`.
   */
  frameAncestors?: string[];
  /** How long the swift store's signed temp URLs stay valid (LivePerson: 1 minute). */
  swiftTtlMs?: number;
  /**
   * Also listen with TLS (a self-signed certificate for 127.0.0.1 and localhost, made at start): on
   * `port` (default 0), the certificate written as PEM to `certFile` (default a temp file).
   */
  tls?: boolean | { port?: number; certFile?: string };
}

export type ResolvedOptions = Required<Omit<StandInOptions, 'staticDir' | 'tls'>> & { staticDir: string | undefined };

/** An http(s) origin, its port possibly `*`: nothing that could end or extend the CSP header. */
const ANCESTOR = /^https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?$/i;

/** Checks frame ancestors (clear error for anything that is not an http(s) origin). */
export function checkFrameAncestors(list: readonly string[]): string[] {
  for (const entry of list) {
    if (!ANCESTOR.test(entry)) throw new Error(`stand-in: frame ancestor "${entry}" is not an http(s) origin (https://host[:port|:*])`);
  }
  return [...list];
}

/** PARLEY_FRAME_ANCESTORS: space-separated origins (see StandInOptions.frameAncestors). */
export function frameAncestorsFromEnv(value: string | undefined): string[] {
  return checkFrameAncestors((value ?? '').split(/\s+/).filter((entry) => entry !== ''));
}

export const defaultStaticDir = path.resolve(import.meta.dirname, '..', 'dist');

export function resolveOptions(o: StandInOptions = {}): ResolvedOptions {
  return {
    port: o.port ?? 0,
    tokenLifetimeSec: o.tokenLifetimeSec ?? 3600,
    externalTokenLifetimeSec: o.externalTokenLifetimeSec ?? 600,
    externalRefreshWindowSec: o.externalRefreshWindowSec ?? 730 * 3600,
    authTimeoutMs: o.authTimeoutMs ?? 5000,
    idleTimeoutMs: o.idleTimeoutMs ?? 120_000,
    historyCap: o.historyCap ?? 1000,
    maxFrameBytes: o.maxFrameBytes ?? 256 * 1024,
    staticDir: o.staticDir ?? (existsSync(defaultStaticDir) ? defaultStaticDir : undefined),
    frameAncestors: checkFrameAncestors(o.frameAncestors ?? []),
    swiftTtlMs: o.swiftTtlMs ?? 60_000,
  };
}
