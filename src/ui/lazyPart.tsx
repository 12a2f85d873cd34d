// A part of the window that a visitor does not need when it opens (the end confirmation, the
// rating, the earlier conversations, a shared file), kept out of the window's chunk: its code is
// fetched the first time it is shown, or earlier on the visitor's intent (`preload`, on hover or
// focus of what shows it). Until it arrives the part's fallback holds its place. A fetch that
// failed (offline) lets the part's fault boundary say so, and is tried again the next time the
// part is shown.
import { lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

export interface LazyPart<P extends object> {
  (props: P): ReactNode;
  /** Fetches the part's code now (it is fetched once). */
  preload(): void;
}

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, fallback: (props: P) => ReactNode): LazyPart<P> {
  let code: Promise<{ default: ComponentType<P> }> | undefined;
  let failed = false;
  const fetchCode = () =>
    (code ??= load().then(
      (part) => ({ default: part }),
      (error: unknown) => {
        failed = true;
        throw error;
      },
    ));
  let Part = lazy(fetchCode);
  function Lazy(props: P) {
    // A part shown again after its fetch failed fetches again.
    const [Current] = useState(() => {
      if (failed) {
        failed = false;
        code = undefined;
        Part = lazy(fetchCode);
      }
      return Part;
    });
    return (
      <Suspense fallback={fallback(props)}>
        <Current {...props} />
      </Suspense>
    );
  }
  return Object.assign(Lazy, { preload: () => void fetchCode().catch(() => undefined) });
}
