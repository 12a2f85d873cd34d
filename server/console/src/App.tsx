// The agent console: conversations on the left, the selected one in the middle, actions on the right.
import { useMemo, useState } from 'react';
import { accountApi } from './api';
import { ErrorBanner } from './ErrorBanner';
import { useAccount } from './useAccount';
import { useLiveUpdates } from './useLiveUpdates';
import { useAgents, useConversation, useConversations } from './queries';
import { Header } from './Header';
import { ConversationList } from './ConversationList';
import { Transcript } from './Transcript';
import { VisitorTyping } from './VisitorTyping';
import { SurveyResults } from './SurveyResults';
import { Composer } from './Composer';
import { SendFile } from './SendFile';
import { Actions } from './Actions';
import { Faults } from './Faults';
import { Settings } from './Settings';
import { isActive, isEnded, mainParticipants } from './format';

export function App() {
  const [account, setAccount] = useAccount();
  const api = useMemo(() => accountApi(account), [account]);
  const mode = useLiveUpdates(account, api.streamUrl);
  const agents = useAgents(api, account).data ?? [];
  const conversations = useConversations(api, account, mode);
  const [chosenAgent, setAgent] = useState('');
  const [selected, setSelected] = useState<{ account: string; id: string } | null>(null);
  const selectedId = selected?.account === account ? selected.id : null;
  const detail = useConversation(api, account, selectedId, mode).data ?? null;
  const agentId = agents.some((a) => a.id === chosenAgent) ? chosenAgent : (agents[0]?.id ?? '');

  return (
    <div className="console">
      <Header account={account} onAccount={setAccount} agents={agents} agentId={agentId} onAgent={setAgent} mode={mode} key={account} />
      <ErrorBanner />
      {conversations.error && (
        <p className="error-banner" role="alert">
          Cannot load the conversations: {conversations.error.message}
        </p>
      )}
      {!account ? (
        <p className="placeholder">Enter an account id above to open its conversations.</p>
      ) : (
        <main className="workspace">
          <ConversationList
            conversations={conversations.data}
            agents={agents}
            selectedId={selectedId}
            onSelect={(id) => setSelected({ account, id })}
          />
          <section className="conversation-view" aria-label="Selected conversation">
            {!detail ? (
              <p className="placeholder">{selectedId ? 'Loading…' : 'Select a conversation.'}</p>
            ) : (
              <>
                <h2 className="conversation-title">
                  Conversation <span className="conv-id">{detail.id}</span>
                </h2>
                <Transcript detail={detail} agents={agents} api={api} />
                {!isEnded(detail) && <VisitorTyping state={detail.visitorChatState} />}
                <SurveyResults detail={detail} />
                {isEnded(detail) ? null : mainParticipants(detail).some((p) => p.id === agentId && isActive(p)) ? (
                  <>
                    <Composer key={`${detail.id}:${agentId}`} api={api} account={account} conversationId={detail.id} agentId={agentId} />
                    <SendFile key={`file:${detail.id}:${agentId}`} api={api} account={account} conversationId={detail.id} agentId={agentId} />
                  </>
                ) : (
                  <p className="hint composer-hint">Accept the conversation (or join as a manager) to reply.</p>
                )}
              </>
            )}
          </section>
          <aside className="side">
            {detail && agentId && <Actions key={detail.id} api={api} account={account} detail={detail} agents={agents} agentId={agentId} />}
            <Settings api={api} account={account} mode={mode} />
            <Faults account={account} />
          </aside>
        </main>
      )}
    </div>
  );
}
