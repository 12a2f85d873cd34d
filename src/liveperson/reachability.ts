// Moments when a connection that failed for lack of network may work again: the browser comes back
// online, or the tab becomes visible again (a laptop waking up); and the moment the browser says
// it is offline (the socket is lost, whether or not it noticed yet). Outside a browser: none.

/** Calls `listener` at each such moment; returns the unsubscribe function. */
export type WhenBack = (listener: () => void) => () => void;

export const browserWhenBack: WhenBack = (listener) => {
  const target = globalThis as { addEventListener?: Window['addEventListener']; removeEventListener?: Window['removeEventListener'] };
  const doc = (globalThis as { document?: Document }).document;
  if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') return () => undefined;
  const onOnline = () => listener();
  const onVisibility = () => {
    if (doc?.visibilityState === 'visible') listener();
  };
  target.addEventListener('online', onOnline);
  doc?.addEventListener('visibilitychange', onVisibility);
  return () => {
    target.removeEventListener?.('online', onOnline);
    doc?.removeEventListener('visibilitychange', onVisibility);
  };
};

/** Calls `listener` whenever the browser goes offline; returns the unsubscribe function. */
export const browserWhenOffline: WhenBack = (listener) => {
  const target = globalThis as { addEventListener?: Window['addEventListener']; removeEventListener?: Window['removeEventListener'] };
  if (typeof target.addEventListener !== 'function' || typeof target.removeEventListener !== 'function') return () => undefined;
  const onOffline = () => listener();
  target.addEventListener('offline', onOffline);
  return () => target.removeEventListener?.('offline', onOffline);
};
