// The widget's host side (parley-host.js, or the npm library's createParley): it takes over the
// launcher the loader drew (launcher.ts), loads the app in an iframe on intent (or when idle with
// `load: 'idle'`), runs the connection check for a returning visitor whose conversation is open,
// and holds the postMessage bridge, the public API and the attention cues (badge, page title,
// preview of the last agent message, desktop notifications). This runs in the host's realm:
// it stays small and trusts no message; a host may have replaced globals (Map, Set, Promise, URL)
// or patched Array.prototype, so it uses none of them: null-prototype records, index loops, an
// <a> element to resolve URLs, and the host's own thenable from getJwt.
import { baseLanguage, launcherStrings } from '../ui/i18nLauncher';
import css from './embed.css?inline';
import { drawPreview } from './preview';
import { CHAT_ICON, drawLauncher } from './launcher';
import { hintKey, readHint, writeHint } from './hint';
import { createTitleCue } from './titleCue';
import { TAG, typeOf, type ToFrame, type ToHost, type Untagged } from './protocol';
import { EVENT_NAMES, type EmbedConfig, type ParleyApi, type ParleyEventName } from './types';

type Listener = (detail: unknown) => void;

/** The frame's full-screen layout (the same query as in embed.css): the window is modal then. */
// (Written as the minified CSS has it, so gzip finds it twice.)
export const FULL_SCREEN = '(width<=639.98px),(height<=499.98px)';
const CLOSE_ICON = 'M6 6l12 12M18 6L6 18';

function checkEvent(method: string, event: string, listener: unknown): void {
  if ((EVENT_NAMES as Record<string, unknown>)[event] !== true) {
    throw new TypeError(`Parley.${method}: unknown event "${event}"`);
  }
  if (typeof listener !== 'function') throw new TypeError(`Parley.${method}: listener must be a function`);
}

/** The loader's hand-over: the widget it drew (launcher.ts), and whether the visitor already showed intent. */
export interface LoaderState {
  host: HTMLElement;
  intent: boolean;
}

/**
 * Draws the launcher (or takes over the loader's) and returns the API; throws a clear Error for an
 * unusable configuration. `onOpen` hears every open/close (<ParleyChat> keeps the state across a
 * rebuild with it).
 */
