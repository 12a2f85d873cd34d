import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useI18n } from './i18n';
import { errorText } from './text';
import { useEndConversation } from './useParleySession';
import './ConfirmEnd.css';

/** Asks the visitor to confirm ending the conversation; `onDone` when ended or cancelled. */
export function ConfirmEnd({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const end = useEndConversation();
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => cancelRef.current?.focus(), []);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onDone();
  };

  return (
    <div role="alertdialog" aria-labelledby={titleId} aria-describedby={bodyId} className="parley-confirm" onKeyDown={onKeyDown}>
      <p id={titleId} className="parley-confirm-title">
        {t('confirmEndTitle')}
      </p>
      <p id={bodyId} className="parley-confirm-body">
        {t('confirmEndBody')}
      </p>
      {end.isError && (
        <p role="alert" className="parley-confirm-error">
          {t('endFailed', { reason: errorText(t, end.error) })}
        </p>
      )}
      <div className="parley-confirm-actions">
        <button ref={cancelRef} type="button" className="parley-confirm-cancel" onClick={onDone}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="parley-confirm-end"
          disabled={end.isPending}
          onClick={() => end.mutate(undefined, { onSuccess: onDone })}
        >
          {t('confirmEnd')}
        </button>
      </div>
    </div>
  );
}
