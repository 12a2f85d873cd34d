import type { ChatView } from '../core/model';
import { t } from './i18n';
import { agentName } from './names';

/** "Dana is typing…" with three dots, while the agent composes. */
export function TypingIndicator({ chat }: { chat: ChatView }) {
  if (!chat.agentTyping) return null;
  return (
    <div className="parley-typing">
      <span className="parley-typing-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      <span>{t('typing', { name: agentName(chat.names, chat.agentTyping.participantId) })}</span>
    </div>
  );
}
