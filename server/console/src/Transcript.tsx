// The selected conversation's messages per dialog, each with its receipt state. It follows new
// messages (scrolls to the newest) unless the agent scrolled up to read earlier ones.
import { useLayoutEffect, useRef } from 'react';
import type { Agent, ConversationDetail, TranscriptEntry } from './types';
import { consumerAcknowledged, isContent, receiptFor } from './receipts';
import { nameOf, time } from './format';
import { Receipt } from './Receipt';
import { SharedFile } from './SharedFile';
import type { AccountApi } from './api';

interface Props {
  detail: ConversationDetail;
  agents: readonly Agent[];
  /** Shows shared files (signed URLs); without it a file shows by its caption. */
  api?: Pick<AccountApi, 'fileUrl'>;
}

function author(e: TranscriptEntry, agents: readonly Agent[]): string {
  if (e.role === 'CONSUMER') return 'Consumer';
  if (e.role === 'AGENT' && !agents.some((a) => a.id === e.originatorId)) return 'Survey bot';
  const name = nameOf(agents, e.originatorId);
  return e.role === 'ASSIGNED_AGENT' ? name : `${name} (${e.role.toLowerCase().replace('_', ' ')})`;
}

function Message({ detail, entry, agents, ack, api }: Props & { entry: TranscriptEntry; ack: ReturnType<typeof consumerAcknowledged> }) {
  const side = entry.role === 'CONSUMER' ? 'consumer' : 'agent';
  const privateNote = entry.audience === 'AGENTS_AND_MANAGERS';
  return (
    <li className={`message message-${side}${privateNote ? ' message-private' : ''}`}>
      <div className="message-head">
        <span className="author">{author(entry, agents)}</span>
        {privateNote && <span className="tag">private note</span>}
        <span className="seq">#{entry.sequence}</span>
      </div>
      {entry.event.kind === 'file' ? (
        api ? <SharedFile api={api} conversationId={detail.id} file={entry.event} /> : <p className="message-text">File: {entry.event.caption || entry.event.fileType}</p>
      ) : (
        <p className="message-text">{entry.event.kind === 'text' ? entry.event.text : entry.event.kind === 'other' ? entry.event.label : ''}</p>
      )}
      {entry.event.kind === 'text' && entry.event.quickReplies.length > 0 && (
        <ul className="quick-replies" aria-label="Quick replies">
          {entry.event.quickReplies.map((q, i) => (
            <li key={i}>{q}</li>
          ))}
        </ul>
      )}
      <div className="message-foot">
        <time>{time(entry.serverTimestamp)}</time>
        <Receipt state={receiptFor(detail, entry, ack)} />
      </div>
    </li>
  );
}

/** Within this many pixels of the bottom, the transcript counts as following the newest message. */
const FOLLOW_SLACK_PX = 40;

export function Transcript({ detail, agents, api }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const dialogs = detail.transcript.filter((t) => t.entries.some(isContent));
  const newest = dialogs.map((t) => `${t.dialogId}:${t.entries.filter(isContent).length}`).join(' ');
  useLayoutEffect(() => {
    following.current = true; // a conversation opens at its newest message
  }, [detail.id]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && following.current) el.scrollTop = el.scrollHeight;
  }, [detail.id, newest]);
  if (dialogs.length === 0) return <p className="placeholder">No messages yet.</p>;
  const onScroll = () => {
    const el = scroller.current;
    if (el) following.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_SLACK_PX;
  };
  return (
    <div className="transcript" ref={scroller} onScroll={onScroll}>
      {dialogs.map((t) => {
        const ack = consumerAcknowledged(t.entries);
        return (
          <section key={t.dialogId} aria-label={`${t.dialogType} dialog`}>
            {dialogs.length > 1 && <h3 className="dialog-title">{t.dialogType === 'MAIN' ? 'Conversation' : 'Post-conversation survey'}</h3>}
            <ol className="messages" aria-label="Transcript">
              {t.entries.filter(isContent).map((e) => (
                <Message key={e.sequence} detail={detail} entry={e} agents={agents} ack={ack} {...(api ? { api } : {})} />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
