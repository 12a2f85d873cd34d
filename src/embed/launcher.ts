// The launcher the loader draws before the app is loaded: a plain DOM button in the widget's
// shadow root, labelled from the launcher catalogue, with the unread badge, and a polite live
// region that announces agent messages arriving while the window is closed (the frame is hidden
// then, so its own live region is silent).
import { launcherStrings, type LauncherLanguage } from '../ui/i18nLauncher';

const SVG = 'http://www.w3.org/2000/svg';
// A speech bubble (kept to straight lines: every byte here is in the loader's 3 KB).
const CHAT_ICON = 'M4 4h16v12H10l-5 4v-4H4z';
const CLOSE_ICON = 'M6 6l12 12M18 6L6 18';

export interface LauncherView {
  button: HTMLButtonElement;
  /** The live region (visually hidden): its text is announced politely. */
  live: HTMLElement;
  update(open: boolean, unread: number): void;
}

export function drawLauncher(root: ShadowRoot, language: LauncherLanguage): LauncherView {
  const doc = root.ownerDocument;
  const strings = launcherStrings[language];
  // No type="button" needed: a button in a shadow root has no form to submit.
  const button = doc.createElement('button');
  const svg = doc.createElementNS(SVG, 'svg');
  // No aria-hidden needed on the icon or the badge: a button's children are presentational, and
  // its aria-label (which says the unread count) names it.
  svg.setAttribute('viewBox', '0 0 24 24');
  const path = doc.createElementNS(SVG, 'path');
  svg.append(path);
  const badge = doc.createElement('span');
  button.append(svg, badge);
  const live = doc.createElement('div');
  live.ariaLive = 'polite';
  root.append(button, live);
  const update = (open: boolean, unread: number) => {
    // (ARIA reflection: shorter than setAttribute, in every browser the widget supports.)
    button.ariaExpanded = String(open);
    // Named for what a click does: it closes the window while it is open.
    button.ariaLabel = open
      ? strings.launcherClose
      : unread > 0
        ? strings.launcherOpenUnread.replace('{count}', String(unread))
        : strings.launcherOpen;
    path.setAttribute('d', open ? CLOSE_ICON : CHAT_ICON);
    badge.textContent = unread > 99 ? '99+' : unread > 0 ? `${unread}` : '';
  };
  update(false, 0);
  return { button, live, update };
}
