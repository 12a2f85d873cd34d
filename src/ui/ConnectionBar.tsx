import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useI18n } from './i18n';
import { connectionErrorText } from './text';
import { useConnectionView, useSession } from './useParleySession';
import type { ConnectionView } from '../core/model';
import './ConnectionBar.css';

function subscribeToNetwork(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** The browser's own word on the network (its online/offline events): false is reliable, true is a hope. */
function useBrowserOffline(): boolean {
  return useSyncExternalStore(
    subscribeToNetwork,
    () => navigator.onLine === false,
    () => false,
  );
}

/** How long a drop from online may last before the bar says so: a blip (a server's deploy, a token refresh, a lost socket replaced at once) is not news. */
export const RECONNECT_GRACE_MS = 2_000;

type ShownStatus = ConnectionView['status'] | 'offline';

/**
 * What the bar shows: `status`, except that after online, "Reconnecting…" and "Connecting…" show
 * only once they lasted RECONNECT_GRACE_MS (counted from the drop, not from each retry). Until then
 * the bar stays as it was, so a reconnect that succeeds within it changes nothing on screen.
 * Offline and errors show at once.
 */
function useShownStatus(status: ShownStatus): ShownStatus {
  const [shown, setShown] = useState(status);
  const holding = shown === 'online' && (status === 'reconnecting' || status === 'connecting');
  const latest = useRef(status);
  useEffect(() => {
    latest.current = status;
  });
  useEffect(() => {
    if (!holding) return;
    const timer = setTimeout(() => setShown(latest.current), RECONNECT_GRACE_MS);
    return () => clearTimeout(timer);
  }, [holding]);
  if (!holding && shown !== status) setShown(status); // what was shown, kept from the last render
  return holding ? shown : status;
}

/**
 * Connection trouble, as a status line under the header. Always rendered so it is announced. It
 * lies over the top of the timeline (a zero-height slot holds it), so showing it moves nothing.
 */
export function ConnectionBar() {
  const { t } = useI18n();
  const session = useSession();
  const connection = useConnectionView();
  // Offline, the browser says so at once (the socket may take seconds to notice) and there is no
  // point in saying "Reconnecting…": the session reconnects as soon as the browser is back.
  const offline = useBrowserOffline() && connection.status !== 'error';
  const status = useShownStatus(offline ? 'offline' : connection.status);
  return (
    <div className="parley-connection-slot">
      <div role="status" className="parley-connection" data-status={status}>
        {connection.notice === 'conversationLost' && <span className="parley-notice">{t('conversationLost')}</span>}
        {status === 'offline' && <span>{t('offline')}</span>}
        {status === 'reconnecting' && <span>{t('reconnecting')}</span>}
        {status === 'connecting' && <span>{t('connecting')}</span>}
        {status === 'error' && (
          <>
            <span>{connectionErrorText(t, connection.errorKind)}</span>
            <button type="button" className="parley-text-button" onClick={() => session.start()}>
              {t('retry')}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
