// Typed reads of untrusted request fields: each wrong type is a 400 naming the field.
// Single-element arrays may come unwrapped (the element itself), as LivePerson's docs allow.
import { Errors, Refusal } from '../errors';

export type Obj = Record<string, unknown>;

const bad = (name: string, expected: string) => new Refusal(400, Errors.badField(name, expected));

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, name: string): Obj {
  if (!isObj(v)) throw bad(name, 'an object');
  return v;
}

/** An optional object: undefined/null → {}. */
export function optObj(v: unknown, name: string): Obj {
  return v === undefined || v === null ? {} : obj(v, name);
}

export function str(o: Obj, key: string, name = key): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) throw bad(name, 'a non-empty string');
  return v;
}

export function optStr(o: Obj, key: string, name = key): string | undefined {
  return o[key] === undefined || o[key] === null ? undefined : str(o, key, name);
}

export function optInt(o: Obj, key: string, min = 0, name = key): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw bad(name, `an integer >= ${min}`);
  return v;
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], name: string): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw bad(name, `one of ${allowed.join('|')}`);
  return v as T;
}

/** An array, or a single element standing for a one-element array. */
export function list<T>(v: unknown, name: string, item: (x: unknown, name: string) => T): T[] {
  const items = Array.isArray(v) ? v : [v];
  return items.map((x, i) => item(x, `${name}[${i}]`));
}

export function optList<T>(v: unknown, name: string, item: (x: unknown, name: string) => T): T[] | undefined {
  return v === undefined || v === null ? undefined : list(v, name, item);
}

export const int = (x: unknown, name: string): number => {
  if (typeof x !== 'number' || !Number.isInteger(x)) throw bad(name, 'an integer');
  return x;
};
