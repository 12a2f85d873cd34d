// The preview of the last agent message by the launcher while the window is closed: the agent's
// name and the text (plain text, set with textContent only, never HTML), a click on it opens the
// chat, and a dismiss button hides it until the next new message. Nothing moves, so reduced
// motion holds.

export interface PreviewView {
  /** Sets the preview's content; `reveal`: shows it (else only a preview that shows changes). */
  show(from: string, text: string, reveal: boolean): void;
  hide(): void;
}

/** Longer texts are cut here (the card shows three lines at most anyway). */
const PREVIEW_MAX = 300;

export function drawPreview(root: ShadowRoot, strings: { previewLabel: string; previewDismiss: string }, openChat: () => void): PreviewView {
  const doc = root.ownerDocument;
  const aside = doc.createElement('aside');
  aside.ariaLabel = strings.previewLabel;
  aside.hidden = true;
  const p = doc.createElement('p');
  const name = doc.createElement('b');
  const text = doc.createTextNode('');
  p.append(name, text);
  const dismiss = doc.createElement('button');
  dismiss.ariaLabel = strings.previewDismiss;
  dismiss.textContent = '×';
  aside.append(p, dismiss);
  root.append(aside);
  const hide = () => {
    aside.hidden = true;
  };
  p.addEventListener('click', openChat);
  dismiss.addEventListener('click', hide);
  return {
    show(from, message, reveal) {
      if (!reveal && aside.hidden) return;
      name.textContent = from;
      text.data = message.length > PREVIEW_MAX ? `${message.slice(0, PREVIEW_MAX)}…` : message;
      aside.hidden = false;
    },
    hide,
  };
}
