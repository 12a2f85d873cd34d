// What a click on structured content (src/core/rich.ts) does, as plain data the renderers act on:
// links only to http(s), mailto and tel (anything else is inert), locations as a map at (lat, lon),
// and a reply as the quick-reply choice (ChatSession.chooseQuickReply, with the click's metadata).
import type { QuickReplyOption } from '../../core/model';
import type { RichClick } from '../../core/rich';

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

/** A map (OpenStreetMap) at latitude `lat`, longitude `lon`; undefined for coordinates off the globe. */
export function mapLink(lat: number, lon: number): string | undefined {
  if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return undefined;
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}

export type ClickStep = { kind: 'open'; href: string } | { kind: 'publish'; option: QuickReplyOption };

/**
 * The steps of a click, in the order of its actions: links and locations open in a new tab, a reply
 * sends its text with the click's metadata. Unsafe links and maps off the globe are dropped: a click
 * with no step left is inert.
 */
export function clickSteps(click: RichClick | undefined, title: string): ClickStep[] {
  if (!click) return [];
  const steps: ClickStep[] = [];
  for (const a of click.actions) {
    if (a.kind === 'reply') {
      steps.push({ kind: 'publish', option: { title, text: a.text, ...(click.metadata !== undefined ? { metadata: click.metadata } : {}) } });
    } else {
      const href = a.kind === 'link' ? safeLink(a.url) : mapLink(a.lat, a.lon);
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
