import { useSyncExternalStore } from 'react';
import { useI18n } from './i18n';
import { connectionErrorText } from './text';
import { useConnectionView, useSession } from './useParleySession';
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
  const status = offline ? 'offline' : connection.status;
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
