// The app inside the embed's iframe (frame.html): waits for the loader's configuration, runs the
// LivePerson session (or, with `backend: 'genesys'`, the Genesys one: its code and the cometd client
// are a lazy chunk of their own, so LivePerson's first load does not carry them), and reports open/close, unread counts and public events. It talks only to
// the parent window, and only with the exact origin the loader put in its hash, once that proved
// to be the embedding page's real origin (frameOrigin.ts).
// The window's code (react-query, the UI) is a lazy chunk fetched on the visitor's intent (hover,
// focus or touch of the launcher, or opening), not at load: the first load carries only what runs
// before (the connection, the state, the unread count and the host's events).
import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChatSession } from '../core/session';
import { normalizeConfig } from '../liveperson/config';
import { createLivePersonSession } from '../liveperson/session';
import { baseLanguage, isRtl, type LauncherLanguage } from '../ui/i18nLauncher';
import { unreadAnnouncement } from './announce';
import { createEventTracker } from './events';
import { currentEmbedding, parentOriginOf } from './frameOrigin';
import { createHostTokens } from './hostTokens';
import { rememberOpen, wasOpen } from './rememberOpen';
import { createTabsSession, tabsSupported, type SessionHooks } from './tabs/tabsSession';
import { TAG, typeOf, type FrameConfig, type ToFrame, type ToHost } from './protocol';
import './frame.css';

const FrameWindow = lazy(() => import('./FrameWindow'));
const loadGenesys = () => import('./genesysSession');

const embedding = parentOriginOf(currentEmbedding());
const parentOrigin = 'origin' in embedding ? embedding.origin : '';
const send = (message: ToHost) => window.parent.postMessage(message, parentOrigin);
const container = document.getElementById('parley');
const root = createRoot(container ?? document.body);
const hostTokens = createHostTokens(send);

let config: FrameConfig | undefined;
/** Whose window state the tab remembers: the LivePerson account, or the Genesys service. */
const widgetKey = (c: FrameConfig): string => c.account ?? `genesys:${c.gms ?? ''}:${c.service ?? ''}`;
let session: ChatSession | undefined;
let generation = 0;
/** Counts startSession calls: a Genesys session arrives asynchronously, after a newer start maybe. */
let starts = 0;
let open = false;
/** The frame covers the viewport (the loader says): the window is a modal dialog. */
let modal = false;
let language: LauncherLanguage = 'en';
/** The visitor showed intent (or opened the window): the window's code is wanted. */
let wanted = false;
/** The page has a getJwt: tokens are asked of it. */
let hostJwt = false;
/** The newest token the page pushed (config.jwt, setJwt), and whether the session has had it yet. */
let token: string | undefined;
let tokenUnused = false;
let unsubscribe = () => {};

/** A plain box in the window's place while its code loads (on a slow network, after a click). */
function Placeholder() {
  return <div className="parley-placeholder" aria-busy="true" />;
}

function draw(): void {
  if (!config || !session || !container || !wanted) return;
  root.render(
    <Suspense fallback={open ? <Placeholder /> : null}>
      <FrameWindow key={generation} session={session} lang={config.lang} theme={config.theme} open={open} modal={modal} onClose={close} />
    </Suspense>,
  );
}

/** The visitor closed the window (Escape, the close button): the loader hides the frame. */
function close(): void {
  open = false;
  if (config) rememberOpen(widgetKey(config), false);
  draw();
  send({ tag: TAG, type: 'open', open: false });
}

/** A token for the session: one the page pushed and the session has not had, else the page's getJwt. */
async function getJwt(): Promise<string> {
  if (token !== undefined && (tokenUnused || !hostJwt)) {
    tokenUnused = false;
    return token;
  }
  return hostTokens.request();
}

/** The configured backend's session; throws ConfigError for unusable settings. */
async function createBackendSession(settings: FrameConfig, hooks?: SessionHooks): Promise<ChatSession> {
  const { jwt: _initial, theme: _theme, account, ...rest } = settings;
  if (settings.backend === 'genesys') return (await loadGenesys()).genesysSession(settings);
  return createLivePersonSession({ ...rest, account: account ?? '', ...(token !== undefined || hostJwt ? { getJwt } : {}) }, hooks ? { newClientId: hooks.newClientId } : {});
}

