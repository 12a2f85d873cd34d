// Checks every frame the widget's sockets send and receive against LivePerson's schemas (the
// documented deviations listed once in test/lp-schemas.ts), from the browser's side.
import type { Page } from '@playwright/test';
import { schemasAvailable, validateClientFrame, validateServerFrame } from '../../test/lp-schemas';

export interface SchemaTap {
  /** How many frames were checked each way. */
  readonly counts: { sent: number; received: number };
  /** Every violation so far, with the start of its frame. */
  readonly errors: string[];
  /** The response `type`s received. */
  readonly responseTypes: Set<string>;
  /** Every frame received, in order (parsed). */
  readonly received: Array<Record<string, unknown>>;
}

export function schemaTap(page: Page): SchemaTap {
  const checking = schemasAvailable();
  const tap: SchemaTap = { counts: { sent: 0, received: 0 }, errors: [], responseTypes: new Set(), received: [] };
  const check = (payload: string | Buffer, direction: 'sent' | 'received') => {
    let frame: unknown;
    try {
      frame = JSON.parse(String(payload));
    } catch {
      tap.errors.push(`${direction}: not JSON: ${String(payload).slice(0, 200)}`);
      return;
    }
    tap.counts[direction] += 1;
    const f = frame as { kind?: unknown; type?: unknown };
    if (direction === 'received') tap.received.push(frame as Record<string, unknown>);
    if (direction === 'received' && f.kind === 'resp') tap.responseTypes.add(String(f.type));
    if (!checking) return;
    const errors = direction === 'sent' ? validateClientFrame(frame) : validateServerFrame(frame);
    for (const e of errors) tap.errors.push(`${direction}: ${e} in ${String(payload).slice(0, 300)}`);
  };
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => check(payload, 'sent'));
    ws.on('framereceived', ({ payload }) => check(payload, 'received'));
  });
  return tap;
}
