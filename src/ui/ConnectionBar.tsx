import { useI18n } from './i18n';
import { connectionErrorText } from './text';
import { useConnectionView, useSession } from './useParleySession';
import './ConnectionBar.css';

/**
 * Connection trouble, as a status line under the header. Always rendered so it is announced. It
 * lies over the top of the timeline (a zero-height slot holds it), so showing it moves nothing.
 */
export function ConnectionBar() {
  const { t } = useI18n();
  const session = useSession();
  const connection = useConnectionView();
  const { status } = connection;
  return (
    <div className="parley-connection-slot">
      <div role="status" className="parley-connection" data-status={status}>
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
