// Hostile frames in Chromium: the widget's socket is proxied to the real stand-in (routeWebSocket),
// and hundreds of generated hostile frames are injected into it (malformed JSON, wrong types,
// missing fields, huge strings, deep nesting, unknown types, binary). Nothing may throw in the page,
// and a normal exchange afterwards must work and show exactly the stored conversation.
import fc from 'fast-check';
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { decodeFrame, parseFrame } from '../src/liveperson/decode';
import { hostileFrameText } from '../src/liveperson/testing/fuzzFrames';
import { Control, uniqueAccount } from './support/control';
import { Widget } from './support/widget';

const SEED = 20_261_121;

/**
 * Generated hostile frames. Frames that decode to conversation-level facts (a conversation upserted
 * or removed) are left out: the widget rightly follows what the server says about conversations,
 * so those would change which conversation is shown, not test robustness.
 */
function hostileFrames(count: number): string[] {
  return fc.sample(hostileFrameText, { numRuns: count * 2, seed: SEED }).filter((text) => {
    const decoded = decodeFrame(parseFrame(text), { receivedAt: 1 });
    return decoded.kind !== 'notification' || decoded.events.every((e) => e.type !== 'conversation' && e.type !== 'conversationRemoved');
  }).slice(0, count);
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

test('hostile frames on the live socket: no error, and a normal exchange still works', async ({ page, request }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let route: WebSocketRoute | undefined;
  await page.context().routeWebSocket(/messaging\/consumer/, (ws) => {
    // Proxy to the real stand-in; frames flow both ways untouched, and we can add our own.
    ws.connectToServer();
    route = ws;
  });
  const control = new Control(request, uniqueAccount('hostile'));
  const w = new Widget(page);
  await w.goto(control.account);
  await w.open();
  await w.send('before the storm');
  const conv = await control.onlyConversation();
  const dana = await control.agent('Dana');
  await control.accept(conv.id, dana.id);
  await control.say(conv.id, dana.id, 'agent before the storm');
  await expect(w.agentMessage('agent before the storm')).toBeVisible();
  expect(route).toBeDefined();

  const frames = [...hostileFrames(500), ...brokenFramesFor(conv.id)];
  for (const frame of frames) route?.send(frame);
  route?.send(Buffer.from([0, 159, 146, 150, 255]));
  await page.waitForTimeout(500);

  // The widget is still there, online, with the same rows.
  await expect(w.dialog).toBeVisible();
  await expect(w.agentMessage('agent before the storm')).toBeVisible();
  await expect(w.status).toHaveAttribute('data-status', 'online');

  // A normal exchange both ways.
  await w.send('after the storm');
  await expect(w.receiptOf('after the storm')).toHaveAttribute('data-receipt', 'sent');
  await control.say(conv.id, dana.id, 'agent after the storm');
  await expect(w.agentMessage('agent after the storm')).toBeVisible();

  // The timeline is exactly the stored conversation's content, in order, once each.
  const stored = await control.conversation(conv.id);
  const content = (stored.transcript[conv.id] ?? []).filter((e) => e.event.type === 'ContentEvent').map((e) => [e.sequence, e.event.message]);
  const rows = (await w.sequencedRows()).map((r) => [r.sequence, r.text]);
  expect(rows.map(([sequence]) => sequence)).toEqual(content.map(([sequence]) => sequence));
  for (const [i, [, message]] of content.entries()) expect(String(rows[i]?.[1])).toContain(String(message));
  expect(frames.length).toBeGreaterThanOrEqual(500);
  expect(errors).toEqual([]);
});
