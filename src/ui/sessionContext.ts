// The chat session of the widget instance being rendered (provided by ParleyApp).
import { createContext, useContext } from 'react';
import type { ChatSession } from '../core/session';

export const SessionContext = createContext<ChatSession | null>(null);

export function useSession(): ChatSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('Parley: components must be rendered inside <ParleyApp>.');
  return session;
}
