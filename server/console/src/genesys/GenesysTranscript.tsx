// A Genesys chat's messages as GWS sent them: text, joins and leaves, URLs, notices; internal ones marked.
import type { GwsMessage } from '../../../../src/genesys/gwsDecode';
import { time } from '../format';
import type { ChatEntry } from './chatStore';

function body(m: GwsMessage): string {
  const who = m.from?.nickname || 'Someone';
  switch (m.kind) {
    case 'text':
      return m.text ?? '';
    case 'joined':
      return `${who} joined`;
    case 'rejoined':
      return `${who} rejoined`;
    case 'left':
      return `${who} left`;
    case 'url':
      return m.url ?? '';
    case 'notice':
      return m.text ?? '';
    case 'customNotice':
    case 'nicknameUpdated':
      return m.noticeText ?? m.text ?? '';
    default:
      return m.type;
  }
}

/** Typing notices are shown as "is typing…", not as rows. */
const shown = (m: GwsMessage) => m.kind !== 'typingStarted' && m.kind !== 'typingStopped';

export function GenesysTranscript({ entry }: { entry: ChatEntry }) {
  return (
    <ol className="messages transcript" aria-label="Transcript">
      {entry.messages.filter(shown).map((m) => {
        const side = m.from?.role === 'customer' ? 'consumer' : 'agent';
        const internal = !m.visibleToVisitor;
        return (
          <li key={m.index} className={`message message-${side}${internal ? ' message-private' : ''}`} data-kind={m.kind}>
            <div className="message-head">
              <span className="author">{m.from?.nickname || m.from?.type || 'System'}</span>
              {internal && <span className="tag">agents only</span>}
              <span className="seq">#{m.index}</span>
            </div>
            <p className="message-text">{body(m)}</p>
            <div className="message-foot">
              <time>{m.time === undefined ? '' : time(m.time)}</time>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
