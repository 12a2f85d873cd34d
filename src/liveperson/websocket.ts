// The WebSocket implementation the connection opens (the browser's, or Node's `ws` in tests).

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WebSocketClass = new (url: string, protocols?: string | string[]) => any;

/**
 * Node's `ws` throws on an 'error' event nobody listens to, which reconnecting-websocket can cause
 * when it abandons a socket (connect timeout); a permanent no-op listener keeps that from crashing.
 * Harmless for the browser's WebSocket.
 */
export function guarded(Impl: WebSocketClass): WebSocketClass {
  return class GuardedWebSocket extends Impl {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener('error', () => undefined);
    }
  };
}

export function defaultWebSocket(): WebSocketClass | undefined {
  return (globalThis as { WebSocket?: WebSocketClass }).WebSocket;
}