/**
 * One LivePerson session for all of the visitor's tabs (src/embed/tabs): only the leading tab creates
 * it. Genesys keeps one per tab: its session mints its own client ids, which a handover needs to be
 * the typing tab's (SessionHooks.newClientId).
 */
async function createSession(settings: FrameConfig): Promise<ChatSession> {
  if (settings.backend === 'genesys' || !tabsSupported()) return createBackendSession(settings);
  normalizeConfig({ ...settings, account: settings.account ?? '' }); // a ConfigError in every tab, leading or not
  // A signed-in visitor's tabs share their session apart from anonymous ones.
  const key = `${widgetKey(settings)}${token !== undefined || hostJwt ? ':signed-in' : ''}`;
  return createTabsSession({ key, create: (hooks) => createBackendSession(settings, hooks) });
}

/** (Re)creates the session: at init, and when an anonymous visitor gets a token (logs in). */
async function startSession(): Promise<void> {
  if (!config) return;
  unsubscribe();
  session?.stop();
  hostTokens.cancel();
  session = undefined;
  const mine = ++starts;
  let next: ChatSession;
  try {
    next = await createSession(config);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return;
  }
  if (mine !== starts) return next.stop();
  session = next;
  generation++;
  const track = createEventTracker();
  let unread = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    if (session !== next) return;
    const snapshot = next.getSnapshot();
    for (const event of track(snapshot)) send({ tag: TAG, type: 'event', ...event } as ToHost);
    if (snapshot.chat.unread !== unread) {
      // More unread while the window is closed: the launcher's live region says what came (the
      // hidden window's own live region is silent).
      const say = !open && unread >= 0 && snapshot.chat.unread > unread ? unreadAnnouncement(snapshot.chat, language) : undefined;
      unread = snapshot.chat.unread;
      send({ tag: TAG, type: 'unread', count: unread, ...(say === undefined ? {} : { say }) });
    }
    // An agentJoined waiting for the agent's name fires at its deadline even if nothing changes.
    clearTimeout(timer);
    const deadline = track.nextDeadline();
    if (deadline !== undefined) timer = setTimeout(report, Math.max(0, deadline - Date.now()));
  };
  const stopReporting = next.subscribe(report);
  unsubscribe = () => {
    stopReporting();
    clearTimeout(timer);
  };
  report();
  draw();
  next.start();
}

function onMessage(event: MessageEvent): void {
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data as ToFrame;
  const type = typeOf(data);
  if (type === 'init' && data.type === 'init' && !config) {
    // The backend's session checks the settings (a ConfigError names what is wrong).
    config = data.config;
    const { jwt, lang } = config;
    // Open on the visitor's last page of the site in this tab: open again (the loader shows it).
    const restore = data.open !== true && wasOpen(widgetKey(config));
    open = data.open === true || restore;
    rememberOpen(widgetKey(config), open);
    modal = data.modal === true;
    wanted = open || data.intent === true;
    hostJwt = data.hostJwt === true;
    token = typeof jwt === 'string' && jwt !== '' ? jwt : undefined;
    tokenUnused = token !== undefined;
    language = baseLanguage(lang);
    document.documentElement.lang = language;
    document.documentElement.dir = isRtl(language) ? 'rtl' : 'ltr';
    void startSession();
    if (restore) send({ tag: TAG, type: 'open', open: true });
  } else if (type === 'open' && data.type === 'open') {
    open = data.open === true;
    if (config) rememberOpen(widgetKey(config), open);
    modal = data.modal === true;
    wanted ||= open;
    draw();
  } else if (type === 'intent' && !wanted) {
    wanted = true;
    draw();
  } else if (type === 'token' && data.type === 'token') {
    hostTokens.answer(data);
  } else if (type === 'jwt' && data.type === 'jwt' && typeof data.jwt === 'string' && data.jwt !== '') {
    const wasAnonymous = token === undefined && !hostJwt;
    token = data.jwt;
    tokenUnused = true;
    // An authenticated session takes it the next time it needs a token; an anonymous one starts over.
    if (wasAnonymous && config && config.backend !== 'genesys') void startSession();
  }
}

if ('refused' in embedding) {
  console.error(embedding.refused);
} else {
  window.addEventListener('message', onMessage);
  send({ tag: TAG, type: 'ready' });
}
