import type { CallName } from './calls';
import type { EventName } from './events';

/**
 * What a renderer sees of main, whichever way it is carried (Electron IPC through the preload, or the
 * headless WebSocket): one function per call, and `on` for allowlisted events. Both carriers build this
 * object from CALL_NAMES/EVENT_NAMES, so they expose exactly the contract.
 */
export interface CarrierBridge {
  readonly kind: 'electron' | 'websocket';
  readonly calls: Readonly<Record<CallName, (input?: unknown) => Promise<unknown>>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Wire frames of the headless WebSocket carrier. */
export type WsClientFrame = { t: 'call'; id: number; name: string; input?: unknown };
export type WsServerFrame =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; name: string; payload: unknown }
  | { t: 'hello'; serverTime: number };

/** Query parameter that carries the session token in the headless URL. */
export const TOKEN_PARAM = 'token';
/** Path of the WebSocket endpoint on the headless server. */
export const WS_PATH = '/ws';
