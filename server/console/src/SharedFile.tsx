// A file shared in the conversation (a hosted/file ContentEvent), as the agent sees it: photos
// inline, other files as a download link with their name and type, fetched with a signed URL of the
// stand-in's swift store (asked again when it has expired: the query is stale after 30 s).
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccountApi } from './api';

const IMAGES = new Set(['PNG', 'JPG', 'JPEG', 'GIF', 'IMG']);
const TTL_MS = 30_000;

interface Props {
  api: Pick<AccountApi, 'fileUrl'>;
  conversationId: string;
  file: { caption: string; fileType: string; relativePath: string };
}

export function SharedFile({ api, conversationId, file }: Props) {
  const [broken, setBroken] = useState(0);
  const url = useQuery({
    queryKey: ['file-url', conversationId, file.relativePath, broken],
    queryFn: () => api.fileUrl(conversationId, file.relativePath),
    staleTime: TTL_MS,
    retry: 1,
  });
  const label = file.caption || file.fileType;
  if (!url.data) return <p className="message-text">{url.isError ? `File: ${label} (unavailable)` : `File: ${label}…`}</p>;
  if (IMAGES.has(file.fileType.toUpperCase())) {
    return (
      <figure className="shared-file">
        <a href={url.data} target="_blank" rel="noopener noreferrer">
          <img src={url.data} alt={label} width={200} height={150} onError={() => broken < 1 && setBroken(1)} />
        </a>
        <figcaption>{label}</figcaption>
      </figure>
    );
  }
  return (
    <p className="message-text">
      <a href={url.data} target="_blank" rel="noopener noreferrer" download>
        {label} ({file.fileType})
      </a>
    </p>
  );
}
