// Demo faults, server-wide: drop every consumer socket, silence them (never read, written or
// closed: a network that lost them without a word), or expire every token issued so far.
import { useId, useState } from 'react';
import { faultsApi } from './api';
import { useAction } from './queries';

export function Faults({ account }: { account: string }) {
  const ids = useId();
  const [code, setCode] = useState('');
  const [done, setDone] = useState('');
  const parsed = code.trim() === '' ? undefined : Number(code);
  const validCode = parsed === undefined || (Number.isInteger(parsed) && parsed >= 1000 && parsed <= 4999);
  const drop = useAction(account, (c: number | undefined) => faultsApi.drop(c));
  const expire = useAction(account, () => faultsApi.expireTokens());
  const silence = useAction(account, () => faultsApi.blackhole());

  return (
    <section className="panel faults" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Faults</h2>
      <p className="hint">For demos: affects every account on this server.</p>
      <div className="field">
        <label htmlFor={`${ids}-code`}>Close code (optional)</label>
        <input id={`${ids}-code`} inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} placeholder="e.g. 1011" aria-invalid={!validCode} />
      </div>
      {!validCode && <p className="field-error">A close code is a whole number from 1000 to 4999.</p>}
      <div className="button-row">
        <button type="button" disabled={!validCode || drop.isPending} onClick={() => drop.mutate(parsed, { onSuccess: () => setDone('All sockets dropped.') })}>
          Drop all sockets
        </button>
        <button type="button" disabled={expire.isPending} onClick={() => expire.mutate(undefined, { onSuccess: () => setDone('Tokens expired.') })}>
          Expire tokens
        </button>
        <button
          type="button"
          disabled={silence.isPending}
          onClick={() => silence.mutate(undefined, { onSuccess: ({ silenced }) => setDone(silenced === 0 ? 'No socket left to silence.' : `${silenced} socket${silenced === 1 ? '' : 's'} silenced: never answered or closed, until the clients notice.`) })}
        >
          Silence sockets
        </button>
      </div>
      <p className="hint" role="status">{done}</p>
    </section>
  );
}
