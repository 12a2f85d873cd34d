// The hook between a message bubble and the structured-content renderer: the renderer is a lazy
// chunk, and the session's reader of its backend's content into the neutral tree
// (ChatSession.richContent) may be one too; both are fetched at once when rich content first appears.
// Until they arrive (or if they cannot be fetched, or the session has no reader) the bubble shows the
// message's fallback text.
import { createContext, lazy, Suspense, useContext } from 'react';
import type { ReactNode } from 'react';
import type { RichContentReader } from '../../core/rich';
import type { ChatSession } from '../../core/session';
import type { LoadingReader, RichContentProps, RichContentViewProps } from './RichContent';

const FallbackOnly = ({ fallback }: RichContentViewProps) => <>{fallback}</>;

const Renderer = lazy(() => import('./RichContent').catch(() => ({ default: FallbackOnly })));

const rejectAll: RichContentReader = () => undefined;
const readers = new WeakMap<ChatSession, LoadingReader>();

/** The session's reader, asked for once per session; one that fails to load rejects all content (the fallback shows). */
function readerOf(session: ChatSession): LoadingReader {
  let reader = readers.get(session);
  if (!reader) {
    const loading: LoadingReader = {
      promise: (session.richContent?.() ?? Promise.resolve(rejectAll)).catch(() => rejectAll).then((read) => (loading.value = read)),
    };
    reader = loading;
    readers.set(session, reader);
  }
  return reader;
}

/**
 * The widget's session, for its reader (provided by ParleyRoot). Not useSession(): importing
 * useParleySession.ts from the bubble's parts makes the bundler split the window's hooks into a chunk
 * of their own (about 1.2 KB gz more for the window).
 */
export const RichSessionContext = createContext<ChatSession | null>(null);

export function LazyRichContent(props: RichContentProps): ReactNode {
  const session = useContext(RichSessionContext);
  if (!session?.richContent) return <>{props.fallback}</>;
  return (
    <Suspense fallback={props.fallback}>
      <Renderer {...props} reader={readerOf(session)} />
    </Suspense>
  );
}
