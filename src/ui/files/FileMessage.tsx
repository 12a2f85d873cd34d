// A shared file in a bubble: images inline (sized, lazy; a click opens them full size in a new tab),
// other files as a download link with their name and type. The session gives a signed URL that
// expires; an image that fails to load asks for a fresh one once. Without a URL (no fileUrl in the
// session, or the storage refused) the bubble says "File: caption" as before.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { MessageBody } from '../../core/model';
import { useI18n } from '../i18n';
import { useSession } from '../useParleySession';
import './FileMessage.css';

const IMAGE_TYPES = new Set(['PNG', 'JPG', 'JPEG', 'GIF', 'IMG']);
/** A signed URL is reused for this long before the session is asked again (LivePerson's last 60 s). */
const FRESH_MS = 40_000;

export function FileMessage({ body }: { body: Extract<MessageBody, { kind: 'file' }> }) {
  const { t } = useI18n();
  const session = useSession();
  const fileUrl = session.fileUrl?.bind(session);
  const [refetched, setRefetched] = useState(false);
  const [failed, setFailed] = useState(false);
  const query = useQuery({
    queryKey: ['parley', 'file', body.path],
    queryFn: () => (fileUrl ? fileUrl(body.path) : Promise.reject(new Error('no file URLs'))),
    enabled: fileUrl !== undefined,
    staleTime: FRESH_MS,
    retry: false,
  });
  const label = body.caption || body.fileType;
  const url = query.data !== undefined && /^https?:\/\//i.test(query.data) ? query.data : undefined;
  if (!url || failed) return <>{t('fileMessage', { caption: label })}</>;
  if (IMAGE_TYPES.has(body.fileType.toUpperCase())) {
    const onError = () => {
      if (refetched) return setFailed(true);
      setRefetched(true);
      void query.refetch();
    };
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
