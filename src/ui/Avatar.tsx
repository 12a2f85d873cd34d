// An agent's picture, or the initial of their name when there is none (or it fails to load). Only
// https and data:image/* pictures are drawn: anything else the view might carry shows the initial.
// The picture is decorative (the name is always next to it), so it has no alternative text.
import { useState } from 'react';
import './Avatar.css';

/** Whether a picture URL may be drawn: https, or a data: URL of an image type. */
export function isSafeAvatar(url: string | undefined): url is string {
  return url !== undefined && (/^https:\/\/\S+$/i.test(url) || /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(url));
}

export function Avatar({ name, url, size = 'large' }: { name: string; url: string | undefined; size?: 'large' | 'small' }) {
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const picture = isSafeAvatar(url) && failed !== url ? url : undefined;
  // Beside a bubble the name is right there: without a picture, nothing (no second initial).
  if (!picture && size === 'small') return null;
  return (
    <span className={`parley-avatar parley-avatar-${size}`} aria-hidden="true" data-picture={picture ? true : undefined}>
      {picture ? <img src={picture} alt="" width={size === 'large' ? 36 : 20} height={size === 'large' ? 36 : 20} onError={() => setFailed(picture)} /> : name.trim().charAt(0).toUpperCase()}
    </span>
  );
}
