// How components reach the chat session of their widget: the session (context, provided by
// ParleyRoot), its snapshots (read with useSyncExternalStore: the session is the one store; an
// unchanged view is the same object, so nothing re-renders for nothing), and its actions. Actions
// that return a promise are mutations, for their pending and error states; the plain calls
// (setComposing, start) are called on the session directly.
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ChatView, ConnectionView, QuickReplyOption } from '../core/model';
import type { ChatSession } from '../core/session';

export const SessionContext = createContext<ChatSession | null>(null);

export function useSession(): ChatSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('Parley: components must be rendered inside <ParleyRoot>.');
  return session;
}

function useSnapshot<T>(select: (session: ChatSession) => T): T {
  const session = useSession();
  const subscribe = useCallback((onChange: () => void) => session.subscribe(onChange), [session]);
  const read = useCallback(() => select(session), [session, select]);
  return useSyncExternalStore(subscribe, read, read);
}

const chatOf = (session: ChatSession) => session.getSnapshot().chat;
const connectionOf = (session: ChatSession) => session.getSnapshot().connection;

export const useChatView = (): ChatView => useSnapshot(chatOf);
export const useConnectionView = (): ConnectionView => useSnapshot(connectionOf);

export function useSendMessage() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'send'], mutationFn: (text: string) => session.send(text) });
}

/** Sends the message that shows "Not sent" in the row with that key again. */
export function useRetryMessage() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'retry'], mutationFn: (rowKey: string) => session.retry(rowKey) });
}

/** The visitor chose a quick reply offered under the message with that row key. */
export function useChooseQuickReply() {
  const session = useSession();
  return useMutation({
    mutationKey: ['parley', 'quick-reply'],
    mutationFn: ({ rowKey, option }: { rowKey: string; option: QuickReplyOption }) => session.chooseQuickReply(rowKey, option),
  });
}

export function useEndConversation() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'end'], mutationFn: () => session.endConversation() });
}

/** Marks the waiting conversation urgent (only where the session offers it: `session.markUrgent`). */
export function useMarkUrgent() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'urgent'], mutationFn: () => (session.markUrgent ? session.markUrgent() : Promise.resolve()) });
}

/** Rates the ended conversation (only where the session offers it: `session.rateConversation`). */
export function useRateConversation() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'rate'], mutationFn: (stars: number) => (session.rateConversation ? session.rateConversation(stars) : Promise.resolve()) });
}
