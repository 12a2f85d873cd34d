// @vitest-environment jsdom
// The host getJwt bridge: the frame's side (createHostTokens) alone, and both sides together
// (createEmbed in the page answering the frame's requests over postMessage).
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmbed } from './embed';
import { createHostTokens, HOST_TOKEN_TIMEOUT_MS } from './hostTokens';
import { TAG, type ToHost } from './protocol';
import type { EmbedConfig, ParleyApi } from './types';
import { polyfillForEmbed } from './testing/harness';

afterEach(() => {
  vi.useRealTimers();
});

describe('createHostTokens (the frame side)', () => {
  const setup = () => {
    const sent: ToHost[] = [];
    const tokens = createHostTokens((m) => sent.push(m), 1_000);
    return { sent, tokens };
  };

  it('asks the page with a fresh id and resolves with its answer', async () => {
    const { sent, tokens } = setup();
    const first = tokens.request();
    const second = tokens.request();
    expect(sent).toEqual([
      { tag: TAG, type: 'getJwt', id: 1 },
      { tag: TAG, type: 'getJwt', id: 2 },
    ]);
    tokens.answer({ id: 2, jwt: 'token-b' });
    tokens.answer({ id: 1, jwt: 'token-a' });
    await expect(first).resolves.toBe('token-a');
    await expect(second).resolves.toBe('token-b');
  });

  it("rejects with the page's error, or when the answer holds no token", async () => {
    const { tokens } = setup();
    const failed = tokens.request();
    const empty = tokens.request();
    const notAString = tokens.request();
    tokens.answer({ id: 1, error: 'IdP down' });
    tokens.answer({ id: 2, jwt: '' });
    tokens.answer({ id: 3, jwt: 42 });
    await expect(failed).rejects.toThrow('IdP down');
    await expect(empty).rejects.toThrow("the page's getJwt returned no token");
    await expect(notAString).rejects.toThrow("the page's getJwt returned no token");
  });

  it('rejects when the page does not answer in time; a late answer changes nothing', async () => {
    vi.useFakeTimers();
    const { tokens } = setup();
    const late = tokens.request();
    const outcome = late.then(
      () => 'resolved',
      (e: Error) => e.message,
    );
    vi.advanceTimersByTime(999);
    tokens.answer({ id: 99, jwt: 'unknown id' });
    vi.advanceTimersByTime(1);
    tokens.answer({ id: 1, jwt: 'too late' });
    expect(await outcome).toBe("the page's getJwt did not answer within 1 s");
    expect(vi.getTimerCount()).toBe(0);
  });

  it('ignores garbage answers, and cancel() rejects what still waits', async () => {
    const { tokens } = setup();
    const waiting = tokens.request();
    for (const junk of [{}, { id: '1', jwt: 'x' }, { id: null }, { id: 1.5, jwt: 'x' }]) tokens.answer(junk);
    tokens.cancel();
    await expect(waiting).rejects.toThrow('the session stopped');
    expect(HOST_TOKEN_TIMEOUT_MS).toBe(10_000);
  });
});

