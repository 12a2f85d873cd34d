import { useEffect, useId, useRef, useState } from 'react';
import type { ClipboardEvent, FormEvent, KeyboardEvent, Ref } from 'react';
import { acceptOf } from '../core/files';
import { failedAfterQueuing, MESSAGE_MAX_LENGTH } from '../core/session';
import type { Attach } from './files/useAttach';
import { useI18n } from './i18n';
import { errorText } from './text';
import { useSendMessage, useSession } from './useParleySession';
import './Composer.css';

/** How long after the last keystroke the visitor counts as no longer typing. */
export const COMPOSING_IDLE_MS = 3000;
/** The counter shows once this few characters are left. */
export const COUNTER_FROM_REMAINING = 500;

/**
 * The message box and Send button. Enter sends, Shift+Enter adds a line. With `attach` (file sharing
 * on), an Attach file button opens the file picker, and files pasted into the box are attached.
 */
export function Composer({ ref, attach }: { ref?: Ref<HTMLTextAreaElement>; attach?: Attach }) {
  const pickerRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const { t } = useI18n();
  const send = useSendMessage();
  const session = useSession();
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const composing = useRef(false);
  const counterId = useId();
  // Counted as the session counts: UTF-16 code units of the trimmed text.
  const remaining = MESSAGE_MAX_LENGTH - text.trim().length;
  const tooLong = remaining < 0;

  const stopComposing = () => {
    clearTimeout(idleTimer.current);
    idleTimer.current = undefined;
    if (composing.current) {
      composing.current = false;
      session.setComposing(false);
    }
  };

  useEffect(
    () => () => {
      clearTimeout(idleTimer.current);
      if (composing.current) session.setComposing(false);
    },
    [session],
  );

  const onChange = (value: string) => {
    setText(value);
    if (value.trim() === '') return stopComposing();
    // Every keystroke says so: the session throttles what goes out (one COMPOSING per 3 s), and
    // the agent keeps seeing "typing" through a long burst instead of it lapsing after the first.
    composing.current = true;
    session.setComposing(true);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopComposing, COMPOSING_IDLE_MS);
  };

  const submit = () => {
    const message = text.trim();
    if (message === '' || message.length > MESSAGE_MAX_LENGTH) return;
    stopComposing();
    // A message the session refused outright goes back into the box (unless the visitor has
    // started another); one that failed after queuing shows "Not sent" with Retry in the timeline.
    send.mutate(message, {
      onError: (error) => {
        if (!failedAfterQueuing(error)) setText((current) => (current === '' ? message : current));
      },
    });
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    submit();
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (!attach?.policy || pasted.length === 0) return;
    event.preventDefault();
    attach.attach(pasted);
  };
  const policy = attach?.policy;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit();
  };

  return (
    <form className="parley-composer" onSubmit={onSubmit}>
      {tooLong && (
        <p role="alert" className="parley-composer-error">
          {t('composerTooLong', { max: MESSAGE_MAX_LENGTH })}
        </p>
      )}
      {send.isError && !failedAfterQueuing(send.error) && (
        <p role="alert" className="parley-composer-error">
          {t('sendFailed', { reason: errorText(t, send.error) })}
        </p>
      )}
      {attach?.error !== undefined && (
        <p role="alert" className="parley-composer-error">
          {attach.error}
        </p>
      )}
      <div className="parley-composer-row">
        {policy && (
          <>
            <button type="button" className="parley-composer-attach" aria-label={t('attachFile')} title={t('attachFile')} onClick={() => pickerRef.current?.click()}>
              <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5H9v9a3 3 0 0 0 6 0V5a4.5 4.5 0 0 0-9 0v11.5a6 6 0 0 0 12 0v-10z" />
              </svg>
            </button>
            <input
              ref={pickerRef}
              type="file"
              hidden
              multiple
              accept={acceptOf(policy)}
              onChange={(event) => {
                attach?.attach([...(event.target.files ?? [])]);
                event.target.value = ''; // the same file may be picked again
              }}
            />
          </>
        )}
        <textarea
          ref={ref}
          className="parley-composer-input"
          aria-label={t('composerLabel')}
          placeholder={t('composerPlaceholder')}
          rows={1}
          value={text}
          aria-invalid={tooLong || undefined}
          aria-describedby={remaining <= COUNTER_FROM_REMAINING ? counterId : undefined}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <button type="submit" className="parley-composer-send" aria-label={t('send')} disabled={text.trim() === '' || tooLong}>
          <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 12l16-8-6 16-2.5-6.5z" />
          </svg>
        </button>
      </div>
      {remaining <= COUNTER_FROM_REMAINING && (
        <p id={counterId} className="parley-composer-count" data-over={tooLong || undefined}>
          {tooLong ? t('composerCharsOver', { count: -remaining }) : t('composerCharsLeft', { count: remaining })}
        </p>
      )}
    </form>
  );
}
