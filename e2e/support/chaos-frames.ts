// Counts, from the browser's side, what the widget sent over its sockets during the chaos run.
import type { Page } from '@playwright/test';

export interface FrameCounts {
  /** Sockets opened (InitConnection sent). */
  readonly connections: number;
  /** Publishes of visitor messages beyond the first of each ExternalId. */
  publishRetries(): number;
}

export function watchFrames(page: Page): FrameCounts {
  const publishes = new Map<string, number>();
  let connections = 0;
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      let frame: { type?: unknown; body?: { event?: { type?: unknown } }; metadata?: Array<{ type?: unknown; id?: unknown }> };
      try {
        frame = JSON.parse(String(payload)) as typeof frame;
      } catch {
        return;
      }
      if (frame.type === 'InitConnection') connections += 1;
      if (frame.type !== 'ms.PublishEvent' || frame.body?.event?.type !== 'ContentEvent') return;
      const id = frame.metadata?.find((m) => m.type === 'ExternalId')?.id;
      if (typeof id === 'string') publishes.set(id, (publishes.get(id) ?? 0) + 1);
    });
  });
  return {
    get connections() {
      return connections;
    },
    publishRetries: () => [...publishes.values()].reduce((n, k) => n + k - 1, 0),
  };
}
