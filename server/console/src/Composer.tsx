// The reply box: typing sends COMPOSING, a pause or sending sends ACTIVE (COMPOSING → publish → ACTIVE).
import { useEffect, useId, useRef, useState } from 'react';
import type { AccountApi, SendMessage } from './api';
import { reportError } from './errors';
import { useAction } from './queries';

export const TYPING_IDLE_MS = 1500;

interface Props {
  api: AccountApi;
  account: string;
  conversationId: string;
  agentId: string;
}

export const parseQuickReplies = (field: string): string[] =>
  field.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

export function Composer({ api, account, conversationId, agentId }: Props) {
  const [text, setText] = useState('');
  const [replies, setReplies] = useState('');
  const [privateNote, setPrivateNote] = useState(false);
  const ids = useId();
  const composing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The reply is taken from the box when it is sent, so what is typed while it is in flight stays.
  const send = useAction(account, (m: Omit<SendMessage, 'agentId'>) => api.send(conversationId, { agentId, ...m }));

  // Stop "typing" when the conversation or the agent changes, or the console goes away.
  useEffect(() => {
    return () => {
      clearTimeout(idle.current);
      if (composing.current) {
        composing.current = false;
        api.typing(conversationId, agentId, 'ACTIVE').catch(reportError);
      }
    };
  }, [api, conversationId, agentId]);

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (!composing.current) return;
    composing.current = false;
    api.typing(conversationId, agentId, 'ACTIVE').catch(reportError);
  };

  const onType = (value: string) => {
    setText(value);
    if (value.trim() === '') return stopTyping();
    if (!composing.current) {
      composing.current = true;
      api.typing(conversationId, agentId, 'COMPOSING').catch(reportError);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const onSubmit = (e: { preventDefault(): void }) => {
    e.preventDefault();
    if (text.trim() === '' || send.isPending) return;
    const sent = { text, replies, privateNote };
    const quickReplies = parseQuickReplies(replies);
    // Clear at once (a private note is one message: the box is unticked too); on failure the reply
    // comes back, ahead of anything typed since.
    setText('');
    setReplies('');
    setPrivateNote(false);
    send.mutate(
      {
        text: sent.text.trim(),
        ...(quickReplies.length > 0 ? { quickReplies } : {}),
        ...(sent.privateNote ? { audience: 'AGENTS_AND_MANAGERS' as const } : {}),
      },
      {
        onError: () => {
          setText((typed) => (typed.trim() === '' ? sent.text : `${sent.text}\n${typed}`));
          setReplies((typed) => typed || sent.replies);
          setPrivateNote((ticked) => ticked || sent.privateNote);
        },
        onSettled: stopTyping,
      },
    );
  };

  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={`${ids}-reply`}>Reply</label>
      <textarea
        id={`${ids}-reply`}
        value={text}
        rows={3}
        placeholder="Type a message; Enter sends, Shift+Enter adds a line"
        onChange={(e) => onType(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) onSubmit(e);
        }}
      />
      <div className="composer-row">
        <div className="field grow">
          <label htmlFor={`${ids}-qr`}>Quick replies (comma-separated)</label>
          <input id={`${ids}-qr`} value={replies} onChange={(e) => setReplies(e.target.value)} placeholder="Yes, No, Maybe later" />
        </div>
        <label className="inline">
          <input type="checkbox" checked={privateNote} onChange={(e) => setPrivateNote(e.target.checked)} />
          Private note
        </label>
        <button type="submit" className="primary" disabled={text.trim() === '' || send.isPending}>
          Send
        </button>
      </div>
    </form>
  );
}
