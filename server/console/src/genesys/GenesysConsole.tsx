// The agent console for Genesys chats: a GWS client (sign-in, /v2/me/chats over CometD, chat
// operations over REST) rendering only from what GWS sends. Served at /agent/genesys.html.
import { useId, useState } from 'react';
import { ErrorBanner } from '../ErrorBanner';
import { reportError } from '../errors';
import { can, type ChatEntry } from './chatStore';
import { GenesysComposer } from './GenesysComposer';
import { GenesysFaults } from './GenesysFaults';
import { GenesysTranscript } from './GenesysTranscript';
import { useGws, type Gws } from './useGws';

const AGENTS = ['dana', 'sam', 'morgan'];
const STATUS_LABEL = { connecting: 'Connecting…', connected: 'Live', disconnected: 'Offline' } as const;

function SignIn({ gws }: { gws: Gws }) {
  const ids = useId();
  const [user, setUser] = useState('dana');
  const [password, setPassword] = useState('parley');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="account"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        gws
          .signIn(user, password)
          .catch(reportError)
          .finally(() => setBusy(false));
      }}
    >
      <label htmlFor={`${ids}-user`}>Agent</label>
      <select id={`${ids}-user`} value={user} onChange={(e) => setUser(e.target.value)}>
        {AGENTS.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <label htmlFor={`${ids}-pw`}>Password</label>
      <input id={`${ids}-pw`} type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit" disabled={busy}>
        Sign in
      </button>
    </form>
  );
}

const customerOf = (e: ChatEntry) => e.chat.participants.find((p) => p.role === 'customer')?.nickname ?? 'Customer';

function ChatList({ entries, selected, onSelect }: { entries: ChatEntry[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <nav className="conversations" aria-label="Chats">
      <h2>Chats</h2>
      {entries.length === 0 ? (
        <p className="empty">No chats yet.</p>
      ) : (
        <ul className="queue">
          {entries.map((e) => (
            <li key={e.chat.id}>
              <button type="button" className="conversation" aria-current={e.chat.id === selected} onClick={() => onSelect(e.chat.id)}>
                <span>{customerOf(e)}</span>
                <span className="conv-meta">
                  {e.chat.state} · <span className="conv-id">{e.chat.id}</span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

function ChatActions({ gws, entry }: { gws: Gws; entry: ChatEntry }) {
  const run = (op: string) => gws.operate(entry.chat.id, op).catch(reportError);
  return (
    <section className="panel" aria-label="Chat actions">
      <h2>Chat</h2>
      <p className="status">State: {entry.chat.state}</p>
      <div className="button-row">
        {can(entry, 'Accept') && (
          <button type="button" className="primary" onClick={() => void run('Accept')}>
            Accept
          </button>
        )}
        {can(entry, 'Leave') && (
          <button type="button" onClick={() => void run('Leave')}>
            Leave
          </button>
        )}
        {can(entry, 'Complete') && (
          <button type="button" className="danger" onClick={() => void run('Complete')}>
            Complete
          </button>
        )}
      </div>
    </section>
  );
}

export function GenesysConsole() {
  const gws = useGws();
  const [selected, setSelected] = useState<string | null>(null);
  const entries = Object.values(gws.chats).sort((a, b) => (a.messages[0]?.time ?? 0) - (b.messages[0]?.time ?? 0));
  const entry = selected ? gws.chats[selected] : undefined;

  return (
    <div className="console">
      <header className="topbar">
        <h1>Parley · Genesys agent console</h1>
        {gws.user ? (
          <>
            <span>Signed in as {gws.user}</span>
            <button type="button" onClick={gws.signOut}>
              Sign out
            </button>
            <span className={`live live-${gws.status === 'connected' ? 'live' : 'polling'}`} role="status">
              {STATUS_LABEL[gws.status]}
            </span>
          </>
        ) : (
          <SignIn gws={gws} />
        )}
      </header>
      <ErrorBanner />
      {!gws.user ? (
        <p className="placeholder">Sign in as a Genesys agent (Dana, Sam or Morgan; password parley).</p>
      ) : (
        <main className="workspace">
          <ChatList entries={entries} selected={selected} onSelect={setSelected} />
          <section className="conversation-view" aria-label="Selected chat">
            {!entry ? (
              <p className="placeholder">Select a chat.</p>
            ) : (
              <>
                <h2 className="conversation-title">
                  Chat with {customerOf(entry)} <span className="conv-id">{entry.chat.id}</span>
                </h2>
                <GenesysTranscript entry={entry} />
                {entry.customerTyping && (
                  <p className="hint" role="status">
                    {customerOf(entry)} is typing…
                  </p>
                )}
                {can(entry, 'SendMessage') ? (
                  <GenesysComposer key={entry.chat.id} gws={gws} chatId={entry.chat.id} canWhisper={can(entry, 'SendToAgents')} />
                ) : (
                  <p className="hint composer-hint">{can(entry, 'Accept') ? 'Accept the chat to reply.' : 'This chat is over for you.'}</p>
                )}
              </>
            )}
          </section>
          <aside className="side">
            {entry && <ChatActions gws={gws} entry={entry} />}
            <GenesysFaults />
          </aside>
        </main>
      )}
    </div>
  );
}
