// Small tolerant readers for untrusted JSON, for every backend's decoders: they return undefined instead of throwing.

export type Obj = Record<string, unknown>;

export function asObject(v: unknown): Obj | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** LivePerson may send a single element instead of a one-element array. */
export function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return v === undefined || v === null ? [] : [v];
}

/** Ids may arrive as numbers. Ids naming an Object.prototype member ("__proto__", "constructor", …)
 * are refused: they would alias the prototype in the plain-object maps keyed by id. */
export function asId(v: unknown): string | undefined {
  if (typeof v === 'string') return v.length > 0 && !(v in Object.prototype) ? v : undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A finite number, also from a numeric string. */
export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** A non-negative integer (sequences), also from a numeric string. */
export function asSequence(v: unknown): number | undefined {
  const n = asNumber(v);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** The largest time a Date can hold (ms since the epoch); beyond it toISOString() throws. */
export const MAX_DATE_MS = 8.64e15;

/**
 * A positive timestamp in ms that a Date can represent, no later than `latest`; LivePerson uses 0 or
 * absence for "none". Anything else (1e308, nanoseconds, a date centuries ahead) is undefined, so
 * the caller falls back to its own time instead of carrying a value that breaks rendering.
 */
export function asTimestamp(v: unknown, latest = MAX_DATE_MS): number | undefined {
  const n = asNumber(v);
  return n !== undefined && n > 0 && n <= Math.min(latest, MAX_DATE_MS) ? n : undefined;
}

/** Enum values compare upper-case; unknown values are the caller's to ignore. */
export function asEnum(v: unknown): string | undefined {
  return typeof v === 'string' ? v.toUpperCase() : undefined;
}

/** How deep opaque JSON kept from a frame may nest (rich content, quick-reply metadata). */
export const MAX_JSON_DEPTH = 64;

/** True when the value nests no deeper than `max` (stops looking past it, so never recurses deeper). */
export function withinDepth(v: unknown, max = MAX_JSON_DEPTH): boolean {
  if (v === null || typeof v !== 'object') return true;
  if (max <= 0) return false;
  for (const child of Object.values(v)) if (!withinDepth(child, max - 1)) return false;
  return true;
}

/** A JSON object given either as an object or as JSON text. */
export function asObjectOrJson(v: unknown): Obj | undefined {
  if (typeof v !== 'string') return asObject(v);
  try {
    return asObject(JSON.parse(v));
  } catch {
    return undefined;
  }
}

/** Runs `fn` on each item, dropping items it rejects or throws on (one bad change loses nothing else). */
export function each<T>(items: unknown[], fn: (item: unknown) => T | T[] | undefined): T[] {
  const out: T[] = [];
  for (const item of items) {
    try {
      const r = fn(item);
      if (Array.isArray(r)) out.push(...r);
      else if (r !== undefined) out.push(r);
    } catch {
      // A malformed change is skipped; the others still count.
    }
  }
  return out;
}
