// The structured-content renderer (a lazy chunk, loaded when rich content first appears): it draws
// the backend-neutral tree (src/core/rich.ts) that the session's reader (ChatSession.richContent)
// makes of a rich body's content. Every server string is a React text child or a checked attribute
// (href, src, alt, aria-label): never markup. Content the reader rejects shows the message's
// fallback text instead.
import { useEffect, useMemo, useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import type { QuickReplyOption } from '../../core/model';
import type { RichContentReader, RichNode, RichStyle } from '../../core/rich';
import { useI18n } from '../i18n';
import { Carousel } from './Carousel';
import { clickSteps, mapLink, onlyLink, runSteps, safeImage, safeLink, type ClickStep } from './clicks';
import { readableColours } from './contrast';
import './RichContent.css';

export interface RichContentProps {
  /** The rich body's content, in the backend's format. */
  content: unknown;
  /** What shows when the reader rejects the content (unknown, invalid, over a limit). */
  fallback: ReactNode;
  /** A reply click: the choice, sent like a quick reply (ChatSession.chooseQuickReply). */
  onPublish: (option: QuickReplyOption) => void;
}

/** The session's reader (ChatSession.richContent): `value` once it loaded, and the promise of it. */
export interface LoadingReader {
  value?: RichContentReader;
  promise: Promise<RichContentReader>;
}

export interface RichContentViewProps extends RichContentProps {
  reader: LoadingReader;
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

function RichImage({ element, onPublish }: { element: Extract<RichNode, { kind: 'image' }>; onPublish: Publish }) {
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

function RichButton({ element, onPublish }: { element: Extract<RichNode, { kind: 'button' }>; onPublish: Publish }) {
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

export function RichElementView({ element, onPublish }: { element: RichNode; onPublish: Publish }): ReactNode {
  const { t } = useI18n();
  switch (element.kind) {
    case 'vertical':
    case 'horizontal':
      return (
        <div className={`parley-rich-${element.kind}`}>
          {element.children.map((child, i) => (
            <RichElementView key={i} element={child} onPublish={onPublish} />
          ))}
        </div>
      );
    case 'carousel':
      return <Carousel cards={element.children} renderCard={(card) => <RichElementView element={card} onPublish={onPublish} />} />;
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
      const href = mapLink(element.lat, element.lon);
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

/** Structured content as a card, or its fallback when the reader rejects it. */
export default function RichContent({ content, fallback, onPublish, reader }: RichContentViewProps) {
  // Fetched with this chunk, the reader is almost always in by now; until it is, the fallback shows.
  const [read, setRead] = useState(() => reader.value);
  useEffect(() => {
    if (read) return;
    let live = true;
    void reader.promise.then((r) => live && setRead(() => r));
    return () => {
      live = false;
    };
  }, [reader, read]);
  const element = useMemo(() => read?.(content), [read, content]);
  if (!element) return <>{fallback}</>;
  return (
    <div className="parley-rich">
      <RichElementView element={element} onPublish={onPublish} />
    </div>
  );
}
