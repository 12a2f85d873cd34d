// A shared file in a bubble: images inline (sized, lazy; a click opens them full size in the image
// viewer, a lazy dialog), other files as a download link with their name and type. The session gives
// a signed URL that expires; an image that fails to load asks for a fresh one once. Without a URL
// (no fileUrl in the session, or the storage refused) the bubble says "File: caption" as before.
// The visitor's own file before the server stored it (no path yet) shows its upload (UploadStatus).
import { lazy, Suspense, useEffect, useState } from 'react';
import type { MessageBody } from '../../core/model';
import { useI18n } from '../i18n';
import { useSession } from '../useParleySession';
import { UploadStatus } from './UploadStatus';
import './FileMessage.css';

const ImageViewer = lazy(() => import('./ImageViewer'));
const IMAGE_TYPES = new Set(['PNG', 'JPG', 'JPEG', 'GIF', 'IMG']);

type FileBody = Extract<MessageBody, { kind: 'file' }>;

export interface FileMessageProps {
  body: FileBody;
  clientId?: string;
}

export function FileMessage({ body, clientId }: FileMessageProps) {
  if (body.path === '') return <UploadStatus body={body} clientId={clientId} />;
  return <StoredFile body={body} />;
}

function StoredFile({ body }: { body: FileBody }) {
  const { t } = useI18n();
  const session = useSession();
  // The session caches each signed URL while it lives; `attempt` asks again after an image failed.
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ url?: string; attempt: number } | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  const [viewing, setViewing] = useState(false);
  useEffect(() => {
    if (!session.fileUrl) return;
    let live = true;
    session.fileUrl(body.path).then(
      (url) => live && setAnswer({ url, attempt }),
      () => live && setAnswer({ attempt }),
    );
    return () => {
      live = false;
    };
  }, [session, body.path, attempt]);
  const label = body.caption || body.fileType;
  const url = answer?.url !== undefined && /^https?:\/\//i.test(answer.url) ? answer.url : undefined;
  if (!url || failed) return <>{t('fileMessage', { caption: label })}</>;
  if (IMAGE_TYPES.has(body.fileType.toUpperCase())) {
    const onError = () => (attempt > 0 ? setFailed(true) : setAttempt(1));
    return (
      <figure className="parley-file">
        <button type="button" className="parley-file-open" aria-label={t('viewerOpen', { caption: label })} aria-haspopup="dialog" onClick={() => setViewing(true)}>
          <img className="parley-file-image" src={url} alt={body.caption} width={240} height={180} loading="lazy" onError={onError} />
        </button>
        {body.caption !== '' && <figcaption className="parley-file-caption">{body.caption}</figcaption>}
        {viewing && (
          <Suspense fallback={null}>
            <ImageViewer src={url} caption={label} onClose={() => setViewing(false)} />
          </Suspense>
        )}
      </figure>
    );
  }
  return (
    <a className="parley-file-link" href={url} target="_blank" rel="noopener noreferrer" download>
      {label} <span className="parley-file-type">({body.fileType})</span>
    </a>
  );
}
