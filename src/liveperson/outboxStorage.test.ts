import { describe, expect, it } from 'vitest';
import { MAX_RESTORED, createOutboxStorage, outboxKey, type PageEvents } from './outboxStorage';
import { MemoryStorage, safeStore } from '../platform/storage';
import { brokenStorage } from './testing/brokenStorage';

const setup = () => {
  const raw = new MemoryStorage();
  return { raw, storage: createOutboxStorage(safeStore(raw), 'acc', 20) };
};

describe('outbox storage (sessionStorage)', () => {
  it('keeps an uploaded file waiting to be published; a malformed file drops the entry (never restored as text)', () => {
    const { raw, storage } = setup();
    const file = { caption: 'dot.png', relativePath: '/v1/AUTH_async-images/acc/x.PNG', fileType: 'PNG', preview: 'data:image/jpeg;base64,AA==' };
    storage.save([{ clientId: 'f', text: 'dot.png', createdAt: 1, file }]);
    storage.release();
    expect(createOutboxStorage(safeStore(raw), 'acc', 20).load()).toEqual([{ clientId: 'f', text: 'dot.png', createdAt: 1, file }]);
    for (const bad of [{ ...file, relativePath: 'https://evil.example/x' }, { ...file, fileType: '' }, { caption: 1 }, 'x']) {
      raw.setItem(outboxKey('acc'), JSON.stringify({ v: 1, messages: [{ clientId: 'f', text: 'dot.png', createdAt: 1, file: bad }] }));
      expect(createOutboxStorage(safeStore(raw), 'acc', 20).load(), JSON.stringify(bad)).toEqual([]);
    }
    raw.setItem(outboxKey('acc'), JSON.stringify({ v: 1, messages: [{ clientId: 'f', text: 'dot.png', createdAt: 1, file: { ...file, preview: 'javascript:alert(1)' } }] }));
    expect(createOutboxStorage(safeStore(raw), 'acc', 20).load()[0]?.file).toEqual({ caption: 'dot.png', relativePath: file.relativePath, fileType: 'PNG' });
  });

  it('saves and loads the unsent messages in order, per account, and removes the key when empty', () => {
    const { raw, storage } = setup();
    expect(storage.load()).toEqual([]);
    storage.save([
      { clientId: 'a', text: 'one', createdAt: 1 },
      { clientId: 'b', text: 'two', createdAt: 2, failed: true },
    ]);
    expect(raw.length).toBe(1);
    expect(raw.key(0)).toBe(outboxKey('acc'));
    storage.release(); // the page is left (pagehide) or its session stopped
    expect(createOutboxStorage(safeStore(raw), 'acc', 20).load()).toEqual([
      { clientId: 'a', text: 'one', createdAt: 1 },
      { clientId: 'b', text: 'two', createdAt: 2, failed: true },
    ]);
    expect(createOutboxStorage(safeStore(raw), 'other', 20).load()).toEqual([]);
    storage.save([]);
    expect(raw.length).toBe(0);
  });

  it('keeps a quick-reply choice (its message and click metadata) and drops a malformed one, keeping the text', () => {
    const { raw, storage } = setup();
    const reply = { dialogId: 'survey-1', sequence: 3, metadata: [{ type: 'Answer', questionId: 'q', id: 'a5', provider: 'AC' }] };
    storage.save([{ clientId: 'a', text: '5', createdAt: 1, reply }]);
    expect(storage.load()).toEqual([{ clientId: 'a', text: '5', createdAt: 1, reply }]);
    raw.setItem(
      outboxKey('acc'),
      JSON.stringify({
        v: 1,
        messages: [
          { clientId: 'b', text: '4', createdAt: 2, reply: { dialogId: 'd', sequence: -1, metadata: [] } },
          { clientId: 'c', text: '3', createdAt: 3, reply: { dialogId: 'd', sequence: 1, metadata: [7, { type: 'ExternalId', id: 'x' }, { type: 'Answer' }] } },
        ],
      }),
    );
    expect(storage.load()).toEqual([
      { clientId: 'b', text: '4', createdAt: 2 },
      { clientId: 'c', text: '3', createdAt: 3, reply: { dialogId: 'd', sequence: 1, metadata: [{ type: 'Answer' }] } },
    ]);
  });

  it('drops what it cannot read (malformed JSON, wrong format, bad items, duplicates, over-long text)', () => {
    const { raw, storage } = setup();
    for (const junk of ['{', 'null', '[]', '{"v":2,"messages":[]}', '{"v":1,"messages":{}}']) {
      raw.setItem(outboxKey('acc'), junk);
      expect(storage.load()).toEqual([]);
    }
    raw.setItem(
      outboxKey('acc'),
      JSON.stringify({
        v: 1,
        messages: [
          { clientId: 'ok', text: 'fine', createdAt: 5 },
          { clientId: 'ok', text: 'again', createdAt: 6 },
          { clientId: '', text: 'no id', createdAt: 1 },
          { clientId: 'n', text: 7, createdAt: 1 },
          { clientId: 'w', text: '   ', createdAt: 1 },
          { clientId: 't', text: 'no time' },
          { clientId: 'long', text: 'x'.repeat(21), createdAt: 1 },
          'junk',
          { clientId: 'f', text: 'flag', createdAt: 3, failed: 'yes' },
        ],
      }),
    );
    expect(storage.load()).toEqual([
      { clientId: 'ok', text: 'fine', createdAt: 5 },
      { clientId: 'f', text: 'flag', createdAt: 3 },
    ]);
    // What could not be read is gone from storage too.
    expect(JSON.parse(raw.getItem(outboxKey('acc')) as string).messages).toHaveLength(2);
  });

  it('never throws when the storage does', () => {
    const broken = brokenStorage();
    const storage = createOutboxStorage(safeStore(broken), 'acc', 20);
    expect(() => storage.save([{ clientId: 'a', text: 'one', createdAt: 1 }])).not.toThrow();
    expect(storage.load()).toEqual([{ clientId: 'a', text: 'one', createdAt: 1 }]); // kept in memory for this page
  });

  it('restores messages beyond MAX_RESTORED as "Not sent" instead of dropping them', () => {
    const { raw, storage } = setup();
    const many = Array.from({ length: MAX_RESTORED + 50 }, (_, i) => ({ clientId: `m${i}`, text: `message ${i}`, createdAt: i }));
    storage.save(many);
    storage.release();
    const restored = createOutboxStorage(safeStore(raw), 'acc', 20).load();
    expect(restored).toHaveLength(MAX_RESTORED + 50);
    expect(restored.slice(0, MAX_RESTORED).every((m) => m.failed === undefined)).toBe(true);
    expect(restored.slice(MAX_RESTORED).every((m) => m.failed === true)).toBe(true);
    expect(restored.map((m) => m.text)).toEqual(many.map((m) => m.text));
  });

  it('a duplicated tab (a copy of sessionStorage while the first page lives) restores the copy as "Not sent"', () => {
    const page = fakePage();
    const first = new MemoryStorage();
    const firstPage = createOutboxStorage(safeStore(first), 'acc', 20, page.events);
    expect(firstPage.load()).toEqual([]);
    firstPage.save([{ clientId: 'a', text: 'typed offline', createdAt: 1 }]);
    // "Duplicate tab": the browser copies sessionStorage into the new tab while the first page lives on.
    const copy = new MemoryStorage();
    copy.setItem(outboxKey('acc'), first.getItem(outboxKey('acc')) as string);
    expect(createOutboxStorage(safeStore(copy), 'acc', 20, fakePage().events).load()).toEqual([{ clientId: 'a', text: 'typed offline', createdAt: 1, failed: true }]);
    // The first tab's next page (a reload: the page was left first) restores them as they were.
    page.leave();
    expect(createOutboxStorage(safeStore(first), 'acc', 20, fakePage().events).load()).toEqual([{ clientId: 'a', text: 'typed offline', createdAt: 1 }]);
  });

  it('release() (the session stopped) lets the next outbox of the page restore the messages as they were', () => {
    const raw = new MemoryStorage();
    const one = createOutboxStorage(safeStore(raw), 'acc', 20, fakePage().events);
    one.load();
    one.save([{ clientId: 'a', text: 'hi', createdAt: 1 }]);
    one.release();
    expect(createOutboxStorage(safeStore(raw), 'acc', 20, fakePage().events).load()).toEqual([{ clientId: 'a', text: 'hi', createdAt: 1 }]);
  });
});

/** The page's lifecycle, driven by the test (pagehide / pageshow from the back-forward cache). */
function fakePage() {
  let leave = () => undefined as void;
  let back = () => undefined as void;
  const events: PageEvents = (onLeave, onReturn) => {
    leave = onLeave;
    back = onReturn;
  };
  return { events, leave: () => leave(), back: () => back() };
}
