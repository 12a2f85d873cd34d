// The structured-content renderer (a lazy chunk, loaded when rich content first appears). Every
// server string is a React text child or a checked attribute (href, src, alt, aria-label): never
// markup. Content that does not parse (parse.ts) shows the message's fallback text instead.
import { useMemo, useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import type { QuickReplyOption } from '../../core/model';
import { useI18n } from '../i18n';
import { Carousel } from './Carousel';
import { clickSteps, mapLink, onlyLink, runSteps, safeImage, safeLink, type ClickStep } from './clicks';
import { readableColours } from './contrast';
import { parseRichContent, type RichElement, type RichStyle } from './parse';
import './RichContent.css';

export interface RichContentProps {
  content: unknown;
  /** What shows when the content is unknown or breaks the schema or the limits. */
  fallback: ReactNode;
  /** A publishText click: the choice, sent like a quick reply (§5.5). */
  onPublish: (option: QuickReplyOption) => void;
}

type Publish = RichContentProps['onPublish'];

function textStyle(style: RichStyle | undefined): CSSProperties | undefined {
  const { light, dark } = readableColours(style?.color);
  if (light === undefined && dark === undefined) return undefined;
  return { ...(light ? { '--parley-rich-light': light } : {}), ...(dark ? { '--parley-rich-dark': dark } : {}) } as CSSProperties;
}

function styleAttributes(style: RichStyle | undefined) {
  return {
    'data-bold': style?.bold || undefined,
    'data-italic': style?.italic || undefined,
    'data-size': style?.size,
    style: textStyle(style),
  };
}

/** An element with a click: a real link when it only opens a page, a button when it does more, plain when inert. */
function Clickable({ steps, onPublish, label, className, children }: { steps: ClickStep[]; onPublish: Publish; label?: string; className: string; children: ReactNode }) {
  const href = onlyLink(steps);
  if (href !== undefined) {
    return (
      <a className={className} href={href} target="_blank" rel="noopener noreferrer" aria-label={label}>
        {children}
      </a>
    );
  }
  if (steps.length === 0) return <div className={className}>{children}</div>;
  return (
    <button type="button" className={`${className} parley-rich-plain`} aria-label={label} onClick={() => runSteps(steps, onPublish)}>
      {children}
    </button>
  );
}

function RichImage({ element, onPublish }: { element: Extract<RichElement, { type: 'image' }>; onPublish: Publish }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const src = safeImage(element.url);
  const alt = element.tooltip ?? element.caption ?? '';
  const steps = clickSteps(element.click, alt);
  const picture =
    src === undefined || failed ? (
      <span className="parley-rich-image-missing" role="img" aria-label={alt || t('richImageUnavailable')}>
        {t('richImageUnavailable')}
      </span>
    ) : (
      <img className="parley-rich-image" src={src} alt={alt} loading="lazy" decoding="async" width={320} height={180} onError={() => setFailed(true)} />
    );
  return (
    <figure className="parley-rich-figure" dir={element.rtl ? 'rtl' : undefined}>
      {steps.length > 0 ? (
        <Clickable steps={steps} onPublish={onPublish} className="parley-rich-image-link" label={alt || undefined}>
          {picture}
        </Clickable>
      ) : (
        picture
      )}
      {element.caption !== undefined && element.caption !== '' && <figcaption className="parley-rich-caption">{element.caption}</figcaption>}
    </figure>
  );
}

function RichButton({ element, onPublish }: { element: Extract<RichElement, { type: 'button' }>; onPublish: Publish }) {
  const name = element.title.trim() !== '' ? element.title : (element.tooltip ?? '');
  const steps = clickSteps(element.click, name);
  const href = onlyLink(steps);
  const label = element.title.trim() === '' && element.tooltip ? element.tooltip : undefined;
  const attributes = { ...styleAttributes(element.style), dir: element.rtl ? 'rtl' : undefined, title: element.tooltip, 'aria-label': label };
  if (href !== undefined) {
    return (
      <a className="parley-rich-button" href={href} target="_blank" rel="noopener noreferrer" {...attributes}>
        {element.title}
      </a>
    );
  }
  return (
    <button type="button" className="parley-rich-button" disabled={steps.length === 0} onClick={() => runSteps(steps, onPublish)} {...attributes}>
      {element.title}
    </button>
  );
}

export function RichElementView({ element, onPublish }: { element: RichElement; onPublish: Publish }): ReactNode {
  const { t } = useI18n();
  switch (element.type) {
    case 'vertical':
    case 'horizontal':
      return (
        <div className={`parley-rich-${element.type}`}>
          {element.elements.map((child, i) => (
            <RichElementView key={i} element={child} onPublish={onPublish} />
          ))}
        </div>
      );
    case 'carousel':
      return <Carousel cards={element.elements} renderCard={(card) => <RichElementView element={card} onPublish={onPublish} />} />;
    case 'text': {
      const body = (
        <p className="parley-rich-text" dir={element.rtl ? 'rtl' : 'auto'} {...styleAttributes(element.style)}>
          {element.text}
        </p>
      );
      const steps = clickSteps(element.click, element.text);
      return steps.length > 0 ? (
        <Clickable steps={steps} onPublish={onPublish} className="parley-rich-text-link">
          {body}
        </Clickable>
      ) : (
        body
      );
    }
    case 'image':
      return <RichImage element={element} onPublish={onPublish} />;
    case 'button':
      return <RichButton element={element} onPublish={onPublish} />;
    case 'map': {
      const href = mapLink(element.la, element.lo);
      const name = element.tooltip ?? t('richMap');
      return href === undefined ? (
        <p className="parley-rich-text">{name}</p>
      ) : (
        <a className="parley-rich-map" href={href} target="_blank" rel="noopener noreferrer" dir={element.rtl ? 'rtl' : undefined}>
          {name}
        </a>
      );
    }
    case 'linkPreview': {
      const href = safeLink(element.url);
      const name = element.title ?? element.url;
      return href === undefined ? (
        <p className="parley-rich-text">{name}</p>
      ) : (
        <a className="parley-rich-preview" href={href} target="_blank" rel="noopener noreferrer" title={element.tooltip} dir={element.rtl ? 'rtl' : undefined}>
          <span className="parley-rich-preview-title">{name}</span>
          <span className="parley-rich-preview-host">{new URL(href).host}</span>
        </a>
      );
    }
  }
}

/** Structured content as a card, or its fallback when it does not parse. */
export default function RichContent({ content, fallback, onPublish }: RichContentProps) {
  const element = useMemo(() => parseRichContent(content), [content]);
  if (!element) return <>{fallback}</>;
  return (
    <div className="parley-rich">
      <RichElementView element={element} onPublish={onPublish} />
    </div>
  );
}
