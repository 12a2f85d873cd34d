// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { pollInterval, POLL_MS, useLiveUpdates } from './useLiveUpdates';

/** Stands in for the browser's EventSource, which jsdom does not have; the test drives its events. */
class TestEventSource extends EventTarget {
  static last: TestEventSource | undefined;
  onopen: ((e: Event) => void) | null = null;
  onerror: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    super();
    TestEventSource.last = this;
  }
  close() {
    this.closed = true;
  }
  open() {
    this.onopen?.(new Event('open'));
  }
  fail() {
    this.onerror?.(new Event('error'));
  }
}

function setup() {
  vi.stubGlobal('EventSource', TestEventSource);
  const client = new QueryClient();
  const invalidate = vi.spyOn(client, 'invalidateQueries');
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const hook = renderHook(({ account }) => useLiveUpdates(account, `/agent/api/${account}/stream`), { wrapper, initialProps: { account: 'acme' } });
  const source = TestEventSource.last;
  if (!source) throw new Error('no EventSource was opened');
  return { hook, source, invalidate };
}

afterEach(() => {
  vi.unstubAllGlobals();
  TestEventSource.last = undefined;
});

describe('useLiveUpdates', () => {
  it('polls until the stream opens, then refetches the account on each `changed` event', () => {
    const { hook, source, invalidate } = setup();
    expect(source.url).toBe('/agent/api/acme/stream');
    expect(hook.result.current).toBe('connecting');
    expect(pollInterval(hook.result.current)).toBe(POLL_MS);
    act(() => source.open());
    expect(hook.result.current).toBe('live');
    expect(pollInterval(hook.result.current)).toBe(false);
    invalidate.mockClear();
    act(() => void source.dispatchEvent(new MessageEvent('changed', { data: '{"conversationId":"c1"}' })));
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['account', 'acme'] });
  });

  it('falls back to polling every second when the stream errors, and back to live when it reopens', () => {
    const { hook, source } = setup();
    act(() => source.open());
    act(() => source.fail());
    expect(hook.result.current).toBe('polling');
    expect(pollInterval(hook.result.current)).toBe(1000);
    act(() => source.open());
    expect(hook.result.current).toBe('live');
  });

  it('closes the stream when the account changes or the console unmounts', () => {
    const { hook, source } = setup();
    hook.rerender({ account: 'other' });
    expect(source.closed).toBe(true);
    const next = TestEventSource.last;
    expect(next?.url).toBe('/agent/api/other/stream');
    hook.unmount();
    expect(next?.closed).toBe(true);
  });
});
