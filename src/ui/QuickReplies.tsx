import type { QuickReplyOption } from '../core/model';
import { useI18n } from './i18n';

export interface QuickRepliesProps {
  options: QuickReplyOption[];
  onChoose: (option: QuickReplyOption) => void;
}

/** Suggested answers under an agent message, as buttons. */
export function QuickReplies({ options, onChoose }: QuickRepliesProps) {
  const { t } = useI18n();
  return (
    <div role="group" aria-label={t('quickRepliesLabel')} className="parley-quick-replies">
      {options.map((option, index) => (
        <button key={`${index}-${option.title}`} type="button" onClick={() => onChoose(option)}>
          {option.title}
        </button>
      ))}
    </div>
  );
}
