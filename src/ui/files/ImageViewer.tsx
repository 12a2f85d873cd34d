// A photo full size, in a modal dialog named by its caption (both directions: the agent's and the
// visitor's own). Focus goes to Close; Escape, Close or a click on the backdrop close it; Tab stays
// inside; the focus returns to what opened it. A lazy chunk: fetched when a photo is first opened.
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { trapTab } from '../focusTrap';
import { useI18n } from '../i18n';
import './ImageViewer.css';

export interface ImageViewerProps {
  src: string;
  caption: string;
  onClose: () => void;
}

export default function ImageViewer({ src, caption, onClose }: ImageViewerProps) {
  const { t } = useI18n();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => opener?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (dialogRef.current && trapTab(event, dialogRef.current)) return;
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation(); // the viewer closes, not the chat window
    onClose();
  };

  return (
    <div className="parley-viewer-backdrop" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div ref={dialogRef} role="dialog" aria-modal="true" aria-label={caption} className="parley-viewer" onKeyDown={onKeyDown}>
        <img className="parley-viewer-image" src={src} alt={caption} />
        {caption !== '' && <p className="parley-viewer-caption">{caption}</p>}
        <button ref={closeRef} type="button" className="parley-viewer-close" onClick={onClose}>
          {t('viewerClose')}
        </button>
      </div>
    </div>
  );
}
