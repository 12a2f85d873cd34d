// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FaultBoundary } from './boundaries';
import { lazyPart } from './lazyPart';

type Props = { text: string };
const Shown = ({ text }: Props) => <p>{text}</p>;
const Waiting = ({ text }: Props) => <p aria-busy="true">waiting for {text}</p>;

describe('a lazy part', () => {
  it('holds its place with the fallback until its code arrives, and fetches it once', async () => {
    let arrive: (part: typeof Shown) => void = () => undefined;
    const load = vi.fn(() => new Promise<typeof Shown>((resolve) => (arrive = resolve)));
    const Part = lazyPart(load, Waiting);
    Part.preload();
    const { unmount } = render(<Part text="hello" />);
    expect(screen.getByText('waiting for hello').getAttribute('aria-busy')).toBe('true');
    arrive(Shown);
    expect((await screen.findByText('hello')).tagName).toBe('P');
    expect(screen.queryByText('waiting for hello')).toBeNull();
    unmount();
    render(<Part text="again" />);
    expect(screen.getByText('again')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('lets its fault boundary say that the fetch failed, and fetches again when shown again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const load = vi.fn<() => Promise<typeof Shown>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce(Shown);
    const Part = lazyPart(load, Waiting);
    const shown = (text: string) => (
      <FaultBoundary key={text} part="a part" fallback={<p>failed</p>}>
        <Part text={text} />
      </FaultBoundary>
    );
    const { rerender } = render(shown('first'));
    expect(await screen.findByText('failed')).toBeTruthy();
    rerender(shown('second'));
    expect(await screen.findByText('second')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
    vi.restoreAllMocks();
  });
});
