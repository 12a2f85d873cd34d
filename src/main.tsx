// The hosted demo page embeds Parley the way a website does: it sets window.parleyConfig and adds
// the loader's script tag (as a tag manager would), here from the URL query:
//   ?account=demo  the LivePerson account id (default "demo")
//   &csds=…        the domain API base URL (default: this page's origin, where the stand-in runs)
//   &jwt=…         an authenticated consumer token (default: anonymous)
//   &authCode=…    an authenticated visitor: the page's getJwt trades this code at the IdP's
//                  /authenticate for a fresh token each time the widget needs one
//   &lang=he       the widget's language (default: the browser's)
//   &open=1        open the chat window at load
//   &load=idle     load the app when the page is idle (default: only when the visitor shows intent)
// or, for Genesys (GMS chat over CometD):
//   ?backend=genesys&gms=…&service=…  GMS's base URL (default: this page's origin) and the chat
//                  service (default "customer-support"); &nickname=… the visitor's name
import type { EmbedConfig } from './embed/types';
import { normalizeConfig } from './liveperson/config';
import { endpointsFor, resolveDomains } from './liveperson/domains';
import { defaultFetch, fetchJson, isRecord } from './liveperson/http';

/**
 * The demo's getJwt, as a brand's site would have one: it asks its identity provider for a token
 * for the logged-in visitor. Here the IdP is the stand-in's `/authenticate` (the idp host from the
 * domain API), and the visitor is whoever `authCode` names.
 */
function authCodeGetJwt(account: string, csds: string, authCode: string): () => Promise<string> {
  return async () => {
    const config = normalizeConfig({ account, csds });
    const fetchFn = defaultFetch();
    const { idpBase } = endpointsFor(config, await resolveDomains(config, fetchFn));
    const answer = await fetchJson(fetchFn, `${idpBase}/authenticate`, { method: 'POST', body: { authCode }, what: 'The demo login' });
    const jwt = isRecord(answer) ? answer.jwt : undefined;
    if (typeof jwt !== 'string' || jwt === '') throw new Error('The demo login returned no token');
    return jwt;
  };
}

function showError(message: string): void {
  const box = document.getElementById('demo-error');
  if (!box) return;
  box.textContent = message;
  box.hidden = false;
}

/** The Genesys demo: the widget on GMS, the console at /agent/genesys.html. */
function genesysConfig(query: URLSearchParams): EmbedConfig {
  const config: EmbedConfig = {
    backend: 'genesys',
    gms: query.get('gms') || window.location.origin,
    service: query.get('service') || 'customer-support',
    open: query.get('open') === '1',
  };
  const nickname = query.get('nickname');
  if (nickname) config.nickname = nickname;
  const lang = query.get('lang');
  if (lang) config.lang = lang;
  const label = document.getElementById('demo-account');
  if (label) label.textContent = `Genesys ${config.service}`;
  const consoleLink = document.getElementById('agent-console-link');
  if (consoleLink instanceof HTMLAnchorElement) consoleLink.href = new URL('/agent/genesys.html', window.location.origin).href;
  return config;
}

function addLoader(config: EmbedConfig): void {
  window.parleyConfig = config;
  const script = document.createElement('script');
  script.async = true;
  script.src = '/parley.js';
  script.onerror = () => showError('Parley: the loader (/parley.js) could not be loaded. Run npm run build.');
  document.body.append(script);
}

function start(): void {
  const query = new URLSearchParams(window.location.search);
  if (query.get('backend') === 'genesys') return addLoader(genesysConfig(query));
  const account = query.get('account') || 'demo';
  const csds = query.get('csds') || window.location.origin;
  const config: EmbedConfig = { account, csds, open: query.get('open') === '1' };
  const jwt = query.get('jwt');
  if (jwt) config.jwt = jwt;
  const authCode = query.get('authCode');
  if (authCode) config.getJwt = authCodeGetJwt(account, csds, authCode);
  const connectorId = query.get('connectorId');
  if (connectorId) config.connectorId = connectorId;
  const lang = query.get('lang');
  if (lang) config.lang = lang;
  const load = query.get('load');
  if (load === 'idle' || load === 'intent') config.load = load;
  if (query.get('sound') === '1') config.sound = true;
  if (query.get('notifications') === '1') config.notifications = true;
  // The demo account lets visitors mark urgent (the stand-in's default); markUrgent=0 hides it.
  config.markUrgent = query.get('markUrgent') !== '0';
  if (query.get('fileSharing') === '0') config.fileSharing = false;
  const fileTypes = query.get('fileTypes');
  if (fileTypes) config.fileTypes = fileTypes.split(',');

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

  addLoader(config);
}

start();
