// Hostile frames in Chromium: the widget's socket is proxied to the real stand-in (routeWebSocket),
// and hundreds of generated hostile frames are injected into it (malformed JSON, wrong types,
// missing fields, huge strings, deep nesting, unknown types, binary). The generated frames are aimed
// at the live conversation (its dialog and conversation ids, the socket's list subscription id), so
// they reach the decoder, the store and the view, not just the filter for other dialogs.
//
// What must hold: nothing throws in the page; the widget stays online and a normal exchange works;
// every message of the stand-in's transcript is shown once, in order, with its text (no error
// fallback replaces one). Injected frames that decode to valid-looking messages may add rows (the
// socket is the server's word), but only at the sequences they carried: their sequences are moved
// above the real ones, so no injected frame can take a real message's place.
import fc from 'fast-check';
import type { WebSocketRoute } from '@playwright/test';
import { eventFields } from '../server/control-client';
import { expect, test } from './support/fixtures';
import { decodeFrame, parseFrame } from '../src/liveperson/decode';
import { hostileFrameText } from '../src/liveperson/testing/fuzzFrames';

const SEED = 20_261_121;
/** Injected sequences are moved up by this much, above every real one. */
const SEQUENCE_SHIFT = 1_000;

interface Live {
  conversationId: string;
  subscriptionId: string;
}

/** The frame aimed at the live conversation: ids and subscription id replaced, sequences shifted; text that is not JSON as it was. */
function aimAt(text: string, live: Live): string {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return text;
  }
  const visit = (node: unknown, depth: number): void => {
    if (depth > 50 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((child) => visit(child, depth + 1));
    const o = node as Record<string, unknown>;
    for (const key of ['dialogId', 'conversationId', 'convId']) if (typeof o[key] === 'string' || typeof o[key] === 'number') o[key] = live.conversationId;
    if (typeof o.subscriptionId === 'string' || typeof o.subscriptionId === 'number') o.subscriptionId = live.subscriptionId;
    if (typeof o.sequence === 'number') o.sequence += SEQUENCE_SHIFT;
    for (const child of Object.values(o)) visit(child, depth + 1);
  };
  try {
    visit(frame, 0);
    return JSON.stringify(frame);
  } catch {
    return text;
  }
}

const decoded = (text: string) => decodeFrame(parseFrame(text), { receivedAt: Date.now() });

/**
 * Generated hostile frames aimed at the live conversation. Frames that decode to conversation-level
 * facts (a conversation upserted or removed) are left out: the widget rightly follows what the server
 * says about conversations, so those would change which conversation is shown, not test robustness.
 */
function hostileFrames(count: number, live: Live): string[] {
  return fc
    .sample(hostileFrameText, { numRuns: count * 2, seed: SEED })
    .map((text) => aimAt(text, live))
    .filter((text) => {
      const d = decoded(text);
      return d.kind !== 'notification' || d.events.every((e) => e.type !== 'conversation' && e.type !== 'conversationRemoved');
    })
    .slice(0, count);
}

/** The sequences at which the injected frames carry messages for the live dialog (the rows they may add). */
function injectedMessageSequences(frames: string[], dialogId: string): Set<number> {
  const out = new Set<number>();
  for (const text of frames) {
    const d = decoded(text);
    if (d.kind === 'notification') for (const e of d.events) if (e.type === 'message' && e.dialogId === dialogId) out.add(e.sequence);
  }
  return out;
}

