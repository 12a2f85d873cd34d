// The backend-neutral outbox queue with a scripted backend: order, what each failure kind does to
// the attempts, "Not sent" and Retry, the end behind the messages, what is restored and saved.
import { describe, expect, it } from 'vitest';
import { createClock } from './clock';
import { createChatStore } from './store';
import { createOutboxQueue, type OutboxFailure, type OutboxQueueDeps, type PersistedOutboxMessage, type QueuedOutboxItem } from './outboxQueue';

class Failure extends Error {
  constructor(readonly failure: OutboxFailure) {
    super(failure);
  }
}

type Extra = { note?: string };

function setup(script: Array<OutboxFailure | 'ok'> = [], opts: Partial<OutboxQueueDeps<Extra>> = {}, restored: PersistedOutboxMessage<Extra>[] = []) {
  const store = createChatStore(createClock());
  const stop = new AbortController();
  const performed: string[] = [];
  const saved: PersistedOutboxMessage<Extra>[][] = [];
  let online = true;
  let id = 0;
  const backoffs: number[] = [];
  const queue = createOutboxQueue<Extra>(
    {
      store,
      clock: createClock(),
      newClientId: () => `c${++id}`,
      isOnline: () => online,
      stopped: stop.signal,
      maxAttempts: 3,
      backoff: { next: () => (backoffs.push(1), 1), reset: () => backoffs.push(0) },
      async perform(item: QueuedOutboxItem<Extra>) {
        performed.push(item.kind === 'message' ? item.text : 'END');
        const step = script.shift() ?? 'ok';
        if (step === 'offline') online = false;
        if (step !== 'ok') throw new Failure(step);
      },
      classify: (error) => ({ failure: error instanceof Failure ? error.failure : 'refused' }),
      persist: (messages) => saved.push(messages),
      ...opts,
    },
    restored,
  );
  const outbox = () => store.state.outbox;
  return { queue, store, stop, performed, saved, backoffs, outbox, goOnline: () => ((online = true), queue.pump()) };
}

