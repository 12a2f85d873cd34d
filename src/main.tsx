// The hosted demo page embeds Parley the way a website does: it sets window.parleyConfig and adds
// the loader's script tag (as a tag manager would), here from the URL query:
//   ?account=demo  the LivePerson account id (default "demo")
//   &csds=…        the domain API base URL (default: this page's origin, where the stand-in runs)
//   &jwt=…         an authenticated consumer token (default: anonymous)
//   &lang=he       the widget's language (default: the browser's)
//   &open=1        open the chat window at load
//   &load=intent   load the app only when the visitor shows intent (default: when the page is idle)
import type { EmbedConfig } from './embed/types';

function showError(message: string): void {
  const box = document.getElementById('demo-error');
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
}

function start(): void {
  const query = new URLSearchParams(window.location.search);
  const account = query.get('account') || 'demo';
  const csds = query.get('csds') || window.location.origin;
  const config: EmbedConfig = { account, csds, open: query.get('open') === '1' };
  const jwt = query.get('jwt');
  if (jwt) config.jwt = jwt;
  const lang = query.get('lang');
  if (lang) config.lang = lang;
  if (query.get('load') === 'intent') config.load = 'intent';

  const accountLabel = document.getElementById('demo-account');
  if (accountLabel) accountLabel.textContent = account;
  const consoleLink = document.getElementById('agent-console-link');
  if (consoleLink instanceof HTMLAnchorElement) {
    try {
      const url = new URL('/agent/', csds);
      url.searchParams.set('account', account);
      consoleLink.href = url.href;
    } catch {
      return showError(`Parley demo: "csds" must be an absolute URL, got "${csds}".`);
    }
  }

  window.parleyConfig = config;
  const script = document.createElement('script');
  script.async = true;
  script.src = '/parley.js';
  script.onerror = () => showError('Parley: the loader (/parley.js) could not be loaded. Run npm run build.');
  document.body.append(script);
}

start();