describe('the getJwt bridge, page and frame together', () => {
  const APP = 'https://cdn.parley.example/frame.html';
  const FRAME_ORIGIN = 'https://cdn.parley.example';
  let api: ParleyApi | undefined;

  beforeAll(() => polyfillForEmbed());
  afterEach(() => {
    api?.destroy();
    api = undefined;
  });

  /** The page's embed with a getJwt, and the frame's token requester wired to it through a fake frame window. */
  function connect(getJwt: EmbedConfig['getJwt'] | string) {
    api = createEmbed({ account: 'acme', appUrl: APP, load: 'intent', lang: 'en', getJwt: getJwt as EmbedConfig['getJwt'] });
    const root = document.querySelector('parley-widget')!.shadowRoot!;
    root.querySelector('button')!.dispatchEvent(new Event('pointerenter'));
    const toFrame: Array<[unknown, string]> = [];
    const frameWindow = { postMessage: (data: unknown, origin: string) => toFrame.push([data, origin]) };
    Object.defineProperty(root.querySelector('iframe')!, 'contentWindow', { get: () => frameWindow });
    const fromFrame = (data: unknown, origin = FRAME_ORIGIN) =>
      window.dispatchEvent(new MessageEvent('message', { data, origin, source: frameWindow as unknown as Window }));
    const tokens = createHostTokens((m) => fromFrame(m), 1_000);
    fromFrame({ tag: TAG, type: 'ready' });
    /** Delivers the page's `token` answers to the frame side (as the frame's message listener does). */
    const delivered: Array<[unknown, string]> = [];
    const deliver = () => {
      for (const [data, origin] of toFrame.splice(0)) {
        delivered.push([data, origin]);
        if ((data as { type?: string }).type === 'token') tokens.answer(data as { id: number });
      }
    };
    const settle = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
      deliver();
    };
    return { toFrame, delivered, tokens, fromFrame, settle };
  }

  it('tells the frame the page has a getJwt, without posting the function', () => {
    const { toFrame } = connect(async () => 'jwt');
    const [init, origin] = toFrame[0] as [{ type: string; hostJwt: boolean; config: Record<string, unknown> }, string];
    expect(origin).toBe(FRAME_ORIGIN);
    expect(init).toMatchObject({ type: 'init', hostJwt: true, intent: true });
    expect('getJwt' in init.config).toBe(false);
    expect(() => structuredClone(init)).not.toThrow();
  });

  it("each request calls the page's getJwt and the answer reaches the frame, to its exact origin", async () => {
    let n = 0;
    const { toFrame, delivered, tokens, settle } = connect(async () => `token-${++n}`);
    toFrame.length = 0;
    const first = tokens.request();
    await settle();
    await expect(first).resolves.toBe('token-1');
    const second = tokens.request();
    await settle();
    await expect(second).resolves.toBe('token-2');
    expect(delivered).toEqual([
      [{ tag: TAG, type: 'token', id: 1, jwt: 'token-1' }, FRAME_ORIGIN],
      [{ tag: TAG, type: 'token', id: 2, jwt: 'token-2' }, FRAME_ORIGIN],
    ]);
  });

  it("the page's failures reach the frame as failed attempts", async () => {
    const answers: Array<() => unknown> = [
      () => Promise.reject(new Error('IdP down')),
      () => {
        throw new Error('thrown at once');
      },
      () => Promise.resolve(undefined),
      () => Promise.reject('a plain string'),
    ];
    const { tokens, settle } = connect(() => answers.shift()!() as Promise<string>);
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const attempt = tokens.request().then(
        (t) => `token ${t}`,
        (e: Error) => e.message,
      );
      await settle();
      outcomes.push(await attempt);
    }
    expect(outcomes).toEqual(['IdP down', 'thrown at once', "the page's getJwt returned no token", 'a plain string']);
  });

  it('a getJwt that never answers times out in the frame', async () => {
    vi.useFakeTimers();
    const { tokens } = connect(() => new Promise<string>(() => {}));
    const attempt = tokens.request().catch((e: Error) => e.message);
    vi.advanceTimersByTime(1_000);
    expect(await attempt).toBe("the page's getJwt did not answer within 1 s");
  });

  it('requests from another origin are ignored; a getJwt that is not a function is refused clearly', async () => {
    const getJwt = vi.fn(async () => 'secret');
    const { toFrame, fromFrame, settle } = connect(getJwt);
    toFrame.length = 0;
    fromFrame({ tag: TAG, type: 'getJwt', id: 1 }, 'https://evil.example');
    await settle();
    expect(getJwt).not.toHaveBeenCalled();
    expect(toFrame).toEqual([]);
    api?.destroy();
    api = undefined;
    expect(() => createEmbed({ account: 'acme', appUrl: APP, getJwt: 'token' as unknown as EmbedConfig['getJwt'] })).toThrow('Parley: "getJwt" must be a function');
  });
});