describe('createOutboxQueue', () => {
  it('sends in order, one at a time, and saves the unsent set after every change', async () => {
    const { queue, performed, saved } = setup();
    await Promise.all([queue.send(' one ', { note: 'n' }), queue.send('two', {})]);
    expect(performed).toEqual(['one', 'two']);
    expect(saved.at(0)).toEqual([{ clientId: 'c1', text: 'one', createdAt: expect.any(Number), note: 'n' }]);
    expect(saved.at(-1)).toEqual([]);
  });

  it('an offline failure keeps the message first and uncounted; it goes out once online again', async () => {
    const { queue, performed, goOnline } = setup(['offline', 'offline', 'offline', 'offline']);
    const sent = queue.send('one', {});
    const later = queue.send('two', {});
    await new Promise((r) => setTimeout(r, 10));
    expect(performed).toEqual(['one']);
    for (let i = 0; i < 4; i++) {
      goOnline();
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all([sent, later]);
    expect(performed).toEqual(['one', 'one', 'one', 'one', 'one', 'two']);
  });

  it('retries uncertain and retryable failures (after the backoff), then shows "Not sent"; Retry sends it again', async () => {
    const { queue, performed, backoffs, outbox, store } = setup(['uncertain', 'retryable', 'uncertain']);
    await expect(queue.send('one', {})).rejects.toMatchObject({ kind: 'network', message: 'Message not sent: uncertain' });
    expect(performed).toEqual(['one', 'one', 'one']);
    expect(backoffs).toEqual([1]);
    const [clientId] = Object.keys(outbox());
    expect(store.getSnapshot().chat.timeline.at(-1)).toMatchObject({ receipt: 'failed' });
    await queue.retry(clientId as string);
    expect(performed).toEqual(['one', 'one', 'one', 'one']);
    await expect(queue.retry(clientId as string)).rejects.toMatchObject({ kind: 'notFound' });
  });

  it('a refusal fails at once with the kind classify gives; the next message goes on', async () => {
    const { queue, performed } = setup(['refused'], { classify: () => ({ failure: 'refused', kind: 'refused' }) });
    await expect(queue.send('one', {})).rejects.toMatchObject({ kind: 'refused' });
    await queue.send('two', {});
    expect(performed).toEqual(['one', 'two']);
  });

  it('"wait" after an uncertain failure leaves the message for the next online period', async () => {
    const { queue, performed, goOnline } = setup(['uncertain'], { onUncertain: () => 'wait' });
    const sent = queue.send('one', {});
    await new Promise((r) => setTimeout(r, 10));
    // A message queued meanwhile waits too: the uncertain one stays first.
    const next = queue.send('two', {});
    await new Promise((r) => setTimeout(r, 10));
    expect(performed).toEqual(['one']);
    goOnline();
    await Promise.all([sent, next]);
    expect(performed).toEqual(['one', 'one', 'two']);
  });

  it('ends after the messages queued before; refuses to end when nothing is open or coming', async () => {
    const { queue, performed, goOnline } = setup(['offline']);
    const sent = queue.send('one', {});
    const ended = queue.end(false);
    await expect(setup().queue.end(false)).rejects.toMatchObject({ kind: 'nothingToEnd' });
    await new Promise((r) => setTimeout(r, 5));
    expect(performed).toEqual(['one']);
    goOnline();
    await Promise.all([sent, ended]);
    expect(performed).toEqual(['one', 'one', 'END']);
  });

  it('restores an earlier page\'s messages: the failed as "Not sent", the others queued as uncertain', async () => {
    const seen: boolean[] = [];
    const restored = [
      { clientId: 'r1', text: 'kept', createdAt: 1, note: 'x' },
      { clientId: 'r2', text: 'failed', createdAt: 2, failed: true },
    ];
    const { queue, store, performed } = setup([], { perform: async (item) => void (item.kind === 'message' && (performed.push(item.text), seen.push(item.uncertain))) }, restored);
    expect(store.getSnapshot().chat.timeline.map((r) => (r.kind === 'message' ? r.receipt : r.kind))).toEqual(['pending', 'failed']);
    queue.pump();
    await new Promise((r) => setTimeout(r, 5));
    expect(performed).toEqual(['kept']);
    expect(seen).toEqual([true]);
  });

  it('a "Not sent" message the server has after all is no longer failed (checked while online)', async () => {
    const restored = [{ clientId: 'r1', text: 'failed', createdAt: 1, failed: true }];
    const { queue, saved } = setup([], { storedAlready: (m) => m.clientId === 'r1' }, restored);
    await queue.send('next', {});
    expect(saved.at(-1)).toEqual([]);
    await expect(queue.retry('r1')).rejects.toMatchObject({ kind: 'notFound' });
  });

  it('restores a file as its file bubble (fileOf), the text as text', () => {
    const file = { name: 'a.png', caption: 'a.png', fileType: 'PNG' as const };
    const restored = [
      { clientId: 'r1', text: 'a.png', createdAt: 1, note: 'file' },
      { clientId: 'r2', text: 'words', createdAt: 2 },
    ];
    const { store } = setup([], { fileOf: (m) => (m.note === 'file' ? file : undefined) }, restored);
    expect(store.state.outbox.r1).toMatchObject({ text: 'a.png', file });
    expect(store.state.outbox.r2?.file).toBeUndefined();
    expect(store.getSnapshot().chat.timeline.map((r) => (r.kind === 'message' ? r.body.kind : r.kind))).toEqual(['file', 'text']);
  });

  it('sendShown queues a message under its own client id, behind the ones before, without a second bubble', async () => {
    const { queue, store, performed, saved, goOnline } = setup(['offline']);
    const first = queue.send('one', {});
    store.dispatch([{ type: 'outboxAdded', clientId: 'f1', text: 'b.pdf', createdAt: 5 }]);
    const shown = queue.sendShown({ clientId: 'f1', text: 'b.pdf', createdAt: 5, note: 'n' });
    await new Promise((r) => setTimeout(r, 5));
    expect(saved.at(-1)).toEqual([
      { clientId: 'c1', text: 'one', createdAt: expect.any(Number) },
      { clientId: 'f1', text: 'b.pdf', createdAt: 5, note: 'n' },
    ]);
    goOnline();
    await Promise.all([first, shown]);
    expect(performed).toEqual(['one', 'one', 'b.pdf']);
    expect(Object.keys(store.state.outbox).sort()).toEqual(['c1', 'f1']);
  });

  it('stopping rejects everything queued', async () => {
    const { queue, stop } = setup(['offline']);
    const sent = queue.send('one', {});
    stop.abort();
    await expect(sent).rejects.toMatchObject({ kind: 'stopped' });
    await expect(queue.send('two', {})).rejects.toMatchObject({ kind: 'stopped' });
    await expect(queue.end(true)).rejects.toMatchObject({ kind: 'stopped' });
    await expect(queue.sendShown({ clientId: 'f1', text: 'x', createdAt: 1 })).rejects.toMatchObject({ kind: 'stopped' });
  });
});
