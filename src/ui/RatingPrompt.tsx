// After a conversation that ended without a survey: 1 to 5 stars (the view's `rating`), where the
// session offers rateConversation. Native radio buttons in a fieldset: arrow keys move between the
// stars, the legend names the question, each star is named "N of 5 stars"; Submit rating sends it.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ChatView } from '../core/model';
import { useI18n } from './i18n';
import { errorText } from './text';
import { useRateConversation, useSession } from './useParleySession';
import './RatingPrompt.css';

const STARS = [1, 2, 3, 4, 5] as const;

export function RatingPrompt({ chat }: { chat: ChatView }) {
  const { t } = useI18n();
  const session = useSession();
  const rate = useRateConversation();
  const name = useId();
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  if (!chat.rating || !session.rateConversation) return null;
  const given = chat.rating.given;
  if (given !== undefined) {
    return (
      <p className="parley-rating-thanks" role="status">
        {t('ratingThanks', { count: given })}
      </p>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen !== undefined) rate.mutate(chosen);
  };
  return (
    <form className="parley-rating" onSubmit={onSubmit}>
      <fieldset>
        <legend>{t('ratingQuestion')}</legend>
        <div className="parley-rating-stars" dir="ltr">
          {STARS.map((n) => (
            <label key={n} className="parley-rating-star" data-lit={chosen !== undefined && n <= chosen ? true : undefined}>
              <input type="radio" name={name} value={n} checked={chosen === n} onChange={() => setChosen(n)} className="parley-visually-hidden" />
              <span aria-hidden="true">★</span>
              <span className="parley-visually-hidden">{t('ratingStar', { count: n })}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" className="parley-rating-send" disabled={chosen === undefined || rate.isPending}>
        {t('ratingSend')}
      </button>
      {rate.isError && (
        <p role="alert" className="parley-rating-error">
          {t('ratingFailed', { reason: errorText(t, rate.error) })}
        </p>
      )}
    </form>
  );
}
