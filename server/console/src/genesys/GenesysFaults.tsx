// The Genesys faults: a Bayeux restart (every session unknown, as in a node failover), a dropped
// long poll, delayed deliveries. Server-wide.
import { useId, useState } from 'react';
import { reportError } from '../errors';
import { genesysFaults } from './gwsClient';

export function GenesysFaults() {
  const ids = useId();
  const [delay, setDelay] = useState('0');
  const [done, setDone] = useState('');
  const parsed = Number(delay);
  const validDelay = delay.trim() !== '' && Number.isInteger(parsed) && parsed >= 0 && parsed <= 60_000;
  const run = (what: Promise<unknown>, message: string) => what.then(() => setDone(message), reportError);
  return (
    <section className="panel faults" aria-labelledby={`${ids}-h`}>
      <h2 id={`${ids}-h`}>Genesys faults</h2>
      <p className="hint">For demos: affects every chat on this server.</p>
      <div className="button-row">
        <button type="button" onClick={() => void run(genesysFaults.restart(), 'Bayeux servers restarted.')}>
          Restart Bayeux
        </button>
        <button type="button" onClick={() => void run(genesysFaults.dropLongPoll(), 'Long polls dropped.')}>
          Drop long poll
        </button>
      </div>
      <div className="field">
        <label htmlFor={`${ids}-delay`}>Delivery delay (ms)</label>
        <input id={`${ids}-delay`} inputMode="numeric" value={delay} onChange={(e) => setDelay(e.target.value)} aria-invalid={!validDelay} />
      </div>
      {!validDelay && <p className="field-error">A delay is a whole number of milliseconds from 0 to 60000.</p>}
      <button type="button" disabled={!validDelay} onClick={() => void run(genesysFaults.delay(parsed), `Deliveries delayed by ${parsed} ms.`)}>
        Set delay
      </button>
      <p className="hint" role="status">
        {done}
      </p>
    </section>
  );
}
