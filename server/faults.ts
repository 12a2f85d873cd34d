// Server-wide injected faults (for tests and the chaos run), with a seeded RNG so runs reproduce.
export interface FaultSettings {
  failNext?: { count: number; code: 429 | 500 };
  delayMs: number;
  notifyBeforeResponse: boolean;
  duplicate: number;
  reorder: number;
  seed: number;
  /** New consumer sockets are refused at the upgrade (HTTP 503), like a network that is down. */
  refuseSockets: boolean;
  /** The identity endpoints (signup, authenticate, refresh) answer 401. */
  refuseAuth: boolean;
}

export interface FaultCounters {
  drops: number;
  failed: number;
  duplicated: number;
  reordered: number;
  /** Socket upgrades and identity requests refused by refuseSockets / refuseAuth. */
  refused: number;
}

const DEFAULT_SEED = 1;

/** mulberry32: small, fast, good enough for reproducible chaos. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const defaults = (): FaultSettings => ({
  delayMs: 0,
  notifyBeforeResponse: false,
  duplicate: 0,
  reorder: 0,
  seed: DEFAULT_SEED,
  refuseSockets: false,
  refuseAuth: false,
});

export class Faults {
  settings: FaultSettings = defaults();
  readonly counters: FaultCounters = { drops: 0, failed: 0, duplicated: 0, reordered: 0, refused: 0 };
  private rng = mulberry32(DEFAULT_SEED);

  update(patch: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...patch };
    if (patch.seed !== undefined) this.rng = mulberry32(patch.seed);
  }

  reset(): void {
    this.settings = defaults();
    this.rng = mulberry32(DEFAULT_SEED);
  }

  /** The error code for this request when a failNext fault is pending (and counts it down). */
  takeFailure(): number | undefined {
    const f = this.settings.failNext;
    if (!f || f.count <= 0) return undefined;
    f.count -= 1;
    if (f.count === 0) delete this.settings.failNext;
    this.counters.failed += 1;
    return f.code;
  }

  roll(probability: number): boolean {
    return probability > 0 && this.rng() < probability;
  }

  snapshot() {
    return { ...this.settings, counters: { ...this.counters } };
  }
}
