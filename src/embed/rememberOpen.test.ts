// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rememberOpen, wasOpen } from './rememberOpen';

afterEach(() => {
  sessionStorage.clear();
  vi.restoreAllMocks();
});

describe('the open state, remembered for the tab', () => {
  it('says whether the window was open, per account', () => {
    expect(wasOpen('acme')).toBe(false);
    rememberOpen('acme', true);
    expect(wasOpen('acme')).toBe(true);
    expect(wasOpen('other')).toBe(false);
    rememberOpen('acme', false);
    expect(wasOpen('acme')).toBe(false);
  });

  it('remembers nothing, and throws nothing, when storage is blocked or full', () => {
    vi.spyOn(window, 'sessionStorage', 'get').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(() => rememberOpen('acme', true)).not.toThrow();
    expect(wasOpen('acme')).toBe(false);
    vi.restoreAllMocks();
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => rememberOpen('acme', true)).not.toThrow();
    expect(wasOpen('acme')).toBe(false);
  });
});
