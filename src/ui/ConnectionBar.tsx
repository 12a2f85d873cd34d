import { connectionErrorText, errorText } from './errorText';
import { t } from './i18n';
import { useConnectionView, useReconnect } from './useParleySession';
import './ConnectionBar.css';

/** Connection trouble, as a status line under the header. Always rendered so it is announced. */
export function ConnectionBar() {
  const connection = useConnectionView();
  const reconnect = useReconnect();
  const { status } = connection;
  return (
    <div role="status" className="parley-connection" data-status={status}>
      {status === 'reconnecting' && <span>{t('reconnecting')}</span>}
      {status === 'connecting' && <span>{t('connecting')}</span>}
      {status === 'error' && (
        <>
          <span>{connectionErrorText(connection.errorKind)}</span>
          <button type="button" className="parley-text-button" onClick={() => reconnect.mutate()}>
            {t('retry')}
          </button>
        </>
      )}
      {reconnect.isError && <span>{errorText(reconnect.error)}</span>}
    </div>
  );
}
