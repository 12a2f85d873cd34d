// The chaos runs' fault loop: a step at seeded random intervals until it is stopped.

/**
 * Runs `step` after every wait of `minMs` plus up to `spanMs` (drawn from `random`), until the
 * returned stop() is awaited: it wakes the wait, lets a step in flight finish, then resolves. A
 * step that throws ends the loop (logged).
 */
export function everyRandomInterval(random: () => number, minMs: number, spanMs: number, step: () => Promise<void>, log: (line: string) => void): () => Promise<void> {
  let running = true;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (running) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, minMs + Math.floor(random() * spanMs));
      });
      if (!running) break;
      await step();
    }
  })().catch((error: unknown) => log(`fault loop stopped: ${String(error)}`));
  return async () => {
    running = false;
    wake?.();
    await loop;
  };
}
