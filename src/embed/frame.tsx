// The app inside the embed's iframe (frame.html): waits for the loader's configuration, runs the
// LivePerson session and the window, and reports open/close, unread counts and public events.
// It talks only to the parent window, and only with the exact origin the loader put in its hash.
import { lazy, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChatSession } from '../core/session';
import { createLivePersonSession } from '../liveperson/session';
import { baseLanguage, isRtl } from '../ui/i18n-launcher';
import { createEventTracker } from './events';

// The window and its cache are a lazy chunk, requested at the first render (see FrameWindow.tsx).
const FrameWindow = lazy(() => import('./FrameWindow'));
import { TAG, typeOf, type FrameConfig, type ToFrame, type ToHost } from './protocol';
import './frame.css';

const parentOrigin = new URLSearchParams(location.hash.slice(1)).get('origin') ?? '';
const send = (message: ToHost) => window.parent.postMessage(message, parentOrigin);
const container = document.getElementById('parley');
const root = createRoot(container ?? document.body);

let config: FrameConfig | undefined;
let session: ChatSession | undefined;
let generation = 0;
let open = false;
let token: string | undefined;
let unsubscribe = () => {};

function draw(): void {
  if (!config || !session || !container) return;
  root.render(
    <Suspense fallback={null}>
      <FrameWindow key={generation} session={session} lang={config.lang} theme={config.theme} open={open} onClose={close} />
    </Suspense>,
  );
}

/** The visitor closed the window (Escape, the close button): the loader hides the frame. */
function close(): void {
  open = false;
  draw();
  send({ tag: TAG, type: 'open', open: false });
}

/** (Re)creates the session: at init, and when an anonymous visitor gets a token (logs in). */
function startSession(): void {
  if (!config) return;
  unsubscribe();
  session?.stop();
  session = undefined;
  const { jwt: _initial, theme: _theme, ...rest } = config;
  let next: ChatSession;
  try {
    next = createLivePersonSession({ ...rest, ...(token ? { getJwt: async () => token! } : {}) });
  } catch (error) {
    send({ tag: TAG, type: 'error', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  session = next;
  generation++;
  const track = createEventTracker();
  let unread = -1;
  const report = () => {
    const snapshot = next.getSnapshot();
    for (const event of track(snapshot)) send({ tag: TAG, type: 'event', ...event } as ToHost);
    if (snapshot.chat.unread !== unread) {
      unread = snapshot.chat.unread;
      send({ tag: TAG, type: 'unread', count: unread });
    }
  };
  unsubscribe = next.subscribe(report);
  report();
  draw();
  next.start();
}

function onMessage(event: MessageEvent): void {
  if (event.source !== window.parent || event.origin !== parentOrigin) return;
  const data = event.data as ToFrame;
  const type = typeOf(data);
  if (type === 'init' && data.type === 'init' && !config) {
    const { account, csds, domains, jwt, lang, theme } = data.config;
    config = { account, csds, domains, jwt, lang, theme };
    open = data.open === true;
    token = typeof config.jwt === 'string' && config.jwt !== '' ? config.jwt : undefined;
    const language = baseLanguage(config.lang);
    document.documentElement.lang = language;
    document.documentElement.dir = isRtl(language) ? 'rtl' : 'ltr';
    startSession();
  } else if (type === 'open' && data.type === 'open') {
    open = data.open === true;
    draw();
  } else if (type === 'jwt' && data.type === 'jwt' && typeof data.jwt === 'string' && data.jwt !== '') {
    const wasAnonymous = token === undefined;
    token = data.jwt;
    // An authenticated session asks getJwt() for the newest token; an anonymous one starts over.
    if (wasAnonymous && config) startSession();
  }
}

if (window.parent === window || !/^https?:\/\//.test(parentOrigin)) {
  console.error('Parley: frame.html runs only inside the Parley loader\'s iframe.');
} else {
  window.addEventListener('message', onMessage);
  send({ tag: TAG, type: 'ready' });
}
