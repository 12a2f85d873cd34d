// Bounded nesting of untrusted JSON: data nested too deep makes JSON.stringify (every echo, every
// console view) overflow the stack, so it is refused when it arrives and again before it is stored.

/**
 * How deep a request may nest (the frame itself is level 1, so an event's `message` or `content`
 * has 28 levels to itself). Deeper data would make JSON.stringify overflow the stack when echoed.
 */
export const MAX_DEPTH = 32;

/** True when `value` nests objects/arrays deeper than `max` levels (iterative: never overflows). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
  return false;
}
