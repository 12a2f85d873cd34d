// The Genesys console's state, a pure function of what GWS said: /v2/me/chats notifications and the
// REST reads used to resync after a (re-)handshake. Messages are keyed by index (deduplicated,
// sorted; indices may skip), and a chat's capabilities decide what the agent may do.
import type { GwsChat, GwsMessage, GwsNotification } from '../../../../src/genesys/gwsDecode';

export interface ChatEntry {
  chat: GwsChat;
  messages: GwsMessage[];
  /** The customer is typing (its last typing message was TypingStarted). */
  customerTyping: boolean;
}

export type ChatsState = Readonly<Record<string, ChatEntry>>;

export const emptyChats: ChatsState = {};

function mergeMessages(old: readonly GwsMessage[], added: readonly GwsMessage[]): GwsMessage[] {
  const byIndex = new Map<number, GwsMessage>();
  for (const m of old) byIndex.set(m.index, m);
  for (const m of added) byIndex.set(m.index, m);
  return [...byIndex.values()].sort((a, b) => a.index - b.index);
}

function typingOf(messages: readonly GwsMessage[]): boolean {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as GwsMessage;
    if (m.from?.role !== 'customer') continue;
    if (m.kind === 'typingStarted') return true;
    if (m.kind === 'typingStopped' || m.kind === 'text' || m.kind === 'left') return false;
  }
  return false;
}

function withChat(state: ChatsState, chat: GwsChat): ChatsState {
  const old = state[chat.id];
  return { ...state, [chat.id]: { chat, messages: old?.messages ?? [], customerTyping: old?.customerTyping ?? false } };
}

function withMessages(state: ChatsState, chatId: string, messages: readonly GwsMessage[]): ChatsState {
  const old = state[chatId];
  // A log for a chat the console does not know yet waits for the chat (the resync reads it).
  if (!old) return state;
  const merged = mergeMessages(old.messages, messages);
  return { ...state, [chatId]: { ...old, messages: merged, customerTyping: typingOf(merged) } };
}

export function applyNotification(state: ChatsState, n: GwsNotification): ChatsState {
  if (n.kind === 'chatState') return n.chat ? withChat(state, n.chat) : state;
  if (n.kind === 'messageLog' && n.chatId !== undefined) return withMessages(state, n.chatId, n.messages);
  return state;
}

/** After a (re-)handshake: the chats GWS lists now, and the transcripts read for them. */
export function applySnapshot(state: ChatsState, chats: readonly GwsChat[], transcripts: Readonly<Record<string, readonly GwsMessage[]>>): ChatsState {
  let next: ChatsState = {};
  for (const chat of chats) {
    next = withChat({ ...next, ...(state[chat.id] ? { [chat.id]: state[chat.id] as ChatEntry } : {}) }, chat);
    next = withMessages(next, chat.id, transcripts[chat.id] ?? []);
  }
  // Chats that ended while the console was away keep their last view, marked by their state.
  for (const [id, entry] of Object.entries(state)) if (!next[id]) next = { ...next, [id]: entry };
  return next;
}

export const can = (entry: ChatEntry | undefined, capability: string): boolean => entry?.chat.capabilities.includes(capability) ?? false;
