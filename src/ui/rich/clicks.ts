// What a click on structured content does, as plain data the renderers act on: links only to
// http(s), mailto and tel (anything else is inert), maps at (la, lo), and publishText as the
// quick-reply choice (§5.5: ACTION on the card's sequence with the click's metadata, then the text).
import type { QuickReplyOption } from '../../core/model';
import type { RichClick } from './parse';

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);
const IMAGE_SCHEMES = new Set(['http:', 'https:']);

function safeUrl(raw: string, schemes: ReadonlySet<string>): string | undefined {
  // URL() drops tabs and newlines and lower-cases the scheme, as browsers do when following a link.
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  return schemes.has(url.protocol) ? url.href : undefined;
}

/** The href for a link action or a link preview; undefined for any other scheme. */
export const safeLink = (raw: string): string | undefined => safeUrl(raw, LINK_SCHEMES);

/** The src for an image: http(s) only. */
export const safeImage = (raw: string): string | undefined => safeUrl(raw, IMAGE_SCHEMES);

/** A map (OpenStreetMap) at latitude `la`, longitude `lo`; undefined for coordinates off the globe. */
export function mapLink(la: number, lo: number): string | undefined {
  if (!(Math.abs(la) <= 90 && Math.abs(lo) <= 180)) return undefined;
  return `https://www.openstreetmap.org/?mlat=${la}&mlon=${lo}#map=16/${la}/${lo}`;
}

export type ClickStep = { kind: 'open'; href: string } | { kind: 'publish'; option: QuickReplyOption };

/**
 * The steps of a click, in the order of its actions: links and maps open in a new tab, publishText
 * sends its text with the click's metadata. Unsafe links and maps off the globe are dropped: a click
 * with no step left is inert.
 */
export function clickSteps(click: RichClick | undefined, title: string): ClickStep[] {
  if (!click) return [];
  const steps: ClickStep[] = [];
  for (const a of click.actions) {
    if (a.type === 'publishText') {
      steps.push({ kind: 'publish', option: { title, text: a.text, ...(click.metadata !== undefined ? { metadata: click.metadata } : {}) } });
    } else {
      const href = a.type === 'link' ? safeLink(a.uri) : mapLink(a.la, a.lo);
      if (href !== undefined) steps.push({ kind: 'open', href });
    }
  }
  return steps;
}

/** A click that only opens one page is drawn as a real link (`<a>`); its href, else undefined. */
export function onlyLink(steps: ClickStep[]): string | undefined {
  const [first] = steps;
  return steps.length === 1 && first?.kind === 'open' ? first.href : undefined;
}

/** Runs the steps in order: each page opens in a new tab with no opener and no referrer. */
export function runSteps(steps: ClickStep[], publish: (option: QuickReplyOption) => void, open: (href: string) => void = openTab): void {
  for (const step of steps) {
    if (step.kind === 'open') open(step.href);
    else publish(step.option);
  }
}

function openTab(href: string): void {
  window.open(href, '_blank', 'noopener,noreferrer');
}
