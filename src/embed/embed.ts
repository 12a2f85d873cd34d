// The widget on the host page: the launcher (in a shadow root), the app in an iframe loaded on
// intent or when idle, the postMessage bridge and the public API. This runs in the host's realm:
// it stays small and trusts no message; a host may have replaced globals (Map, Set, Promise, URL)
// or patched Array.prototype, so it uses none of them: null-prototype records, index loops, an
// <a> element to resolve URLs, and the host's own thenable from getJwt.
import { baseLanguage, isRtl, launcherStrings } from '../ui/i18nLauncher';
import css from './launcher.css?inline';
import { drawLauncher } from './launcher';
import { TAG, typeOf, type ToFrame, type ToHost, type Untagged } from './protocol';
import { EVENT_NAMES, type EmbedConfig, type ParleyApi, type ParleyEventName } from './types';

type Listener = (detail: unknown) => void;

/** The frame's full-screen layout (the same query as in launcher.css): the window is modal then. */
// (Written as the minified CSS has it, so gzip finds it twice.)
export const FULL_SCREEN = '(width<=639.98px),(height<=499.98px)';

function checkEvent(method: string, event: string, listener: unknown): void {
  if ((EVENT_NAMES as Record<string, unknown>)[event] !== true) {
    throw new TypeError(`Parley.${method}: unknown event "${event}"`);
  }
  if (typeof listener !== 'function') throw new TypeError(`Parley.${method}: listener must be a function`);
}

/**
 * Draws the launcher and returns the API; throws a clear Error for an unusable configuration.
 * `onOpen` hears every open/close (<ParleyChat> keeps the state across a rebuild with it).
 */
