// A shared file in a bubble: images inline (sized, lazy; a click opens them full size in a new tab),
// other files as a download link with their name and type. The session gives a signed URL that
// expires; an image that fails to load asks for a fresh one once. Without a URL (no fileUrl in the
// session, or the storage refused) the bubble says "File: caption" as before.
import { useEffect, useState } from 'react';
import type { MessageBody } from '../../core/model';
import { useI18n } from '../i18n';
import { useSession } from '../useParleySession';
import './FileMessage.css';

const IMAGE_TYPES = new Set(['PNG', 'JPG', 'JPEG', 'GIF', 'IMG']);
export function FileMessage({ body }: { body: Extract<MessageBody, { kind: 'file' }> }) {
  const { t } = useI18n();
  const session = useSession();
  // The session caches each signed URL while it lives; `attempt` asks again after an image failed.
  const [attempt, setAttempt] = useState(0);
  const [answer, setAnswer] = useState<{ url?: string; attempt: number } | undefined>(undefined);
  const [failed, setFailed] = useState(false);
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
        <a href={url} target="_blank" rel="noopener noreferrer" aria-label={t('fileOpenImage', { caption: label })}>
          <img className="parley-file-image" src={url} alt={body.caption} width={240} height={180} loading="lazy" onError={onError} />
        </a>
        {body.caption !== '' && <figcaption className="parley-file-caption">{body.caption}</figcaption>}
      </figure>
    );
  }
  return (
    <a className="parley-file-link" href={url} target="_blank" rel="noopener noreferrer" download>
      {label} <span className="parley-file-type">({body.fileType})</span>
    </a>
  );
}
