// A carousel of cards: a list named for what it holds, each card a group named by its first text.
// The cards scroll sideways (swipe, with scroll snapping), the arrow keys move between cards (mirrored
// right to left), Home and End go to the ends, and Previous / Next buttons do the same by pointer.
import { useRef, useState } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { useI18n } from '../i18n';
import { firstText, type RichNode } from '../../core/rich';

export interface CarouselProps {
  cards: RichNode[];
  renderCard: (card: RichNode) => ReactNode;
}

export function Carousel({ cards, renderCard }: CarouselProps) {
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);
  const [current, setCurrent] = useState(0);
  const last = cards.length - 1;

  const go = (index: number, focus: boolean) => {
    const target = Math.max(0, Math.min(last, index));
    setCurrent(target);
    const item = listRef.current?.children[target] as HTMLElement | undefined;
    item?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    if (focus) (item?.firstElementChild as HTMLElement | null)?.focus({ preventScroll: true });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const list = listRef.current;
    if (!list) return;
    const item = (event.target as HTMLElement).closest('li');
    const from = item ? Array.prototype.indexOf.call(list.children, item) : current;
    const rtl = getComputedStyle(list).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[event.key];
    if (step !== undefined) go(from + step, true);
    else if (event.key === 'Home') go(0, true);
    else if (event.key === 'End') go(last, true);
    else return;
    event.preventDefault();
  };

  // A swipe or a scroll moves the current card with it (for the Previous / Next buttons).
  const onScroll = () => {
    const list = listRef.current;
    if (!list) return;
    const left = list.getBoundingClientRect().left;
    const items = [...list.children] as HTMLElement[];
    const index = items.findIndex((el) => el.getBoundingClientRect().right - left > el.offsetWidth / 2);
    if (index >= 0 && index !== current) setCurrent(index);
  };

  return (
    <div className="parley-rich-carousel">
      <ul ref={listRef} role="list" tabIndex={0} className="parley-rich-cards" aria-label={t('richCarouselLabel', { count: cards.length })} onKeyDown={onKeyDown} onScroll={onScroll}>
        {cards.map((card, index) => (
          <li key={index} className="parley-rich-card">
            <div role="group" tabIndex={-1} aria-label={firstText(card) ?? t('richCardFallback', { index: index + 1, count: cards.length })}>
              {renderCard(card)}
            </div>
          </li>
        ))}
      </ul>
      <div className="parley-rich-carousel-nav">
        <button type="button" className="parley-rich-nav" aria-label={t('richPrevious')} disabled={current <= 0} onClick={() => go(current - 1, false)}>
          <span aria-hidden="true">‹</span>
        </button>
        <span className="parley-rich-position" aria-hidden="true">
          {t('richPosition', { index: current + 1, count: cards.length })}
        </span>
        <button type="button" className="parley-rich-nav" aria-label={t('richNext')} disabled={current >= last} onClick={() => go(current + 1, false)}>
          <span aria-hidden="true">›</span>
        </button>
      </div>
    </div>
  );
}
