// <ParleyChat config={…} ref={…} />: the widget for React sites. It renders nothing in the React
// tree (the launcher and the iframe go to document.body, isolated); the ref gives the API.
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { createParley } from './createParley';
import type { EmbedConfig, ParleyApi } from './types';

export interface ParleyChatProps {
  config: EmbedConfig;
  ref?: Ref<ParleyApi>;
}

export function ParleyChat({ config, ref }: ParleyChatProps): null {
  const api = useRef<ParleyApi | null>(null);
  // The widget is rebuilt only when the configuration's content changes, not its identity; getJwt
  // (a function, not in JSON) is called through a ref, so a new closure each render changes nothing.
  const getJwt = useRef(config.getJwt);
  useEffect(() => {
    getJwt.current = config.getJwt;
  });
  const key = JSON.stringify({ ...config, getJwt: typeof config.getJwt === 'function' });
  useEffect(() => {
    const { getJwt: hasGetJwt, ...rest } = JSON.parse(key) as Omit<EmbedConfig, 'getJwt'> & { getJwt: boolean };
    const widget = createParley(hasGetJwt ? { ...rest, getJwt: () => getJwt.current!() } : rest);
    api.current = widget;
    return () => {
      widget.destroy();
      api.current = null;
    };
  }, [key]);
  useImperativeHandle(
    ref,
    (): ParleyApi => ({
      open: () => api.current?.open(),
      close: () => api.current?.close(),
      on: (event, listener) => api.current?.on(event, listener),
      off: (event, listener) => api.current?.off(event, listener),
      setJwt: (jwt) => api.current?.setJwt(jwt),
      destroy: () => api.current?.destroy(),
    }),
    [],
  );
  return null;
}