/** Frames aimed at the real dialog that must decode to nothing. */
function brokenFramesFor(dialogId: string): string[] {
  const change = (over: Record<string, unknown>) =>
    JSON.stringify({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [{ dialogId, conversationId: dialogId, originatorId: 'x', serverTimestamp: 1, ...over }] } });
  return [
    change({ sequence: 'abc', event: { type: 'ContentEvent', message: 'no sequence' } }),
    change({ sequence: 5, event: { type: 'NoSuchEvent', message: 'unknown type' } }),
    change({ sequence: 6, originatorId: null, event: { type: 'ContentEvent', message: 'no originator' } }),
    change({ sequence: -1, event: { type: 'ContentEvent', message: 'negative' } }),
    change({ sequence: 7, messageAudience: 'AGENTS_AND_MANAGERS', event: { type: 'ContentEvent', message: 'private' } }),
    JSON.stringify({ kind: 'resp', reqId: '999999', code: 200, body: { sequence: 1 } }),
    `{"kind":"notification","type":"ms.MessagingEventNotification","body":{"changes":[${'['.repeat(200_000)}`,
    JSON.stringify({ kind: 'notification', type: 'ms.MessagingEventNotification', body: { changes: [{ dialogId: 'elsewhere', sequence: 1, originatorId: 'a', event: { type: 'ContentEvent', message: 'H'.repeat(2 * 1024 * 1024) } }] } }),
  ];
}

test('hostile frames on the live socket: no error, and a normal exchange still works', async ({ page, control, widget: w, chat }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let route: WebSocketRoute | undefined;
  let subscriptionId: string | undefined;
  await page.context().routeWebSocket(/messaging\/consumer/, (ws) => {
    // Proxy to the real stand-in; frames flow both ways, the server's read on the way (the list
    // subscription's id), and we can add our own.
    const server = ws.connectToServer();
    server.onMessage((message) => {
      if (typeof message === 'string') {
        const id = (JSON.parse(message) as { body?: { subscriptionId?: unknown } }).body?.subscriptionId;
        if (typeof id === 'string') subscriptionId = id;
      }
      ws.send(message);
    });
    route = ws;
  });
  const { conversation: conv, agent: dana } = await chat.danaAnswers('before the storm', 'agent before the storm', '');
  expect(route).toBeDefined();
  expect(subscriptionId).toBeDefined();

  const generated = hostileFrames(500, { conversationId: conv.id, subscriptionId: subscriptionId as string });
  const frames = [...generated, ...brokenFramesFor(conv.id)];
  const mayAdd = injectedMessageSequences(frames, conv.id);
  // The frames really reach the live dialog: some decode to its messages (which the store keeps).
  expect(mayAdd.size).toBeGreaterThan(10);
  for (const frame of frames) route?.send(frame);
  route?.send(Buffer.from([0, 159, 146, 150, 255]));
  await page.waitForTimeout(500);

  // The widget is still there, online, with the real rows.
  await expect(w.dialog).toBeVisible();
  await expect(w.agentMessage('agent before the storm')).toBeVisible();
  await expect(w.status).toHaveAttribute('data-status', 'online');

  // A normal exchange both ways (injected receipts may already cover its sequence: any stored tick).
  await w.send('after the storm');
  await expect(w.receiptOf('after the storm')).toHaveAttribute('data-receipt', /^(sent|delivered|read)$/);
  await control.say(conv.id, dana.id, 'agent after the storm');
  await expect(w.agentMessage('agent after the storm')).toBeVisible();

  // Every stored message once, in order, with its text; other rows only where injected messages were.
  const stored = await control.conversation(conv.id);
  const content = (stored.transcript[conv.id] ?? []).filter((e) => e.event.type === 'ContentEvent').map((e) => ({ sequence: e.sequence, text: String(eventFields(e).message) }));
  const timeline = await w.readTimeline();
  expect(timeline.duplicates).toBe(0);
  expect(timeline.rows.filter((r) => r.sequence === null)).toEqual([]);
  const real = new Set(content.map((c) => c.sequence));
  expect(timeline.rows.filter((r) => r.sequence !== null && real.has(r.sequence)).map((r) => ({ sequence: r.sequence, text: r.text }))).toEqual(content);
  const extra = timeline.rows.filter((r) => r.sequence !== null && !real.has(r.sequence)).map((r) => r.sequence as number);
  expect(extra.filter((s) => !mayAdd.has(s))).toEqual([]);
  expect(frames.length).toBeGreaterThanOrEqual(500);
  expect(errors).toEqual([]);
});
