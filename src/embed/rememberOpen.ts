// Whether the chat window was open, remembered for the tab (sessionStorage of the frame's origin,
// which browsers keep per tab and per embedding site), so that after a reload or on another page of
// the site the window comes back as the visitor left it, as LivePerson's window does. Kept in the
// frame, not the loader: the loader has no bytes to spare (its 1.5 KB budget). Storage that is missing
// or throws (blocked, sandboxed) means nothing is remembered.

const keyOf = (account: string) => `parley:${account}:open`;

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export function rememberOpen(account: string, open: boolean): void {
  try {
    storage()?.setItem(keyOf(account), open ? '1' : '0');
  } catch {
    // full or refused: not remembered
  }
}

/** true when the window was open on the visitor's last page of the site in this tab. */
export function wasOpen(account: string): boolean {
  try {
    return storage()?.getItem(keyOf(account)) === '1';
  } catch {
    return false;
  }
}
