// The account's conversations in three lists: waiting for an agent, open, and closed; each with a
// preview of its last message and an unread marker, and an alert when one starts waiting.
import type { Agent, ConversationSummary, Queue } from './types';
import { useUnread, useWaitingAlert } from './attention';
import { isActive, mainParticipants, nameOf, skillName, time } from './format';

const SECTIONS: ReadonlyArray<{ queue: Queue; title: string }> = [
  { queue: 'waiting', title: 'Waiting' },
  { queue: 'open', title: 'Open' },
  { queue: 'closed', title: 'Closed' },
];

interface Props {
  /** undefined while the list is loading. */
  conversations: readonly ConversationSummary[] | undefined;
  agents: readonly Agent[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

function who(c: ConversationSummary, agents: readonly Agent[]): string {
  const agent = mainParticipants(c).find((p) => p.role === 'ASSIGNED_AGENT');
  if (!agent) return c.queue === 'closed' ? 'closed' : skillName(c.skillId);
  return isActive(agent) ? nameOf(agents, agent.id) : `suggested to ${nameOf(agents, agent.id)}`;
}

function preview(c: ConversationSummary): string {
  const last = c.lastMessage;
  if (!last) return 'No messages yet';
  return last.role === 'CONSUMER' ? last.text : `You: ${last.text}`;
}

export function ConversationList({ conversations: loaded, agents, selectedId, onSelect }: Props) {
  const conversations = loaded ?? [];
  const unread = useUnread(conversations, selectedId);
  const alert = useWaitingAlert(loaded);
  return (
    <nav className="conversations" aria-label="Conversations">
      {alert && (
        <p role="alert" className="waiting-alert">
          {alert}
        </p>
      )}
      {SECTIONS.map(({ queue, title }) => {
        const items = conversations.filter((c) => c.queue === queue).sort((a, b) => b.startTs - a.startTs);
        return (
          <section key={queue} className={`queue queue-${queue}`}>
            <h2 id={`queue-${queue}`}>
              {title} <span className="count">{items.length}</span>
            </h2>
            <ul aria-labelledby={`queue-${queue}`}>
              {items.length === 0 && <li className="empty">None</li>}
              {items.map((c) => (
                <li key={c.id}>
                  <button
                    type="button"
                    className="conversation"
                    aria-current={c.id === selectedId ? 'true' : undefined}
                    onClick={() => onSelect(c.id)}
                  >
                    <span className="conv-preview">
                      {unread.has(c.id) && <span className="unread">Unread</span>}
                      <span className="conv-text">{preview(c)}</span>
                    </span>
                    <span className="conv-meta">
                      {time(c.lastMessage?.serverTimestamp ?? c.startTs)} · {who(c, agents)}
                    </span>
                    <span className="conv-id">{c.id}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
