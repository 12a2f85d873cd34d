import type { ChatView } from '../core/model';
import { Avatar } from './Avatar';
import { useI18n } from './i18n';
import { agentName } from './text';
import { WindowMenu, type CueSettings } from './WindowMenu';
import './Header.css';

export interface HeaderProps {
  chat: ChatView;
  canEnd: boolean;
  onEnd: () => void;
  /** The pointer is over or the focus on End conversation: what it shows may be fetched. */
  onEndIntent?: () => void;
  onClose: () => void;
  /** The sound and notification settings (the window's menu shows only with them). */
  cues?: CueSettings | undefined;
}

/** The window's title bar: who the visitor is talking to, End conversation and Close. */
export function Header({ chat, canEnd, onEnd, onEndIntent, onClose, cues }: HeaderProps) {
  const { t } = useI18n();
  // Once the conversation is over the header is the idle one, whoever ended it (an agent who
  // closed it may still be listed as a participant; a visitor's end removes them).
  const agent = chat.stage === 'closed' ? undefined : chat.agent;
  const title = agent ? agentName(t, chat.names, agent.participantId) : t('headerWaiting');
  const subtitle = agent ? undefined : chat.stage === 'open' ? t('headerWaitingSubtitle') : t('headerIdleSubtitle');
  return (
    <header className="parley-header">
      {agent && <Avatar name={title} url={chat.avatars?.[agent.participantId]} />}
      <div className="parley-header-text">
        <h2 className="parley-header-title">{title}</h2>
        {subtitle && <p className="parley-header-subtitle">{subtitle}</p>}
      </div>
      {canEnd && (
        <button type="button" className="parley-header-end" onClick={onEnd} onPointerEnter={onEndIntent} onFocus={onEndIntent}>
          {t('endConversation')}
        </button>
      )}
      {cues && <WindowMenu cues={cues} />}
      <button type="button" className="parley-header-close" aria-label={t('closeWindow')} onClick={onClose}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M6 9l6 6 6-6" />
        </svg>
      </button>
    </header>
  );
}
