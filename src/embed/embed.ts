// The widget on the host page: the launcher (in a shadow root), the app in an iframe loaded on
// intent or when idle, the postMessage bridge and the public API. This runs in the host's realm:
// it stays small, uses no Array methods (a host may have patched them) and trusts no message.
import { baseLanguage, isRtl, launcherStrings } from '../ui/i18n-launcher';
import css from './launcher.css?inline';
import { drawLauncher } from './launcher';
import { TAG, typeOf, type ToFrame, type ToHost, type Untagged } from './protocol';
import { EVENT_NAMES, type EmbedConfig, type ParleyApi, type ParleyEventName } from './types';

type Listener = (detail: unknown) => void;

function checkEvent(method: string, event: string, listener: unknown): void {
  if ((EVENT_NAMES as Record<string, unknown>)[event] !== true) {
    throw new TypeError(`Parley.${method}: unknown event "${event}"`);
  }
  if (typeof listener !== 'function') throw new TypeError(`Parley.${method}: the listener must be a function`);
}

/** Draws the launcher and returns the API; throws a clear Error for an unusable configuration. */
export function createEmbed(config: EmbedConfig, win: Window = window): ParleyApi {
  if (typeof config !== 'object' || config === null || typeof config.account !== 'string' || config.account === '') {
    throw new Error('Parley: "account" is missing (data-account or parleyConfig.account)');
  }
  const getJwt = config.getJwt;
  if (getJwt !== undefined && typeof getJwt !== 'function') throw new TypeError('Parley: "getJwt" must be a function');
  const doc = win.document;
  // The frame learns whom it may talk to from its hash.
  const frameUrl = new URL(String(config.appUrl ?? ''), doc.baseURI);
  frameUrl.hash = `origin=${encodeURIComponent(win.location.origin)}`;
  const frameOrigin = frameUrl.origin;
  const lang = config.lang ?? win.navigator.language;
  const language = baseLanguage(lang);
  const host = doc.createElement('parley-widget');
  host.setAttribute('dir', isRtl(language) ? 'rtl' : 'ltr');
  host.setAttribute('lang', language);
  const theme = config.theme ?? {};
  for (const name in theme) {
    if (Object.hasOwn(theme, name)) host.style.setProperty(`--parley-${name}`, String(theme[name]));
  }
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  const launcher = drawLauncher(root, language);

  const listeners = new Map<string, Set<Listener>>();
  let frame: HTMLIFrameElement | undefined;
  let ready = false;
  let open = false;
  let unread = 0;
  let intent = false;
  let jwt = config.jwt;
  let destroyed = false;

  const post = (message: Untagged<ToFrame>) => {
    if (ready) frame?.contentWindow?.postMessage({ tag: TAG, ...message }, frameOrigin);
  };
  const render = () => {
    launcher.update(open, unread);
    if (frame) frame.hidden = !open;
  };
  const load = () => {
    if (frame || destroyed) return;
    frame = doc.createElement('iframe');
    frame.title = launcherStrings[language].frameTitle;
    frame.src = frameUrl.href;
    frame.hidden = !open;
    launcher.button.before(frame);
  };
  const setOpen = (next: boolean, fromFrame: boolean) => {
    if (destroyed || next === open) return;
    const focusInFrame = root.activeElement === frame;
    open = next;
    load();
    render();
    if (!fromFrame) post({ type: 'open', open });
    if (open && ready) frame?.focus();
    if (!open && (fromFrame || focusInFrame)) launcher.button.focus();
  };
  // The visitor may open the window soon: the frame fetches the window's code (see frame.tsx).
  const onIntent = () => {
    load();
    if (!intent) post({ type: 'intent' });
    intent = true;
  };
  // The frame asks for a token: the page's getJwt answers; a failure goes back as an error.
  const answerToken = (id: number) => {
    // The frame checks the token (an empty one counts as "no token"); anything else is not one.
    new Promise<unknown>((resolve) => resolve(getJwt!())).then(
      (token) => post({ type: 'token', id, jwt: typeof token === 'string' ? token : '' }),
      (error: unknown) => post({ type: 'token', id, error: String((error as Error | undefined)?.message ?? error) }),
    );
  };
  const emit = (name: string, detail: unknown) => {
    listeners.get(name)?.forEach((listener) => {
      try {
        listener(detail);
      } catch (error) {
        // A failing host listener must not stop the others, nor the widget; report it as uncaught.
        win.setTimeout(() => {
          throw error;
        });
      }
    });
  };
  const onMessage = (event: MessageEvent) => {
    // (No frame yet: its contentWindow is undefined, which no event's source is.)
    if (event.source !== frame?.contentWindow || event.origin !== frameOrigin) return;
    const data = event.data as ToHost;
    const type = typeOf(data);
    if (type === undefined) return;
    if (type === 'ready') {
      ready = true;
      if (open) frame?.focus();
      // Only what the frame needs, and nothing a postMessage cannot clone (getJwt stays here).
      const { account, csds, domains, theme } = config;
      post({ type: 'init', config: { account, csds, domains, jwt, lang, theme }, open, intent, hostJwt: !!getJwt });
    } else if (data.type === 'open') setOpen(data.open === true, true);
    else if (data.type === 'unread') {
      unread = Number.isInteger(data.count) && data.count > 0 ? data.count : 0;
      render();
    } else if (data.type === 'event') emit(String(data.name), data.detail);
    else if (data.type === 'getJwt') answerToken(data.id);
  };

  win.addEventListener('message', onMessage);
  const button = launcher.button;
  button.addEventListener('click', () => setOpen(!open, false));
  // Touch fires pointerenter too, at the start of the tap.
  button.addEventListener('pointerenter', onIntent);
  button.addEventListener('focus', onIntent);
  // (After destroy() the idle callback finds `destroyed` and does nothing: no need to cancel it.)
  if (config.load !== 'intent') (win.requestIdleCallback ?? ((run: () => void) => win.setTimeout(run, 1500)))(load, { timeout: 4000 });
  const mount = () => {
    if (!destroyed) doc.body.append(host);
  };
  if (doc.body) mount();
  else doc.addEventListener('DOMContentLoaded', mount, { once: true });
  if (config.open === true) setOpen(true, false);

  return {
    open: () => setOpen(true, false),
    close: () => setOpen(false, false),
    on(event: ParleyEventName, listener: Listener) {
      checkEvent('on', event, listener);
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
    },
    off(event: ParleyEventName, listener: Listener) {
      checkEvent('off', event, listener);
      listeners.get(event)?.delete(listener);
    },
    setJwt(token: string) {
      if (typeof token !== 'string' || token === '') throw new TypeError('Parley.setJwt: expected a non-empty string');
      jwt = token;
      post({ type: 'jwt', jwt: token });
    },
    // Idempotent; with the message listener gone no listener is ever called again.
    destroy() {
      destroyed = true;
      win.removeEventListener('message', onMessage);
      host.remove();
    },
  } as ParleyApi;
}
