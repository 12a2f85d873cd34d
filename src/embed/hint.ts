// What the host's origin remembers for the loader, so that a page view costs only what it needs:
// in localStorage, that the visitor's conversation was open (the next page view runs the
// connection check for the unread badge); in sessionStorage, that the window was open in this tab
// (the next page view loads the app at once, which opens it again). The visitor's identity and the
// conversation stay in the frame origin's storage; these are flags, "1" or absent. Storage that is
// missing or throws (a sandboxed page, storage disabled) means no flag: the widget then loads on
// intent only.

type Which = 'localStorage' | 'sessionStorage';

/** The flag's key for a configuration: the LivePerson account, or the Genesys GMS and service. */
export function hintKey(config: { account?: string; gms?: string; service?: string }): string {
  return `parley:hint:${config.account || `${config.gms}|${config.service}`}`;
}

export function readHint(win: Window, which: Which, key: string): boolean {
  try {
    return win[which].getItem(key) === '1';
  } catch {
    return false;
  }
}

export function writeHint(win: Window, which: Which, key: string, on: boolean): void {
  try {
    if (on) win[which].setItem(key, '1');
    else win[which].removeItem(key);
  } catch {
    // nothing to remember then: the next page view loads on intent
  }
}
