// The visitor's own file while it is not stored yet: its thumbnail (or name and type), a progress
// bar while the bytes upload, and Cancel until it is published. A failure shows under the bubble
// ("Not sent" with Retry), as for text.
import { useCallback, useSyncExternalStore } from 'react';
import type { MessageBody } from '../../core/model';
import { useI18n } from '../i18n';
import { useSession } from '../useParleySession';

const noSubscribe = () => () => undefined;

export function UploadStatus({ body, clientId }: { body: Extract<MessageBody, { kind: 'file' }>; clientId: string | undefined }) {
  const { t } = useI18n();
  const files = useSession().files;
  const read = useCallback(() => (clientId === undefined ? undefined : files?.progress(clientId)), [files, clientId]);
  const progress = useSyncExternalStore(files?.subscribe ?? noSubscribe, read, read);
  const name = body.caption || body.fileType;
  const uploading = progress?.phase === 'uploading';
  const percent = progress && progress.total > 0 ? Math.round((progress.loaded / progress.total) * 100) : 0;
  return (
    <figure className="parley-file parley-upload">
      {body.preview !== undefined && /^data:image\/(png|jpeg|gif);base64,/.test(body.preview) ? (
        <img className="parley-file-thumb" src={body.preview} alt={name} />
      ) : (
        <span className="parley-file-name">
          {name} <span className="parley-file-type">({body.fileType})</span>
        </span>
      )}
      {progress && progress.phase !== 'failed' && (
        <div className="parley-upload-row">
          <progress className="parley-upload-bar" max={100} value={uploading ? percent : 100} aria-label={t('uploadProgress', { name })} />
          {progress.phase === 'uploading' && clientId !== undefined && (
            <button type="button" className="parley-text-button" aria-label={t('uploadCancelLabel', { name })} onClick={() => files?.cancel(clientId)}>
              {t('uploadCancel')}
            </button>
          )}
        </div>
      )}
      {progress?.phase === 'failed' && clientId !== undefined && (
        <button type="button" className="parley-text-button" aria-label={t('uploadCancelLabel', { name })} onClick={() => files?.cancel(clientId)}>
          {t('uploadCancel')}
        </button>
      )}
    </figure>
  );
}
