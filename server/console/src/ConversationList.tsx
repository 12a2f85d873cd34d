// The account's conversations in three lists: waiting for an agent, open, and closed.
import type { Agent, ConversationSummary, Queue } from './types';
import { isActive, mainParticipants, nameOf, time } from './format';

const SECTIONS: ReadonlyArray<{ queue: Queue; title: string }> = [
  { queue: 'waiting', title: 'Waiting' },
  { queue: 'open', title: 'Open' },
  { queue: 'closed', title: 'Closed' },
];

interface Props {
  conversations: readonly ConversationSummary[];
  agents: readonly Agent[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

function who(c: ConversationSummary, agents: readonly Agent[]): string {
  const agent = mainParticipants(c).find((p) => p.role === 'ASSIGNED_AGENT');
  if (!agent) return c.queue === 'closed' ? 'closed' : `skill ${c.skillId || 'any'}`;
  return isActive(agent) ? nameOf(agents, agent.id) : `suggested to ${nameOf(agents, agent.id)}`;
}

export function ConversationList({ conversations, agents, selectedId, onSelect }: Props) {
  return (
    <nav className="conversations" aria-label="Conversations">
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
                    <span className="conv-id">{c.id}</span>
                    <span className="conv-meta">
                      {time(c.startTs)} · {who(c, agents)}
                    </span>
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
