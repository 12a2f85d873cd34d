// The window's menu (a disclosure in the header): the new-message sound on or off, and, when the
// site offers desktop notifications, the button that asks the browser's permission (only on this
// click, never on load). The frame plays the sound; the page asks for and shows notifications
// (src/embed/attention.ts, embed.ts).
import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useI18n } from './i18n';
import './WindowMenu.css';

/** What the menu shows and changes. */
export interface CueSettings {
  sound: boolean;
  setSound(on: boolean): void;
  /** Present when the site offers desktop notifications and the browser has them. */
  notifications?: { permission: NotificationPermission; ask(): Promise<NotificationPermission> };
}

export function WindowMenu({ cues }: { cues: CueSettings }) {
  const { t } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const [sound, setSound] = useState(cues.sound);
  const [permission, setPermission] = useState(cues.notifications?.permission);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !expanded) return;
    event.preventDefault();
    setExpanded(false);
    buttonRef.current?.focus();
  };
  const notifications = cues.notifications;
  // The button is replaced by what the browser answered: the focus goes back to the menu's button.
  const answered = (next: NotificationPermission) => {
    setPermission(next);
    if (next !== 'default') buttonRef.current?.focus();
  };
  return (
    <div className="parley-menu" onKeyDown={onKeyDown}>
      <button ref={buttonRef} type="button" className="parley-menu-button" aria-label={t('menuLabel')} aria-expanded={expanded} aria-controls={panelId} onClick={() => setExpanded(!expanded)}>
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="5" r="1.6" />
          <circle cx="12" cy="12" r="1.6" />
          <circle cx="12" cy="19" r="1.6" />
        </svg>
      </button>
      <div id={panelId} className="parley-menu-panel" hidden={!expanded}>
        <label className="parley-menu-item">
          <input
            type="checkbox"
            checked={sound}
            onChange={(event) => {
              setSound(event.target.checked);
              cues.setSound(event.target.checked);
            }}
          />
          {t('menuSound')}
        </label>
        {notifications && permission === 'default' && (
          <button type="button" className="parley-menu-item parley-text-button" onClick={() => void notifications.ask().then(answered, () => undefined)}>
            {t('menuNotify')}
          </button>
        )}
        {notifications && permission === 'granted' && <p className="parley-menu-note">{t('menuNotifyOn')}</p>}
        {notifications && permission === 'denied' && <p className="parley-menu-note">{t('menuNotifyBlocked')}</p>}
      </div>
    </div>
  );
}
