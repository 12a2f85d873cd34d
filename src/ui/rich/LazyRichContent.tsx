// The hook between a message bubble and the structured-content renderer: the renderer is a lazy
// chunk, fetched when rich content first appears; until it arrives (or if it cannot be fetched) the
// bubble shows the message's fallback text.
import { lazy, Suspense } from 'react';
import type { ReactNode } from 'react';
import type { RichContentProps } from './RichContent';

const FallbackOnly = ({ fallback }: RichContentProps) => <>{fallback}</>;

const Renderer = lazy(() => import('./RichContent').catch(() => ({ default: FallbackOnly })));

export function LazyRichContent(props: RichContentProps): ReactNode {
  return (
    <Suspense fallback={props.fallback}>
      <Renderer {...props} />
    </Suspense>
  );
}
