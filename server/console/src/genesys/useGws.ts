// One signed-in GWS agent: the client, the chats state it feeds, and the link status.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { GwsChat, GwsMessage, GwsNotification } from '../../../../src/genesys/gwsDecode';
import { reportError } from '../errors';
import { applyNotification, applySnapshot, emptyChats, type ChatsState } from './chatStore';
import { GwsClient, type LinkStatus } from './gwsClient';

type Action = { type: 'notification'; n: GwsNotification } | { type: 'snapshot'; chats: GwsChat[]; transcripts: Record<string, GwsMessage[]> } | { type: 'reset' };

function reduce(state: ChatsState, a: Action): ChatsState {
  if (a.type === 'notification') return applyNotification(state, a.n);
  if (a.type === 'snapshot') return applySnapshot(state, a.chats, a.transcripts);
  return emptyChats;
}

export interface Gws {
  user: string | null;
  status: LinkStatus;
  chats: ChatsState;
  signIn(user: string, password: string): Promise<void>;
  signOut(): void;
  operate(chatId: string, operationName: string, fields?: Record<string, unknown>): Promise<void>;
}

export function useGws(): Gws {
  const client = useRef<GwsClient | null>(null);
  const [user, setUser] = useState<string | null>(null);
  const [status, setStatus] = useState<LinkStatus>('disconnected');
  const [chats, dispatch] = useReducer(reduce, emptyChats);

  useEffect(() => () => client.current?.disconnect(), []);

  const signIn = useCallback(async (name: string, password: string) => {
    client.current?.disconnect();
    dispatch({ type: 'reset' });
    const c = new GwsClient();
    const me = await c.signIn(name, password);
    client.current = c;
    setUser(me.firstName);
    c.connect({
      notification: (n) => dispatch({ type: 'notification', n }),
      snapshot: (list, transcripts) => dispatch({ type: 'snapshot', chats: list, transcripts }),
      status: setStatus,
      error: reportError,
    });
  }, []);

  const signOut = useCallback(() => {
    client.current?.disconnect();
    client.current = null;
    setUser(null);
    setStatus('disconnected');
    dispatch({ type: 'reset' });
  }, []);

  const operate = useCallback(async (chatId: string, operationName: string, fields?: Record<string, unknown>) => {
    if (!client.current) return;
    await client.current.operate(chatId, operationName, fields);
  }, []);

  return { user, status, chats, signIn, signOut, operate };
}
