import { useI18n } from './i18n';
import { connectionErrorText } from './text';
import { useConnectionView, useSession } from './useParleySession';
import './ConnectionBar.css';

/** Connection trouble, as a status line under the header. Always rendered so it is announced. */
export function ConnectionBar() {
  const { t } = useI18n();
  const session = useSession();
  const connection = useConnectionView();
  const { status } = connection;
  return (
    <div role="status" className="parley-connection" data-status={status}>
      {connection.notice === 'conversationLost' && <span className="parley-notice">{t('conversationLost')}</span>}
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
  );
}
