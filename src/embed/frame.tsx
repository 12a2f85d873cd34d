// The app inside the embed's iframe, whichever the backend: waits for the loader's configuration,
// runs the session its entry gives (frameLivePerson.tsx for frame.html, frameGenesys.tsx for
// genesys.html, a build of its own: LivePerson's app carries no Genesys byte), and reports
// open/close, unread counts, whether a conversation is open, and public events. It talks only to
// the parent window, and only with the exact origin the loader put in its hash, once that proved
// to be the embedding page's real origin (frameOrigin.ts).
// The window's code (react-query, the UI) is a lazy chunk fetched on the visitor's intent (hover,
// focus or touch of the launcher, or opening), not at load: the first load carries only what runs
// before (the connection, the state, the unread count and the host's events).
import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChatSession } from '../core/session';
import { baseLanguage, isRtl, type LauncherLanguage } from '../ui/i18nLauncher';
import { safeStore } from '../platform/storage';
import { messagePreview, unreadAnnouncement } from './announce';
import { createAttention, type Attention, type PageNotifications } from './attention';
import { createCueClaims } from './cueClaim';
import { createEventTracker } from './events';
import { currentEmbedding, parentOriginOf } from './frameOrigin';
import { createHostTokens } from './hostTokens';
import { rememberOpen, wasOpen } from './rememberOpen';
import { TAG, typeOf, type FrameConfig, type ToFrame, type ToHost } from './protocol';
import './frame.css';

const FrameWindow = lazy(() => import('./FrameWindow'));

/** What an entry gives the frame: its backend. */
export interface FrameBackend {
  /** Whose window state the tab remembers (the LivePerson account, the Genesys service). */
  key(config: FrameConfig): string;
  /** The session for the settings (`getJwt`: the page's tokens, when it pushed or serves any); throws ConfigError for unusable ones. */
  create(settings: FrameConfig, getJwt: (() => Promise<string>) | undefined): ChatSession | Promise<ChatSession>;
  /** A token the page pushes for an anonymous visitor (setJwt: they logged in) starts the session over as them. */
  restartOnLogin: boolean;
}
let backend: FrameBackend;

const embedding = parentOriginOf(currentEmbedding());
const parentOrigin = 'origin' in embedding ? embedding.origin : '';
const send = (message: ToHost) => window.parent.postMessage(message, parentOrigin);
const container = document.getElementById('parley');
const root = createRoot(container ?? document.body);
const hostTokens = createHostTokens(send);

let config: FrameConfig | undefined;
const widgetKey = (c: FrameConfig): string => backend.key(c);
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
/** The sound and notification cues (made with the configuration). */
let attention: Attention | undefined;

/** A plain box in the window's place while its code loads (on a slow network, after a click). */
function Placeholder() {
  return <div className="parley-placeholder" aria-busy="true" />;
}

function draw(): void {
  if (!config || !session || !container || !wanted) return;
  root.render(
    <Suspense fallback={open ? <Placeholder /> : null}>
      <FrameWindow key={generation} session={session} lang={config.lang} theme={config.theme} open={open} modal={modal} onClose={close} cues={attention?.settings()} />
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

/** The page's desktop notifications (it holds the permission; protocol.ts), and the asks it has not answered. */
let notifyPermission: NotificationPermission = 'default';
const asPermission = (p: unknown): NotificationPermission => (p === 'granted' || p === 'denied' ? p : 'default');
const notifyAsks: Array<(permission: NotificationPermission) => void> = [];
const pageNotifications: PageNotifications = {
  permission: () => notifyPermission,
  ask: () =>
    new Promise((resolve) => {
      notifyAsks.push(resolve);
      send({ tag: TAG, type: 'askNotify' });
    }),
  show: (title, body, key) => send({ tag: TAG, type: 'notify', title, body, key }),
};

/** A token for the session: one the page pushed and the session has not had, else the page's getJwt. */
async function getJwt(): Promise<string> {
  if (token !== undefined && (tokenUnused || !hostJwt)) {
    tokenUnused = false;
    return token;
  }
  return hostTokens.request();
}

/** The backend's session; throws ConfigError for unusable settings. */
async function createSession(settings: FrameConfig): Promise<ChatSession> {
  return backend.create(settings, token !== undefined || hostJwt ? getJwt : undefined);
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
  /** Whether a conversation is open, as last told to the host (undefined: not yet). */
  let active: boolean | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const report = () => {
    if (session !== next) return;
    const snapshot = next.getSnapshot();
    // One message for all of them: a history of 10,000 messages is one postMessage, not 10,000.
    const events = track(snapshot);
    if (events.length > 0) send({ tag: TAG, type: 'events', events });
    if (snapshot.chat.unread !== unread) {
      // More unread while the window is closed: the launcher's live region says what came (the
      // hidden window's own live region is silent).
      const say = !open && unread >= 0 && snapshot.chat.unread > unread ? unreadAnnouncement(snapshot.chat, language) : undefined;
      unread = snapshot.chat.unread;
      const preview = unread > 0 ? messagePreview(snapshot.chat, language) : undefined;
      send({ tag: TAG, type: 'unread', count: unread, ...(say === undefined ? {} : { say }), ...(preview ? { preview } : {}) });
    }
    attention?.update(snapshot.chat, open);
    // Once the server said (the session was online): the loader remembers it for the next page view.
    const nowActive = snapshot.chat.stage === 'open';
    if (snapshot.connection.status === 'online' && nowActive !== active) {
      active = nowActive;
      send({ tag: TAG, type: 'conversation', open: active });
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
    const store = safeStore();
    attention = createAttention({
      widgetKey: widgetKey(config),
      sound: config.sound,
      // (Offered by the page only when the site set `notifications` and the browser has them.)
      ...(data.notify ? { notifications: pageNotifications } : {}),
      language,
      store,
      claim: createCueClaims(store),
    });
    if (data.notify) notifyPermission = asPermission(data.notify);
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
  } else if (type === 'notifyPermission' && data.type === 'notifyPermission') {
    notifyPermission = asPermission(data.permission);
    for (const answer of notifyAsks.splice(0)) answer(notifyPermission);
  } else if (type === 'token' && data.type === 'token') {
    hostTokens.answer(data);
  } else if (type === 'jwt' && data.type === 'jwt' && typeof data.jwt === 'string' && data.jwt !== '') {
    const wasAnonymous = token === undefined && !hostJwt;
    token = data.jwt;
    tokenUnused = true;
    // An authenticated session takes it the next time it needs a token; an anonymous one starts over.
    if (wasAnonymous && config && backend.restartOnLogin) void startSession();
  }
}

/** Runs the frame with its entry's backend. */
export function startFrame(entry: FrameBackend): void {
  backend = entry;
  if ('refused' in embedding) {
    console.error(embedding.refused);
  } else {
    window.addEventListener('message', onMessage);
    send({ tag: TAG, type: 'ready' });
  }
}
