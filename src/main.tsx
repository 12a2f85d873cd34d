// The hosted demo page: builds a LivePerson session from the URL query and mounts the widget.
//   ?account=demo  the LivePerson account id (default "demo")
//   &csds=…        the domain API base URL (default: this page's origin, where the stand-in runs)
//   &jwt=…         an authenticated consumer token (default: anonymous)
//   &authCode=…    an authenticated visitor: the page's getJwt exchanges this code at the IdP for a fresh token
//   &open=1        open the chat window at load
import { createLivePersonSession } from './liveperson/session';
import { mountParley } from './ui/mount';

function showError(message: string): void {
  const box = document.getElementById('demo-error');
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
}

// ---- authCode= (issue 4): the host's getJwt, as a brand's page would provide it ----
/** Asks the IdP (here the stand-in at `csds`) for a fresh consumer token for `authCode`. */
function getJwtFor(csds: string, account: string, authCode: string): () => Promise<string> {
  return async () => {
    const response = await fetch(`${csds}/api/account/${encodeURIComponent(account)}/authenticate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ authCode }),
    });
    if (!response.ok) throw new Error(`authentication failed (${response.status})`);
    const answer = (await response.json()) as { jwt?: unknown };
    if (typeof answer.jwt !== 'string') throw new Error('authentication returned no token');
    return answer.jwt;
  };
}
// ---- end authCode= ----

function start(): void {
  const query = new URLSearchParams(window.location.search);
  const account = query.get('account') || 'demo';
  const csds = query.get('csds') || window.location.origin;
  const jwt = query.get('jwt') || undefined;
  const open = query.get('open') === '1';
  const lang = navigator.language || 'en';

  const accountLabel = document.getElementById('demo-account');
  if (accountLabel) accountLabel.textContent = account;
  const consoleLink = document.getElementById('agent-console-link');
  if (consoleLink instanceof HTMLAnchorElement) {
    try {
      const url = new URL('/agent/', csds);
      url.searchParams.set('account', account);
      consoleLink.href = url.href;
    } catch {
      // A malformed csds is reported by the session below.
    }
  }

  const container = document.getElementById('parley');
  if (!container) return showError('Parley: the page has no #parley element to mount the widget in.');
  try {
    const authCode = query.get('authCode') || undefined;
    const getJwt = authCode ? getJwtFor(csds, account, authCode) : undefined;
    const session = createLivePersonSession({ account, csds, jwt, lang, ...(getJwt ? { getJwt } : {}) });
    mountParley(container, session, { open, lang });
  } catch (error) {
    showError(error instanceof Error ? error.message : String(error));
  }
}

start();
