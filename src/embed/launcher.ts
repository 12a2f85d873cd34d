// The launcher the loader (parley.js) draws before anything else loads: a plain DOM button in the
// widget's shadow root, named "Open chat", with the chat icon. The rest
// of the widget's host side (embed.ts, in parley-host.js) takes this button over when it loads, on
// intent, or for a returning visitor whose conversation is open; it also draws the badge, the live
// region, the preview and the frame next to it. Every byte here is in the loader's 1.5 KB.
import css from './launcher.css?inline';
import { baseLanguage, isRtl, openChat } from '../ui/i18nLauncher';

const SVG = 'http://www.w3.org/2000/svg';
// A speech bubble (kept to straight lines: every byte here is in the loader's budget).
export const CHAT_ICON = 'M4 4h16v12H10l-5 4v-4H4z';

/** Draws the widget's host element (<parley-widget>, on <html>) and the launcher button in its shadow root. */
export function drawLauncher(config: { lang?: string; theme?: Record<string, string> }, win: Window): HTMLElement {
  const doc = win.document;
  const language = baseLanguage(config.lang ?? win.navigator.language);
  const host = doc.createElement('parley-widget');
  host.dir = isRtl(language) ? 'rtl' : 'ltr';
  host.lang = language;
  const theme = config.theme ?? {};
  // (Inherited enumerable junk a host put on Object.prototype would only add unused properties.)
  for (const name in theme) host.style.setProperty(`--parley-${name}`, String(theme[name]));
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  // No type="button" needed: a button in a shadow root has no form to submit.
  const button = doc.createElement('button');
  const svg = doc.createElementNS(SVG, 'svg');
  // No aria-hidden needed on the icon (or the badge embed.ts adds): a button's children are
  // presentational, and its aria-label (which says the unread count) names it.
  svg.setAttribute('viewBox', '0 0 24 24');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', CHAT_ICON);
  svg.append(path);
  button.append(svg);
  // (ARIA reflection: shorter than setAttribute, in every browser the widget supports.)
  button.ariaExpanded = 'false';
  button.ariaLabel = openChat[language];
  root.append(button);
  // On <html>, which exists when any script runs: a transformed <body> cannot capture it.
  doc.documentElement.append(host);
  return host;
}
