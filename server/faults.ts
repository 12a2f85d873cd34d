// Server-wide injected faults (for tests and the chaos run), with a seeded RNG so runs reproduce.
import { seededRandom } from './prng';

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
  /** Consumer sockets accepted, and closed again (open now: the difference); for tests and benchmarks. */
  sockets: number;
  socketsClosed: number;
  /** Frames received from and sent to consumer sockets. */
  framesIn: number;
  framesOut: number;
}

const DEFAULT_SEED = 1;

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
  readonly counters: FaultCounters = { drops: 0, failed: 0, duplicated: 0, reordered: 0, refused: 0, sockets: 0, socketsClosed: 0, framesIn: 0, framesOut: 0 };
  private rng = seededRandom(DEFAULT_SEED);

  update(patch: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...patch };
    if (patch.seed !== undefined) this.rng = seededRandom(patch.seed);
  }

  reset(): void {
    this.settings = defaults();
    this.rng = seededRandom(DEFAULT_SEED);
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
