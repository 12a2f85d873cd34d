// The stand-in's control API for the console: the one typed client (server/control-client.ts, a
// non-2xx answer throws a ControlError carrying the server's `{"error": "…"}` text), with every
// answer the console shows passed through decode.ts first.
import { accountControl, faultControl } from '../../control-client';
import { decodeAgents, decodeConversations, decodeDetail, decodeSettings } from './decode';
import type { Agent, ConversationDetail, ConversationSummary, Settings } from './types';

export type { SendMessage, TransferTarget, TypingState } from '../../control-client';

/** The console is served by the stand-in itself: the API is on its own origin. */
const SAME_ORIGIN = '';

export function accountApi(account: string) {
  const api = accountControl(SAME_ORIGIN, account);
  return {
    agents: async (): Promise<Agent[]> => decodeAgents(await api.agents()),
    conversations: async (): Promise<ConversationSummary[]> => decodeConversations(await api.conversations()),
    conversation: async (id: string): Promise<ConversationDetail | null> => decodeDetail(await api.conversation(id)) ?? null,
    settings: async (): Promise<Settings> => decodeSettings(await api.settings()),
    putSettings: async (s: Partial<Settings>): Promise<Settings> => decodeSettings(await api.putSettings(s)),
    accept: api.accept,
    typing: api.typing,
    send: api.send,
    receipts: api.receipts,
    transfer: api.transfer,
    backToQueue: api.backToQueue,
    addManager: api.addManager,
    close: (id: string, survey: boolean) => api.close(id, survey),
    sendFile: api.sendFile,
    /** A signed URL of a file shared in the conversation, on the console's own origin (the stand-in's swift). */
    fileUrl: async (id: string, relativePath: string): Promise<string> => {
      const t = (await api.fileUrl(id, relativePath)) as { relativePath?: unknown; queryParams?: { temp_url_sig?: unknown; temp_url_expires?: unknown } };
      const sig = t.queryParams?.temp_url_sig;
      const expires = t.queryParams?.temp_url_expires;
      if (t.relativePath !== relativePath || typeof sig !== 'string' || typeof expires !== 'string') throw new Error('The file URL answer is not usable');
      return `${relativePath}?temp_url_sig=${encodeURIComponent(sig)}&temp_url_expires=${encodeURIComponent(expires)}`;
    },
    streamUrl: api.streamUrl,
  };
}

export type AccountApi = ReturnType<typeof accountApi>;

export const faultsApi = faultControl(SAME_ORIGIN);