export function createEmbed(config: EmbedConfig, win: Window = window, onOpen?: (open: boolean) => void): ParleyApi {
  if (typeof (config?.account || config?.gms) !== 'string') throw new Error('Parley: "account" or "gms" is missing');
  const getJwt = config.getJwt;
  if (getJwt !== undefined && typeof getJwt !== 'function') throw new TypeError('Parley: "getJwt" must be a function');
  const doc = win.document;
  // The frame learns whom it may talk to from its hash (it checks that against its real parent).
  const frameUrl = doc.createElement('a');
  frameUrl.href = String(config.appUrl ?? '');
  frameUrl.hash = `origin=${encodeURIComponent(win.location.origin)}`;
  const frameOrigin = frameUrl.origin;
  const lang = config.lang ?? win.navigator.language;
  const language = baseLanguage(lang);
  const host = doc.createElement('parley-widget');
  host.dir = isRtl(language) ? 'rtl' : 'ltr';
  host.lang = language;
  const theme = config.theme ?? {};
  // (Inherited enumerable junk a host put on Object.prototype would only add unused properties.)
  for (const name in theme) host.style.setProperty(`--parley-${name}`, String(theme[name]));
  const root = host.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [sheet];
  const launcher = drawLauncher(root, language);
  const button = launcher.button;
  const fullScreen = win.matchMedia(FULL_SCREEN);

  /** Listeners by event name (a null-prototype record of arrays filled by index). */
  const listeners = { __proto__: null } as unknown as Record<string, Listener[] | undefined>;
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
  const postOpen = () => post({ type: 'open', open, modal: fullScreen.matches });
  const render = () => {
    launcher.update(open, unread);
    if (frame) frame.hidden = !open;
  };
  const load = () => {
    if (frame || destroyed) return;
    frame = doc.createElement('iframe');
    frame.title = launcherStrings[language].frameTitle;
    // The frame checks its #origin against the referrer's: send the origin whatever the page's policy.
    frame.referrerPolicy = 'origin';
    frame.src = frameUrl.href;
    frame.hidden = !open;
    button.before(frame);
  };
  const setOpen = (next: boolean, fromFrame: boolean) => {
    if (destroyed || next === open) return;
    const focusInFrame = root.activeElement === frame;
    open = next;
    onOpen?.(open);
    load();
    render();
    if (!fromFrame) postOpen();
    if (open && ready) frame?.focus();
    if (!open && (fromFrame || focusInFrame)) button.focus();
  };
  // The visitor may open the window soon: the frame fetches the window's code (see frame.tsx).
  const onIntent = () => {
    load();
    if (!intent) post({ type: 'intent' });
    intent = true;
  };
  // The frame asks for a token: the page's getJwt answers (through its own thenable, not the
  // host's Promise global); a failure goes back as an error. The frame checks the token.
  const answerToken = (id: number) => {
    const fail = (error: unknown) => post({ type: 'token', id, error: String((error as Error | undefined)?.message ?? error) });
    const give = (token: unknown) => post({ type: 'token', id, jwt: typeof token === 'string' ? token : '' });
    try {
      const answer = getJwt!() as unknown as PromiseLike<unknown> | undefined;
      if (typeof answer?.then === 'function') answer.then(give, fail);
      else give(answer);
    } catch (error) {
      fail(error);
    }
  };
  /** The event's listeners without this one (a new array: an emit in progress keeps its own). */
  const without = (event: string, listener: unknown): Listener[] => {
    const list = listeners[event] ?? [];
    const rest: Listener[] = [];
    for (let i = 0; i < list.length; i++) if (list[i] !== listener) rest[rest.length] = list[i]!;
    return (listeners[event] = rest);
  };
  const emit = (name: string, detail: unknown) => {
    const list = listeners[name] ?? [];
    for (let i = 0; i < list.length; i++) {
      try {
        list[i]!(detail);
      } catch (error) {
        // A failing host listener must not stop the others, nor the widget; report it as uncaught.
        win.setTimeout(() => {
          throw error;
        });
      }
    }
  };
  const onMessage = (event: MessageEvent) => {
    // (No frame yet: its contentWindow is undefined, which no event's source is.)
    if (event.source !== frame?.contentWindow || event.origin !== frameOrigin) return;
    const data: unknown = event.data;
    const type = typeOf(data);
    if (type === undefined) return;
    if (type === 'ready') {
      ready = true;
      if (open) frame?.focus();
      // Only what the frame needs, and nothing a postMessage cannot clone (getJwt stays here).
      const { getJwt: _getJwt, appUrl: _appUrl, ...settings } = config;
      post({ type: 'init', config: { ...settings, jwt, lang }, open, modal: fullScreen.matches, intent, hostJwt: !!getJwt });
    } else if (type === 'open') setOpen((data as { open?: unknown }).open === true, true);
    else if (type === 'unread') {
      const { count, say } = data as Partial<Extract<ToHost, { type: 'unread' }>>;
      unread = Number.isInteger(count) && count! > 0 ? count! : 0;
      render();
      // Text only (textContent): the frame words it from its catalogue.
      if (typeof say === 'string') launcher.live.textContent = say;
    } else if (type === 'event') {
      const { name, detail } = data as { name?: unknown; detail?: unknown };
      emit(String(name), detail);
    } else if (type === 'getJwt') answerToken((data as { id: number }).id);
  };

  win.addEventListener('message', onMessage);
  fullScreen.onchange = () => {
    if (open) postOpen();
  };
  button.addEventListener('click', () => setOpen(!open, false));
  // Escape on the launcher closes the open window, as it does from inside it.
  button.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') setOpen(false, false);
  });
  // Touch fires pointerenter too, at the start of the tap.
  button.addEventListener('pointerenter', onIntent);
  button.addEventListener('focus', onIntent);
  // (After destroy() the idle callback finds `destroyed` and does nothing: no need to cancel it.)
  if (config.load !== 'intent') (win.requestIdleCallback ?? ((run: () => void) => win.setTimeout(run, 1500)))(load, { timeout: 4000 });
  // On <html>, which exists when any script runs: a transformed <body> cannot capture it.
  doc.documentElement.append(host);
  if (config.open === true) setOpen(true, false);

  return {
    open: () => setOpen(true, false),
    close: () => setOpen(false, false),
    on(event: ParleyEventName, listener: Listener) {
      checkEvent('on', event, listener);
      const list = without(event, listener);
      list[list.length] = listener;
    },
    off(event: ParleyEventName, listener: Listener) {
      checkEvent('off', event, listener);
      without(event, listener);
    },
    setJwt(token: string) {
      if (typeof token !== 'string' || token === '') throw new TypeError('Parley.setJwt: expected a non-empty string');
      jwt = token;
      post({ type: 'jwt', jwt: token });
    },
    // Idempotent; with the message listener gone no listener is ever called again.
    destroy() {
      destroyed = true;
      fullScreen.onchange = null;
      win.removeEventListener('message', onMessage);
      host.remove();
    },
  } as ParleyApi;
}
