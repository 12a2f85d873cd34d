import { useId } from 'react';
import type { QuickReplyOption } from '../core/model';
import { useI18n } from './i18n';

export interface QuickRepliesProps {
  options: QuickReplyOption[];
  onChoose: (option: QuickReplyOption) => void;
}

/**
 * A rating scale: three or more replies titled with consecutive whole numbers from 0 or 1 (a
 * survey's 1–5 or 0–10). Its ends are labelled ("Poor" … "Excellent"), as the question alone does
 * not say which way the numbers run.
 */
export function isRatingScale(options: readonly QuickReplyOption[]): boolean {
  if (options.length < 3) return false;
  const first = Number(options[0]?.title);
  if (first !== 0 && first !== 1) return false;
  return options.every((o, i) => /^\d{1,2}$/.test(o.title.trim()) && Number(o.title) === first + i);
}

/** Suggested answers under an agent message (the question above them), as buttons. */
export function QuickReplies({ options, onChoose }: QuickRepliesProps) {
  const { t } = useI18n();
  const ids = useId();
  const scale = isRatingScale(options);
  const low = `${ids}-low`;
  const high = `${ids}-high`;
  const last = options.length - 1;
  return (
    <div role="group" aria-label={t('quickRepliesLabel')} className="parley-quick-replies" data-scale={scale || undefined}>
      {options.map((option, index) => (
        <button
          key={`${index}-${option.title}`}
          type="button"
          aria-describedby={scale && index === 0 ? low : scale && index === last ? high : undefined}
          onClick={() => onChoose(option)}
        >
          {option.title}
        </button>
      ))}
      {scale && (
        <div className="parley-scale-ends">
          <span id={low}>{t('scaleLow')}</span>
          <span id={high}>{t('scaleHigh')}</span>
        </div>
      )}
    </div>
  );
}
