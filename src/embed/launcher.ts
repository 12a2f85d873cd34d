// The launcher the loader draws before the app is loaded: a plain DOM button in the widget's
// shadow root, labelled from the launcher catalogue, with the unread badge.
import { launcherStrings, type LauncherLanguage } from '../ui/i18n-launcher';

const SVG = 'http://www.w3.org/2000/svg';
const CHAT_ICON = 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.5 4v-4A1.5 1.5 0 0 1 4 14.5z';
const CLOSE_ICON = 'M6 6l12 12M18 6L6 18';

export interface LauncherView {
  button: HTMLButtonElement;
  update(open: boolean, unread: number): void;
}

export function drawLauncher(root: ShadowRoot, language: LauncherLanguage): LauncherView {
  const doc = root.ownerDocument;
  const strings = launcherStrings[language];
  // No type="button" needed: a button in a shadow root has no form to submit.
  const button = doc.createElement('button');
  const svg = doc.createElementNS(SVG, 'svg');
  // No aria-hidden needed: the button's aria-label names it, the icon has no text.
  svg.setAttribute('viewBox', '0 0 24 24');
  const path = doc.createElementNS(SVG, 'path');
  svg.append(path);
  const badge = doc.createElement('span');
  badge.setAttribute('aria-hidden', 'true');
  button.append(svg, badge);
  root.append(button);
  const update = (open: boolean, unread: number) => {
    button.setAttribute('aria-expanded', String(open));
    button.setAttribute('aria-label', unread > 0 ? strings.launcherOpenUnread.replace('{count}', String(unread)) : strings.launcherOpen);
    path.setAttribute('d', open ? CLOSE_ICON : CHAT_ICON);
    badge.textContent = unread > 0 ? (unread > 99 ? '99+' : String(unread)) : '';
  };
  update(false, 0);
  return { button, update };
}
