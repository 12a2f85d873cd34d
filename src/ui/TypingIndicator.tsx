import type { ChatView } from '../core/model';
import { useI18n } from './i18n';
import { agentName } from './text';

/** "Dana is typing…" with three dots, while the agent composes. */
export function TypingIndicator({ chat }: { chat: ChatView }) {
  const { t } = useI18n();
  if (!chat.agentTyping) return null;
  return (
    <div className="parley-typing">
      <span className="parley-typing-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span>{t('typing', { name: agentName(t, chat.names, chat.agentTyping.participantId) })}</span>
    </div>
  );
}
