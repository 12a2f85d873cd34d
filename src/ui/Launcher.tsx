import type { Ref } from 'react';
import { t } from './i18n';
import './Launcher.css';

export interface LauncherProps {
  open: boolean;
  unread: number;
  onToggle: () => void;
  ref?: Ref<HTMLButtonElement>;
}

/** The round button in the corner that opens (and closes) the chat window. */
export function Launcher({ open, unread, onToggle, ref }: LauncherProps) {
  const label = unread > 0 ? t('launcherOpenUnread', { count: unread }) : t('launcherOpen');
  return (
    <button
      ref={ref}
      type="button"
      className="parley-launcher"
      data-open={open}
      aria-label={label}
      aria-expanded={open}
      onClick={onToggle}
    >
      <svg className="parley-launcher-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        {open ? (
          <path d="M6 6l12 12M18 6L6 18" />
        ) : (
          <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A1.5 1.5 0 0 1 4 14.5z" />
        )}
      </svg>
      {unread > 0 && (
        <span className="parley-launcher-badge" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </button>
  );
}
