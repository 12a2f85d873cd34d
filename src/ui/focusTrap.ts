// Keeps Tab and Shift+Tab inside a modal dialog: from its last focusable element Tab goes to the
// first, from the first Shift+Tab goes to the last (instead of leaving for the page behind it).

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

/** The dialog's elements that Tab reaches, in order. */
export function tabbables(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest('[hidden], [inert]') && el.getClientRects().length > 0,
  );
}

/** Handles a Tab keydown inside `container`; true when it moved the focus (and prevented the default). */
export function trapTab(event: { key: string; shiftKey: boolean; target: EventTarget | null; preventDefault(): void }, container: HTMLElement): boolean {
  if (event.key !== 'Tab') return false;
  const list = tabbables(container);
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last) {
    event.preventDefault();
    return true;
  }
  const outside = !(event.target instanceof Node) || !container.contains(event.target);
  const next = event.shiftKey ? (event.target === first || outside ? last : undefined) : event.target === last || outside ? first : undefined;
  if (!next) return false;
  event.preventDefault();
  next.focus();
  return true;
}
