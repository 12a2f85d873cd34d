// The reply box of a Genesys chat: typing sends SendStartTypingNotification, a pause or sending
// SendStopTypingNotification; "agents only" sends with SendToAgents (never shown to the visitor).
import { useEffect, useId, useRef, useState } from 'react';
import { reportError } from '../errors';
import type { Gws } from './useGws';

export const TYPING_IDLE_MS = 1500;

export function GenesysComposer({ gws, chatId, canWhisper }: { gws: Gws; chatId: string; canWhisper: boolean }) {
  const ids = useId();
  const [text, setText] = useState('');
  const [whisper, setWhisper] = useState(false);
  const [sending, setSending] = useState(false);
  const typing = useRef(false);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const { operate } = gws;

  const stopTyping = () => {
    clearTimeout(idle.current);
    if (!typing.current) return;
    typing.current = false;
    operate(chatId, 'SendStopTypingNotification').catch(reportError);
  };

  useEffect(
    () => () => {
      clearTimeout(idle.current);
      if (typing.current) operate(chatId, 'SendStopTypingNotification').catch(reportError);
    },
    [operate, chatId],
  );

  const onType = (value: string) => {
    setText(value);
    if (value.trim() === '') return stopTyping();
    if (!typing.current) {
      typing.current = true;
      operate(chatId, 'SendStartTypingNotification').catch(reportError);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const send = async () => {
    const value = text.trim();
    if (!value) return;
    setSending(true);
    stopTyping();
    try {
      await operate(chatId, whisper ? 'SendToAgents' : 'SendMessage', { text: value });
      setText('');
    } catch (e) {
      reportError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor={`${ids}-text`}>Reply</label>
      <textarea id={`${ids}-text`} rows={3} value={text} onChange={(e) => onType(e.target.value)} />
      <div className="composer-row">
        {canWhisper && (
          <label className="inline">
            <input type="checkbox" checked={whisper} onChange={(e) => setWhisper(e.target.checked)} /> Agents only
          </label>
        )}
        <span className="grow" />
        <button type="submit" className="primary" disabled={sending || text.trim() === ''}>
          Send
        </button>
      </div>
    </form>
  );
}
