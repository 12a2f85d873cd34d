// Hooks the components use to read the chat (from the widget's query cache) and to act on it
// (mutations that call the session). Components never talk to the session any other way.
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ChatView, ConnectionView, QuickReplyOption } from '../core/model';
import { errorText } from './errorText';
import { chatKey, connectionKey } from './sessionCache';
import { useSession } from './sessionContext';

export function useChatView(): ChatView {
  const session = useSession();
  const { data } = useQuery({
    queryKey: chatKey,
    queryFn: () => session.getSnapshot().chat,
    initialData: () => session.getSnapshot().chat,
    enabled: false,
    staleTime: Infinity,
  });
  return data;
}

export function useConnectionView(): ConnectionView {
  const session = useSession();
  const { data } = useQuery({
    queryKey: connectionKey,
    queryFn: () => session.getSnapshot().connection,
    initialData: () => session.getSnapshot().connection,
    enabled: false,
    staleTime: Infinity,
  });
  return data;
}

/**
 * Why a send failed. `queued` tells whether the message made it into the timeline first (its
 * bubble then shows "Not sent" with Retry) or was refused outright (nothing shows it: the UI must).
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly queued: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SendError';
  }
}

export function useSendMessage() {
  const session = useSession();
  return useMutation<void, SendError, string>({
    mutationKey: ['parley', 'send'],
    mutationFn: async (text) => {
      const before = session.getSnapshot().chat.timeline;
      const sending = session.send(text);
      // The contract: a queued message shows in the timeline at once (pending).
      const queued = session.getSnapshot().chat.timeline !== before;
      try {
        await sending;
      } catch (error) {
        throw new SendError(errorText(error), queued, { cause: error });
      }
    },
  });
}

export function useRetryMessage() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'retry'], mutationFn: (clientId: string) => session.retry(clientId) });
}

/** The visitor chose a quick reply offered under the message (dialogId, sequence). */
export function useChooseQuickReply() {
  const session = useSession();
  return useMutation({
    mutationKey: ['parley', 'quick-reply'],
    mutationFn: ({ dialogId, sequence, option }: { dialogId: string; sequence: number; option: QuickReplyOption }) =>
      session.chooseQuickReply(dialogId, sequence, option),
  });
}

export function useEndConversation() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'end'], mutationFn: () => session.endConversation() });
}

export function useSetComposing() {
  const session = useSession();
  return useMutation({
    mutationKey: ['parley', 'composing'],
    mutationFn: async (composing: boolean) => session.setComposing(composing),
  });
}

/** Asks the session to connect again (after an error status). */
export function useReconnect() {
  const session = useSession();
  return useMutation({ mutationKey: ['parley', 'reconnect'], mutationFn: async () => session.start() });
}