export function createEmbed(config: EmbedConfig, win: Window = window, onOpen?: (open: boolean) => void, loader?: LoaderState): ParleyApi {
  if (typeof (config?.account || config?.gms) !== 'string') throw new Error('Parley: "account" or "gms" is missing');
  const getJwt = config.getJwt;
  if (getJwt !== undefined && typeof getJwt !== 'function') throw new TypeError('Parley: "getJwt" must be a function');
  const doc = win.document;
  const genesys = config.backend === 'genesys';
  /** A page next to frame.html (genesys.html, check.html), with the hash the frame checks against its real parent. */
  const pageUrl = (file: string) => {
    const a = doc.createElement('a');
    a.href = String(config.appUrl ?? '');
    if (file) a.href = a.href.replace(/[^/?#]*([?#].*)?$/, file);
    a.hash = `origin=${encodeURIComponent(win.location.origin)}`;
    return a;
  };
  // The frame learns whom it may talk to from its hash. A Genesys configuration gets the Genesys
  // build of the app (genesys.html, next to frame.html): LivePerson's app carries no Genesys byte.
  const frameUrl = pageUrl(genesys ? 'genesys.html' : '');
  const frameOrigin = frameUrl.origin;
  const lang = config.lang ?? win.navigator.language;
  const language = baseLanguage(lang);
  const host = loader?.host ?? drawLauncher(config, win);
  const root = host.shadowRoot!;
  const button = root.querySelector('button')!;
  const path = button.querySelector('path')!;
  const badge = doc.createElement('span');
  button.append(badge);
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [root.adoptedStyleSheets[0]!, sheet];
  const strings = launcherStrings[language];
  // The loader's own handlers (they queue until this part has loaded) step aside.
  button.onclick = button.onpointerenter = button.onfocus = null;
  const live = doc.createElement('div');
  live.ariaLive = 'polite';
  root.append(live);
  const fullScreen = win.matchMedia(FULL_SCREEN);
  const key = hintKey(config);

  /** Listeners by event name (a null-prototype record of arrays filled by index). */
  const listeners = { __proto__: null } as unknown as Record<string, Listener[] | undefined>;
  let frame: HTMLIFrameElement | undefined;
  /** The connection check (check.html), while there is no frame: it feeds the badge and the preview. */
  let check: HTMLIFrameElement | undefined;
  let ready = false;
  let open = false;
  let unread = 0;
  let intent = loader?.intent === true;
  let jwt = config.jwt;
  let destroyed = false;

  const post = (message: Untagged<ToFrame>) => {
    if (ready) frame?.contentWindow?.postMessage({ tag: TAG, ...message }, frameOrigin);
  };
  const postOpen = () => post({ type: 'open', open, modal: fullScreen.matches });
  const title = createTitleCue(doc);
  const preview = drawPreview(root, strings, () => setOpen(true, false));
  const render = () => {
    button.ariaExpanded = String(open);
    // Named for what a click does: it closes the window while it is open.
    button.ariaLabel = open ? strings.launcherClose : unread > 0 ? strings.launcherOpenUnread.replace('{count}', String(unread)) : strings.launcherOpen;
    path.setAttribute('d', open ? CLOSE_ICON : CHAT_ICON);
    badge.textContent = unread > 99 ? '99+' : unread > 0 ? `${unread}` : '';
    if (frame) frame.hidden = !open;
    if (open || unread === 0) preview.hide();
    title.update(unread, open);
  };
  /** A hidden iframe for the app, or the check, with the #origin its page checks. */
  const iframe = (url: HTMLAnchorElement, name: string) => {
    const element = doc.createElement('iframe');
    element.title = name;
    // The page checks its #origin against the referrer's: send the origin whatever the page's policy.
    element.referrerPolicy = 'origin';
    element.src = url.href;
    element.hidden = true;
    button.before(element);
    return element;
  };
  const load = () => {
    if (frame || destroyed) return;
    frame = iframe(frameUrl, strings.frameTitle);
    frame.hidden = !open;
    // One connection: the app's session replaces the check's.
    check?.remove();
    check = undefined;
  };
  /**
   * A returning visitor whose conversation was open (the hint): the unread badge without the app.
   * LivePerson: the small connection check (check.html: a socket, no React, no signup). Genesys: the
   * GMS session's keys are known to the app only, so the app itself loads (when the page is idle).
   */
  const runCheck = () => {
    if (frame || check || destroyed) return;
    if (genesys) return load();
    check = iframe(pageUrl('check.html'), strings.frameTitle);
  };
  const setOpen = (next: boolean, fromFrame: boolean) => {
    if (destroyed || next === open) return;
    const focusInFrame = root.activeElement === frame;
    open = next;
    // The tab remembers an open window (on the host's origin too: the next page view loads the app at once).
    writeHint(win, 'sessionStorage', key, open);
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
  // Desktop notifications are this page's (protocol.ts says why): offered with `notifications`.
  const PageNotification = (win as unknown as { Notification?: typeof Notification }).Notification;
  const Notify = (config.notifications === true || (config.notifications as unknown) === 'true') && typeof PageNotification === 'function' ? PageNotification : undefined;
  const askNotify = () => {
    const answer = (permission: unknown) => post({ type: 'notifyPermission', permission: permission === 'granted' || permission === 'denied' ? permission : 'default' });
    try {
      // (The callback form too: older Safari returns no promise.)
      const asked = Notify!.requestPermission(answer) as unknown as PromiseLike<unknown> | undefined;
      if (typeof asked?.then === 'function') asked.then(answer, () => answer(Notify!.permission));
    } catch {
      answer(Notify!.permission);
    }
  };
  const notify = (data: unknown) => {
    const { title, body, key: tag } = data as { title?: unknown; body?: unknown; key?: unknown };
    if (Notify?.permission !== 'granted' || typeof title !== 'string' || typeof body !== 'string') return;
    try {
      const note = new Notify(title, { body, tag: String(tag ?? '') });
      note.onclick = () => {
        win.focus();
        setOpen(true, false);
        note.close();
      };
    } catch {
      // (Some browsers allow notifications only from a service worker.)
    }
  };
  /** Only what the frame needs, and nothing a postMessage cannot clone (getJwt stays here). */
  const init = (): Untagged<Extract<ToFrame, { type: 'init' }>> => {
    const { getJwt: _getJwt, appUrl: _appUrl, ...settings } = config;
    return { type: 'init', config: { ...settings, jwt, lang }, open, modal: fullScreen.matches, intent, hostJwt: !!getJwt, ...(Notify ? { notify: Notify.permission } : {}) };
  };
  /** The check's messages: its readiness, the unread count and preview, whether a conversation is open. */
  const fromCheck = (type: string, data: unknown) => {
    if (type === 'ready') check?.contentWindow?.postMessage({ tag: TAG, ...init() }, frameOrigin);
    else if (type === 'unread' || type === 'conversation') fromEither(type, data);
  };
  const fromEither = (type: string, data: unknown) => {
    if (type === 'conversation') {
      // (A page that serves tokens with getJwt only gets no check: the flag would buy nothing.)
      writeHint(win, 'localStorage', key, (data as { open?: unknown }).open === true && (genesys || !getJwt || jwt !== undefined));
      return;
    }
    const { count, say, preview: shown } = data as Partial<Extract<ToHost, { type: 'unread' }>>;
    const before = unread;
    unread = Number.isInteger(count) && count! > 0 ? count! : 0;
    // A new agent message while the window is closed: its preview (text only, textContent); the same
    // message again (its agent's name came) refreshes a preview that shows.
    if (typeof shown?.text === 'string') preview.show(String(shown.from ?? ''), shown.text, !open && unread > before);
    render();
    // Text only (textContent): the frame words it from its catalogue.
    if (typeof say === 'string') live.textContent = say;
  };
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== frameOrigin) return;
    const data: unknown = event.data;
    const type = typeOf(data);
    if (type === undefined) return;
    // (No check or no frame: its contentWindow is undefined, which no event's source is.)
    if (event.source === check?.contentWindow) return fromCheck(type, data);
    if (event.source !== frame?.contentWindow) return;
    if (type === 'ready') {
      ready = true;
      if (open) frame?.focus();
      post(init());
    } else if (type === 'open') setOpen((data as { open?: unknown }).open === true, true);
    else if (type === 'unread' || type === 'conversation') fromEither(type, data);
    else if (type === 'events') {
      // Junk entries emit under no known name: nobody hears them.
      const { events } = data as { events?: unknown };
      if (Array.isArray(events)) for (const e of events as Array<{ name?: unknown; detail?: unknown } | null>) emit(String(e?.name), e?.detail);
    } else if (type === 'getJwt') answerToken((data as { id: number }).id);
    else if (type === 'askNotify' && Notify) askNotify();
    else if (type === 'notify') notify(data);
  };

  win.addEventListener('message', onMessage);
  const onVisibility = () => title.update(unread, open);
  doc.addEventListener('visibilitychange', onVisibility);
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
  // What loads before intent: with `load: 'idle'` the app when the page is idle; otherwise nothing,
  // unless the window was open in this tab (the app, which opens it again) or the visitor's
  // conversation was open (the connection check). (After destroy() the idle callback finds
  // `destroyed` and does nothing: no need to cancel it.)
  const idle = (run: () => void) => (win.requestIdleCallback ?? ((r: () => void) => win.setTimeout(r, 1500)))(run, { timeout: 4000 });
  if (intent) load();
  else if (config.load === 'idle' || readHint(win, 'sessionStorage', key)) idle(load);
  else if (readHint(win, 'localStorage', key)) idle(runCheck);
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
      doc.removeEventListener('visibilitychange', onVisibility);
      title.update(0, open);
      host.remove();
    },
  } as ParleyApi;
}
