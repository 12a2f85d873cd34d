// <ParleyChat config={…} ref={…} />: the widget for React sites (React 19: `ref` is a prop). It
// renders nothing in the React tree (the launcher and the iframe go to <html>, isolated); the ref
// gives the API, which works from the first moment: calls made before the widget exists wait for
// it, listeners are kept here and re-attached when a configuration change rebuilds the widget, the
// open window stays open across a rebuild, and a new `jwt` goes through setJwt(), not a rebuild.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { checkAppUrl } from './createParley';
import { createEmbed } from './embed';
import { EVENT_NAMES, type EmbedConfig, type ParleyApi, type ParleyEventName } from './types';

export interface ParleyChatProps {
  config: EmbedConfig;
  ref?: Ref<ParleyApi>;
}

type Listener = (detail: unknown) => void;

function checkEvent(method: string, event: unknown, listener: unknown): asserts event is ParleyEventName {
  if (typeof event !== 'string' || !Object.hasOwn(EVENT_NAMES, event)) throw new TypeError(`Parley.${method}: unknown event "${String(event)}"`);
  if (typeof listener !== 'function') throw new TypeError(`Parley.${method}: listener must be a function`);
}

export function ParleyChat({ config, ref }: ParleyChatProps): null {
  const widget = useRef<ParleyApi | null>(null);
  const listeners = useRef(new Map<ParleyEventName, Set<Listener>>());
  /** Calls made while there is no widget (before the first effect, or after a failed build). */
  const waiting = useRef<Array<(api: ParleyApi) => void>>([]);
  const isOpen = useRef(config.open === true);
  const jwt = useRef(config.jwt);
  // getJwt (a function, not in JSON) is called through a ref: a new closure each render changes nothing.
  const getJwt = useRef(config.getJwt);
  useEffect(() => {
    getJwt.current = config.getJwt;
  });
  // The widget is rebuilt only when what it is built from changes: not jwt, getJwt or open.
  const { jwt: _jwt, getJwt: hostGetJwt, open: _open, ...built } = config;
  const key = JSON.stringify({ ...built, getJwt: typeof hostGetJwt === 'function' });

  const call = (action: (api: ParleyApi) => void) => {
    if (widget.current) action(widget.current);
    else waiting.current.push(action);
  };

  useEffect(() => {
    const { getJwt: hasGetJwt, ...rest } = JSON.parse(key) as Omit<EmbedConfig, 'getJwt'> & { getJwt: boolean };
    const full: EmbedConfig = { ...rest, open: isOpen.current };
    if (jwt.current !== undefined) full.jwt = jwt.current;
    if (hasGetJwt) full.getJwt = () => getJwt.current!();
    checkAppUrl(full);
    const api = createEmbed(full, window, (open) => (isOpen.current = open));
    for (const [event, set] of listeners.current) for (const listener of set) api.on(event, listener);
    widget.current = api;
    for (const action of waiting.current.splice(0)) action(api);
    return () => {
      widget.current = null;
      api.destroy();
    };
  }, [key]);

  useEffect(() => {
    const token = config.jwt;
    if (typeof token !== 'string' || token === '' || token === jwt.current) return;
    jwt.current = token;
    call((api) => api.setJwt(token));
  }, [config.jwt]);

  useEffect(() => {
    if (config.open === undefined) return;
    const open = config.open;
    call((api) => (open ? api.open() : api.close()));
  }, [config.open]);

  useImperativeHandle(
    ref,
    (): ParleyApi => ({
      open: () => call((api) => api.open()),
      close: () => call((api) => api.close()),
      on(event, listener) {
        checkEvent('on', event, listener);
        const set = listeners.current.get(event) ?? new Set<Listener>();
        set.add(listener as Listener);
        listeners.current.set(event, set);
        widget.current?.on(event, listener);
      },
      off(event, listener) {
        checkEvent('off', event, listener);
        listeners.current.get(event)?.delete(listener as Listener);
        widget.current?.off(event, listener);
      },
      setJwt(token) {
        if (typeof token !== 'string' || token === '') throw new TypeError('Parley.setJwt: expected a non-empty string');
        jwt.current = token;
        call((api) => api.setJwt(token));
      },
      destroy: () => {
        waiting.current.length = 0;
        widget.current?.destroy();
      },
    }),
    [], // (every method reads refs only)
  );
  return null;
}
